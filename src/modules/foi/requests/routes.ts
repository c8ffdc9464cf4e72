/**
 * FOI-01: the coordination unit's pages: the register with its views and the share answered on
 * time by quarter, a request logged, a request's page (due date, days left, clock stops,
 * extensions, answer, later stages), and each action's form.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import { pageRequest } from '../../../platform/db/search.js';
import { dateParts } from '../../../platform/http/form-fields.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { formatDate, formatDateTime } from '../../../platform/i18n/dates.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { foiPaths as paths } from '../paths.js';
import type { FoiRouteDeps as RouteDeps } from '../route-deps.js';
import {
  FOI_CHANNELS,
  LINKED_RECORD_TYPES,
  PART_OUTCOMES,
  STAGE_OUTCOMES,
  STOP_REASONS,
  workingDaysLeft,
} from '../rules.js';
import { askedInShort, foiReference, requestStatus } from './presenter.js';
import { ANSWER_PARTS, REGISTER_VIEWS, type RegisterView } from './service.js';

const T = 'modules/foi/requests/views';
const viewers = { config: { access: { action: 'foi.view' as const } } };
const keepers = { config: { access: { action: 'foi.manage' as const } } };

/** "5 working days left", "due today", "3 working days overdue", or "clock stopped". */
export function dueText(
  t: Translate,
  today: string,
  r: { dueOn: string | null; clockStopped: boolean; answeredOn: string | null },
): string {
  if (r.clockStopped || !r.dueOn) return t('foi:due.stopped');
  if (r.answeredOn) return '';
  const left = workingDaysLeft(today, r.dueOn);
  if (left === 0) return t('foi:due.today');
  return left > 0 ? t('foi:due.left', { count: left }) : t('foi:due.overdue', { count: -left });
}

