/** CON-04, CON-05: the panel's decision on an application, and the award letter. */
import type { FastifyRequest } from 'fastify';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { penceAsDecimal } from '../../../platform/money/pence.js';
import { can } from '../../../platform/auth/permissions.js';
import { applicationPaths } from '../applications/paths.js';
import { awardPaths as paths } from '../assessment/paths.js';
import { applicationReference, MAX_INSTALMENTS } from '../assessment/rules.js';
import type { GrantsRouteDeps as RouteDeps } from '../route-deps.js';

const T = 'modules/grants/award/views';
const viewers = { config: { access: { action: 'grants.view' as const } } };
const managers = { config: { access: { action: 'grants.manage' as const } } };
/** The award letter: staff, and those who act for the applicant (the service narrows). */
const applicants = { config: { access: { action: 'grants.apply' as const } } };

const idOf = (request: FastifyRequest) =>
  (request.params as { applicationId: string }).applicationId;

export function registerAwardRoutes({ app, services, renderPage }: RouteDeps): void {
  const { grantAward: award } = services;

  registerFormPage(app, paths.decision.pattern, viewers, {
    initial: async (request) => {
      const {
        application,
        fund,
        suggestedFirstDueOn: first,
      } = await award.decisionPage(request.principal, idOf(request));
      return {
        amount: penceAsDecimal(application.requestedPence ?? 0),
        conditions: fund.conditions,
        instalments: '2',
        'firstDueOn-day': String(Number(first.slice(8, 10))),
        'firstDueOn-month': String(Number(first.slice(5, 7))),
        'firstDueOn-year': first.slice(0, 4),
      };
    },
    show: formShow(renderPage, `${T}/decision.njk`, async (request, values) => {
      const page = await award.decisionPage(request.principal, idOf(request));
      const reference = applicationReference(page.application.reference);
      const left = page.year ? page.year.budgetPence - page.year.committedPence : null;
      return {
        title: request.t('grants:award.decision.title', { reference }),
        breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
        ...page,
        reference,
        left,
        outcomeItems: (['awarded', 'declined'] as const).map((o) => ({
          value: o,
          text: request.t(`grants:award.outcomes.${o}`),
          checked: values.outcome === o,
        })),
        instalmentItems: Array.from({ length: MAX_INSTALMENTS }, (_, i) => ({
          value: String(i + 1),
          text: String(i + 1),
          selected: values.instalments === String(i + 1),
        })),
        assessorsHref: paths.assessors(page.application.id),
        canManage: can(request.principal, 'grants.manage'),
        letterHref: paths.letter(page.application.id),
        outstanding: page.outstanding.map((o) => applicationReference(o.reference)),
      };
    }),
    submitOptions: managers,
    submit: async (request, reply) => {
      const decided = await award.decide(
        request.principal,
        idOf(request),
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      const reference = applicationReference(decided.reference);
      return redirectWithFlash(
        reply,
        paths.decision(decided.id),
        request.t(
          decided.status === 'awarded'
            ? 'grants:award.decision.awarded'
            : 'grants:award.decision.declined',
          { reference },
        ),
      );
    },
  });

  app.get(paths.letter.pattern, applicants, async (request, reply) => {
    const letter = await award.letter(request.principal, idOf(request));
    const reference = applicationReference(letter.application.reference);
    return renderPage(request, reply, `${T}/letter.njk`, {
      title: request.t('grants:award.letter.title', { reference }),
      breadcrumbs: [
        { text: request.t('nav.home'), href: '/' },
        {
          text: reference,
          href: can(request.principal, 'grants.view')
            ? paths.decision(letter.application.id)
            : applicationPaths.application(letter.application.id),
        },
      ],
      ...letter,
      reference,
    });
  });
}
