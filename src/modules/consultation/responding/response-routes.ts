/**
 * A response's pages, carried by its link's token: one question a page (a question shown only
 * after a given answer is asked as the respondent moves on, decided here on the server), "about
 * you", the check page with its change links, and "save and finish later". Each works without
 * JavaScript: every page is a form posted to the server, which says where to go next.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, type FieldError } from '../../../platform/errors.js';
import { checkedValues } from '../../../platform/http/form-fields.js';
import {
  redirectWithFlash,
  registerFormPage,
  type FormValues,
} from '../../../platform/http/render.js';
import { consultationPaths } from '../paths.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import { previousQuestion } from '../response-rules.js';
import { respondingPaths as paths } from './paths.js';
import { answerLines, aboutYouRows, monitoringItems } from './presenter.js';
import { publicCrumbs, T } from './public-routes.js';
import { HONEYPOT } from './service.js';

const publicPage = { config: { access: 'public' as const } };
type Params = { token: string; position: string };
const params = (request: FastifyRequest) => request.params as Params;
type Values = Record<string, string | string[] | undefined>;

export function registerResponseRoutes({ app, services, renderPage, config }: RouteDeps): void {
  const { consultationResponding: responding } = services;
  const section = (request: FastifyRequest) => request.t('consultation:responding.section');

  /** A response's page, or the page saying its consultation has closed. */
  async function loaded(request: FastifyRequest, reply: FastifyReply) {
    const s = await responding.response(params(request).token);
    if (s.open) return { s, closed: null };
    const closed = await renderPage(request, reply, `${T}/closed.njk`, {
      title: request.t('consultation:responding.closedPage.title'),
      section: section(request),
      breadcrumbs: publicCrumbs(request, s.consultation),
      closedOn: s.closedOn,
    });
    return { s, closed };
  }

  app.get(consultationPaths.resume.pattern, publicPage, async (request, reply) =>
    reply.redirect(await responding.resumeAt(params(request).token), 303),
  );

  const showQuestion = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors?: FieldError[],
    status = 200,
  ) => {
    const { token, position } = params(request);
    const { s, closed } = await loaded(request, reply);
    if (closed) return closed;
    const question = s.visible.find((q) => String(q.position) === position);
    if (!question) throw new NotFoundError();
    const given = s.answers.get(question.id);
    const sent = errors
      ? checkedValues(values.answer)
      : given?.kind === 'options'
        ? given.optionIds
        : given?.kind === 'rating'
          ? [String(given.rating)]
          : given?.kind === 'text'
            ? [given.text]
            : [];
    const t = request.t;
    const items =
      question.kind === 'rating'
        ? Array.from({ length: question.ratingScale ?? 0 }, (_, i) => String(i + 1)).map((n) => ({
            value: n,
            text: n,
            checked: sent.includes(n),
          }))
        : question.options.map((o) => ({
            value: o.id,
            text: o.label,
            checked: sent.includes(o.id),
          }));
    const previous = previousQuestion(s.visible, question.position);
    const change = (request.query as Record<string, unknown>).change ?? values.change;
    return renderPage(
      request,
      reply,
      `${T}/question.njk`,
      {
        title: question.text,
        section: section(request),
        breadcrumbs: publicCrumbs(request, s.consultation),
        caption: s.consultation.title,
        question,
        legend: question.required
          ? question.text
          : t('consultation:responding.question.optional', { question: question.text }),
        items,
        text: question.kind === 'text' ? (sent[0] ?? '') : '',
        change: change === 'check' ? 'check' : '',
        action: paths.question(token, String(question.position)),
        previousHref: previous
          ? paths.question(token, String(previous.position))
          : consultationPaths.publicConsultation(s.consultation.id),
        errors,
      },
      status,
    );
  };

  registerFormPage(app, paths.question.pattern, publicPage, {
    show: showQuestion,
    async submit(request, reply) {
      const { token, position } = params(request);
      const to = await responding.answer(token, Number(position), (request.body ?? {}) as Values);
      return reply.redirect(to, 303);
    },
  });

  registerFormPage(app, paths.aboutYou.pattern, publicPage, {
    async show(request, reply, values, errors, status = 200) {
      const { s, closed } = await loaded(request, reply);
      if (closed) return closed;
      const boroughs = await responding.boroughs();
      const m = s.monitoring;
      const current = errors
        ? values
        : {
            borough: s.response.boroughId ?? '',
            ageBand: m?.ageBand ?? '',
            sex: m?.sex ?? '',
            ethnicGroup: m?.ethnicGroup ?? '',
          };
      const last = s.visible[s.visible.length - 1];
      return renderPage(
        request,
        reply,
        `${T}/about-you.njk`,
        {
          title: request.t('consultation:responding.aboutYou.title'),
          section: section(request),
          breadcrumbs: publicCrumbs(request, s.consultation),
          caption: s.consultation.title,
          boroughItems: [
            { value: '', text: request.t('consultation:responding.aboutYou.boroughChoose') },
            ...boroughs.map((b) => ({
              value: b.id,
              text: b.name,
              selected: current.borough === b.id,
            })),
            {
              value: 'prefer-not',
              text: request.t('consultation:responding.aboutYou.preferNot'),
              selected: current.borough === 'prefer-not',
            },
          ],
          ...monitoringItems(request.t, current),
          // DP-03: respondents are told when what they give here is removed.
          retentionDays: config.consultation.responseRetentionDays,
          action: paths.aboutYou(params(request).token),
          previousHref: last
            ? paths.question(params(request).token, String(last.position))
            : consultationPaths.publicConsultation(s.consultation.id),
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const to = await responding.aboutYou(params(request).token, (request.body ?? {}) as Values);
      return reply.redirect(to, 303);
    },
  });

  registerFormPage(app, paths.check.pattern, publicPage, {
    async show(request, reply, _values, errors, status = 200) {
      const { s, closed } = await loaded(request, reply);
      if (closed) return closed;
      const token = params(request).token;
      const t = request.t;
      const boroughs = await responding.boroughs();
      return renderPage(
        request,
        reply,
        `${T}/check.njk`,
        {
          title: t('consultation:responding.check.title'),
          section: section(request),
          breadcrumbs: publicCrumbs(request, s.consultation),
          caption: s.consultation.title,
          rows: s.visible.map((q) => ({
            id: `question-${q.position}`,
            key: q.text,
            lines: answerLines(q, s.answers.get(q.id)),
            href: `${paths.question(token, String(q.position))}?change=check`,
          })),
          aboutRows: aboutYouRows(t, s.response.boroughId, s.monitoring, boroughs).map((r) => ({
            ...r,
            href: paths.aboutYou(token),
          })),
          action: paths.check(token),
          saveHref: paths.save(token),
          honeypot: HONEYPOT,
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const to = await responding.submit(
        params(request).token,
        (request.body ?? {}) as Values,
        request.id,
      );
      return reply.redirect(to, 303);
    },
  });

  registerFormPage(app, paths.save.pattern, publicPage, {
    async show(request, reply, values, errors, status = 200) {
      const { s, closed } = await loaded(request, reply);
      if (closed) return closed;
      const token = params(request).token;
      return renderPage(
        request,
        reply,
        `${T}/save.njk`,
        {
          title: request.t('consultation:responding.save.title'),
          section: section(request),
          breadcrumbs: publicCrumbs(request, s.consultation),
          caption: s.consultation.title,
          link: `${config.publicUrl}${consultationPaths.resume(token)}`,
          closesOn: s.consultation.closesOn,
          retentionDays: config.consultation.responseRetentionDays,
          continueHref: consultationPaths.resume(token),
          action: paths.save(token),
          values: { email: errors ? values.email : (s.response.contactEmail ?? '') },
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const token = params(request).token;
      const email = await responding.sendLink(token, (request.body ?? {}) as Values, request.id);
      return redirectWithFlash(
        reply,
        paths.save(token),
        request.t('consultation:responding.save.sent', { email }),
      );
    },
  });
}
