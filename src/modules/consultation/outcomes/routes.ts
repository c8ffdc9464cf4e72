/**
 * CON-07 "You said, we did": the officer's page to write, save and publish what came of a closed
 * consultation, and the public's pages to read one and the list of them.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  type FormValues,
} from '../../../platform/http/render.js';
import { consultationPaths } from '../paths.js';
import { closedOn } from '../response-rules.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import { outcomePaths as paths } from './paths.js';
import { bodyTypeItems, linksView, minuteItems, sourceItems } from './presenter.js';
import { keptPage } from '../../../platform/http/route-options.js';

const T = 'modules/consultation/outcomes/views';
const managers = { config: { access: { action: 'consultation.manage' as const } } };
const idOf = (request: FastifyRequest) =>
  (request.params as { consultationId: string }).consultationId;
/** A text as its paragraphs: a blank line between two. */
const paragraphs = (value: string) =>
  value
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
const text = (value: FormValues[string]) => (typeof value === 'string' ? value : undefined);

export function registerOutcomeRoutes({ app, services, renderPage }: RouteDeps): void {
  const { consultationOutcomes: outcomes, consulteeChoice, db } = services;

  const staffCrumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    {
      text: request.t('consultation:outcomes.consultations'),
      href: consultationPaths.consultations,
    },
  ];
  const publicCrumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    {
      text: request.t('consultation:outcomes.public.consultations'),
      href: consultationPaths.publicHome,
    },
  ];

  const show = formShow(renderPage, `${T}/staff.njk`, async (request, values) => {
    const query = request.query as FormValues;
    const page = await outcomes.staffPage(request.principal, idOf(request), {
      bodyType: text(values.bodyType) ?? text(query.bodyType),
      sourceTitle: text(values.sourceTitle) ?? text(query.sourceTitle),
    });
    const { consultation, outcome } = page;
    return {
      title: request.t('consultation:outcomes.staff.title', { title: consultation.title }),
      breadcrumbs: [
        ...staffCrumbs(request),
        { text: consultation.title, href: consultationPaths.consultation(consultation.id) },
      ],
      consultation,
      // A consultation closed early ran until the day it closed, not its planned closing date.
      closedOn: closedOn(consultation),
      closed: page.phase === 'closed',
      outcome,
      received: page.received,
      ...linksView(page),
      bodyTypes: bodyTypeItems(request.t, page.bodyType),
      minutes: minuteItems(
        request.t,
        page.minuteChoices,
        page.decision,
        text(values.decisionMinuteItemId),
      ),
      sources: sourceItems(
        request.t,
        page.sourceChoices,
        page.source,
        text(values.trackerSourceId),
      ),
      action: paths.outcome(consultation.id),
      publicHref: outcome?.publishedAt ? paths.publicOutcome(consultation.id) : null,
    };
  });

  registerFormPage(app, paths.outcome.pattern, managers, {
    initial: async (request) => {
      const { outcome } = await outcomes.staffPage(request.principal, idOf(request), {});
      return outcome
        ? {
            youSaid: outcome.youSaid,
            weDid: outcome.weDid,
            changePromised: outcome.changePromised ? 'yes' : 'no',
            trackerSourceId: outcome.trackerSourceId ?? '',
            decisionMinuteItemId: outcome.decisionMinuteItemId ?? '',
            version: String(outcome.version),
          }
        : {};
    },
    show,
    async submit(request: FastifyRequest, reply: FastifyReply) {
      const body = (request.body ?? {}) as FormValues;
      const id = idOf(request);
      // Finding minutes of another body type or sources by title shows the form again as typed.
      if (body.intent === 'find') return show(request, reply, body);
      const publish = body.intent === 'publish';
      const saved = await (publish ? outcomes.publish : outcomes.save)(
        request.principal,
        id,
        body,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.outcome(id),
        request.t(
          publish
            ? 'consultation:outcomes.staff.published'
            : saved.publishedAt
              ? 'consultation:outcomes.staff.savedPublished'
              : 'consultation:outcomes.staff.savedDraft',
        ),
      );
    },
  });

  app.get(paths.publicOutcomes, keptPage('page'), async (request, reply) => {
    const page = pageRequest((request.query as FormValues).page, 20);
    const result = await outcomes.publishedOutcomes(page);
    return renderPage(request, reply, `${T}/public-list.njk`, {
      title: request.t('consultation:outcomes.public.listTitle'),
      breadcrumbs: publicCrumbs(request),
      rows: result.items.map((o) => ({
        ...o,
        closedOn: closedOn(o),
        href: paths.publicOutcome(o.consultationId),
      })),
      total: result.total,
      pagination: paginationFor(paths.publicOutcomes, {}, page.page, page.limit, result.total),
    });
  });

  app.get(paths.publicOutcome.pattern, keptPage(), async (request, reply) => {
    const result = await outcomes.publicOutcome(idOf(request));
    const { consultation } = result;
    // CON-07: who was consulted is on record: the consultees asked, by category (counts alone).
    const consulted = await consulteeChoice.consultedByCategory(db, consultation.id);
    return renderPage(request, reply, `${T}/public-outcome.njk`, {
      title: request.t('consultation:outcomes.public.title', { title: consultation.title }),
      breadcrumbs: [
        ...publicCrumbs(request),
        { text: request.t('consultation:outcomes.public.listTitle'), href: paths.publicOutcomes },
      ],
      consultation,
      closedOn: closedOn(consultation),
      outcome: result.outcome,
      youSaid: paragraphs(result.outcome.youSaid),
      weDid: paragraphs(result.outcome.weDid),
      received: result.received,
      consulted: consulted.map((c) => ({
        category: request.t(`consultation:consultees.categories.${c.category}`),
        count: c.count,
      })),
      ...linksView(result),
    });
  });
}