export function registerRequestRoutes({ app, services, renderPage, config, now }: RouteDeps): void {
  const { foiRequests: requests, foiDisclosure: disclosure, foiLinkedRecords: links } = services;
  const crumbs = (t: Translate) => [
    { text: t('nav.home'), href: '/' },
    { text: t('foi:register.title'), href: paths.register },
  ];
  const requestId = (request: FastifyRequest) =>
    (request.params as { requestId: string }).requestId;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, string>;

  app.get(paths.register, viewers, async (request, reply) => {
    const t = request.t;
    const asked = queryString(request.query, 'view') ?? 'open';
    const view: RegisterView = (REGISTER_VIEWS as readonly string[]).includes(asked)
      ? (asked as RegisterView)
      : 'open';
    const today = todayInLondon(now());
    const page = pageRequest(queryString(request.query, 'page'));
    const [result, quarters] = await Promise.all([
      requests.list(request.principal, view, today, page),
      requests.quarters(request.principal),
    ]);
    return renderPage(request, reply, `${T}/register.njk`, {
      title: t('foi:register.title'),
      breadcrumbs: crumbs(t).slice(0, 1),
      paths,
      canManage: can(request.principal, 'foi.manage'),
      views: REGISTER_VIEWS.map((v) => ({
        text: t(`foi:register.views.${v}`),
        href: `${paths.register}?view=${v}`,
        current: v === view,
      })),
      viewName: t(`foi:register.views.${view}`),
      rows: result.items.map((r) => ({
        href: paths.request(r.id),
        reference: foiReference(r.number),
        asked: askedInShort(r.asked),
        receivedText: formatDate(t, r.receivedOn),
        dueText: r.dueOn ? formatDate(t, r.dueOn) : t('foi:due.notKnown'),
        left: dueText(t, today, r),
        overdue: !r.answeredOn && r.dueOn !== null && r.dueOn < today,
        status: requestStatus(t, r),
      })),
      quarters: quarters.map((q) => ({
        quarter: q.quarter,
        answered: q.answered,
        onTime: q.onTime,
        share: `${Math.round((q.onTime * 1000) / q.answered) / 10}%`,
      })),
      total: result.total,
      pagination: paginationFor(paths.register, { view }, page.page, page.limit, result.total),
    });
  });

  registerFormPage(app, paths.log, keepers, {
    show: formShow(renderPage, `${T}/log.njk`, async (request) => ({
      title: request.t('foi:log.title'),
      breadcrumbs: crumbs(request.t),
      paths,
      channels: FOI_CHANNELS,
    })),
    async submit(request, reply) {
      const made = await requests.log(
        request.principal,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.request(made.id),
        request.t('foi:log.done', {
          reference: foiReference(made.number),
          due: made.dueOn ? formatDate(request.t, made.dueOn) : '',
        }),
      );
    },
  });

  const showRequest = formShow(renderPage, `${T}/request.njk`, async (request) => {
    const t = request.t;
    const id = requestId(request);
    const canManage = can(request.principal, 'foi.manage');
    const [{ request: r, stops, extensions, parts }, documents, linked, groups] = await Promise.all(
      [
        requests.get(request.principal, id),
        disclosure.documentsOf(request.principal, id),
        links.linkedTo(request.principal, id),
        canManage ? links.workingGroups() : [],
      ],
    );
    const today = todayInLondon(now());
    return {
      title: t('foi:request.title', { reference: foiReference(r.number) }),
      breadcrumbs: crumbs(t),
      paths,
      r,
      id,
      canManage,
      receivedText: formatDateTime(t, r.receivedAt),
      receivedOnText: formatDate(t, r.receivedOn),
      movedText: r.receiptMoved ? t(`foi:request.moved.${r.receiptMoved}`) : '',
      dueText: r.dueOn ? formatDate(t, r.dueOn) : t('foi:due.notKnown'),
      left: dueText(t, today, r),
      channelText: t(`foi:channels.${r.channel}`),
      stops: stops.map((s) => ({
        reason: t(`foi:stopReasons.${s.reason}`),
        stoppedText: formatDate(t, s.stoppedOn),
        restartedText: s.restartedOn ? formatDate(t, s.restartedOn) : t('foi:request.stillStopped'),
      })),
      extensions: extensions.map((e) => ({
        dateText: formatDate(t, e.newDate),
        reason: e.reason,
      })),
      answeredText: r.answeredOn ? formatDate(t, r.answeredOn) : '',
      parts: parts.map((p) => ({
        description: p.description,
        outcome: t(`foi:outcomes.${p.outcome}`),
        exemption: p.exemption ? `${p.exemption} ${p.exemptionName ?? ''}`.trim() : '',
      })),
      stages: (['review', 'complaint'] as const).map((stage) => {
        const [opened, decided, outcome] =
          stage === 'review'
            ? [r.reviewRequestedOn, r.reviewDecidedOn, r.reviewOutcome]
            : [r.complaintMadeOn, r.complaintDecidedOn, r.complaintOutcome];
        return {
          stage,
          title: t(`foi:stages.${stage}.title`),
          href: stage === 'review' ? paths.review(id) : paths.complaint(id),
          openedLabel: t(`foi:stages.${stage}.opened`),
          decidedLabel: t(`foi:stages.${stage}.decided`),
          openedText: opened ? formatDate(t, opened) : '',
          decidedText: decided ? formatDate(t, decided) : '',
          outcome: outcome ? t(`foi:stageOutcomes.${outcome}`) : '',
        };
      }),
      documents: documents.map((d) => ({
        ...d,
        href: paths.document(id, d.id),
        remove: paths.removeDocument(id, d.id),
      })),
      linked: linked.map((l) => ({
        type: t(`foi:links.types.${l.recordType}`),
        name: l.name ?? t('foi:links.gone'),
        href: l.href,
        disclosed: l.disclosed,
        remove: paths.unlink(id, l.id),
      })),
      linkTypes: LINKED_RECORD_TYPES,
      groups,
    };
  });
  app.get(paths.request.pattern, viewers, (request, reply) => showRequest(request, reply, {}));
  registerFormPage(app, paths.link.pattern, keepers, {
    shownElsewhere: true,
    show: showRequest,
    async submit(request, reply) {
      await links.link(request.principal, requestId(request), body(request), request.id);
      return redirectWithFlash(
        reply,
        `${paths.request(requestId(request))}#records`,
        request.t('foi:links.done'),
      );
    },
  });
  app.post(paths.unlink.pattern, keepers, async (request, reply) => {
    const { linkId } = request.params as { linkId: string };
    await links.unlink(request.principal, requestId(request), linkId, request.id);
    return redirectWithFlash(
      reply,
      `${paths.request(requestId(request))}#records`,
      request.t('foi:links.removed'),
    );
  });

  /** Each action's form, on a page of its own under the request's reference. */
  const action = (
    name: 'stop' | 'restart' | 'extend' | 'answer' | 'review' | 'complaint' | 'publish',
    url: string,
    submit: (request: FastifyRequest) => Promise<unknown>,
    done: (request: FastifyRequest) => string,
    initial?: (r: Awaited<ReturnType<typeof requests.get>>['request']) => Record<string, string>,
  ) => {
    const load = async (request: FastifyRequest) => {
      const { request: r } = await requests.get(request.principal, requestId(request));
      return r;
    };
    registerFormPage(app, url, keepers, {
      initial: async (request) => {
        const r = await load(request);
        return { version: String(r.version), ...initial?.(r) };
      },
      show: formShow(renderPage, `${T}/action.njk`, async (request, values) => {
        const t = request.t;
        const r = await load(request);
        return {
          title: t(`foi:actions.${name}.title`),
          caption: t('foi:request.title', { reference: foiReference(r.number) }),
          breadcrumbs: [...crumbs(t), { text: foiReference(r.number), href: paths.request(r.id) }],
          form: name,
          action: url.replace(':requestId', r.id),
          back: paths.request(r.id),
          // A refused stale edit keeps the version it carried, so it is refused again until
          // the page is opened afresh.
          values: { version: String(r.version), ...values },
          dueText: r.dueOn ? formatDate(t, r.dueOn) : t('foi:due.notKnown'),
          stopReasons: STOP_REASONS,
          outcomes: PART_OUTCOMES,
          stageOutcomes: STAGE_OUTCOMES,
          exemptions: config.foi.exemptions,
          partNumbers: Array.from({ length: ANSWER_PARTS }, (_, i) => i + 1),
          stageLabels: name === 'review' || name === 'complaint' ? name : null,
        };
      }),
      async submit(request, reply) {
        await submit(request);
        return redirectWithFlash(reply, paths.request(requestId(request)), done(request));
      },
    });
  };

  action(
    'stop',
    paths.stop.pattern,
    (rq) => requests.stopClock(rq.principal, requestId(rq), body(rq), rq.id),
    (rq) => rq.t('foi:actions.stop.done'),
  );
  action(
    'restart',
    paths.restart.pattern,
    (rq) => requests.restartClock(rq.principal, requestId(rq), body(rq), rq.id),
    (rq) => rq.t('foi:actions.restart.done'),
  );
  action(
    'extend',
    paths.extend.pattern,
    (rq) => requests.extend(rq.principal, requestId(rq), body(rq), rq.id),
    (rq) => rq.t('foi:actions.extend.done'),
  );
  action(
    'answer',
    paths.answer.pattern,
    (rq) => requests.answer(rq.principal, requestId(rq), body(rq), rq.id),
    (rq) => rq.t('foi:actions.answer.done'),
  );
  for (const stage of ['review', 'complaint'] as const)
    action(
      stage,
      paths[stage].pattern,
      (rq) => requests.recordStage(rq.principal, requestId(rq), stage, body(rq), rq.id),
      (rq) => rq.t(`foi:actions.${stage}.done`),
      (r) => {
        const [opened, decided, outcome] =
          stage === 'review'
            ? [r.reviewRequestedOn, r.reviewDecidedOn, r.reviewOutcome]
            : [r.complaintMadeOn, r.complaintDecidedOn, r.complaintOutcome];
        return {
          ...dateParts('openedOn', opened),
          ...dateParts('decidedOn', decided),
          ...(outcome ? { outcome } : {}),
        };
      },
    );
  action(
    'publish',
    paths.publish.pattern,
    (rq) => disclosure.publish(rq.principal, requestId(rq), body(rq), rq.id),
    (rq) => rq.t('foi:actions.publish.done'),
    (r): Record<string, string> => (r.publicSummary ? { publicSummary: r.publicSummary } : {}),
  );
}
