import type { FastifyRequest } from 'fastify';
import type { AdviceRouteDeps as RouteDeps } from '../route-deps.js';
import { can } from '../../../platform/auth/permissions.js';
import { checkedValues } from '../../../platform/http/form-fields.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { CLEARANCE_ORDER } from '../../groups/index.js';
import { advicePaths as paths } from '../paths.js';
import { requestCrumbs, routeParts, workQueuePage } from '../presenter.js';
import { ADVICE_OUTCOMES, EXPERIENCE_AREAS, URGENCIES, checkDocumentToShare } from '../rules.js';
import { say } from '../../../platform/i18n/said.js';

const T = 'modules/advice/requests/views';
// Who may ask, triage or read a request is decided by the service (permission and ownership).
const signedIn = { config: { access: 'signed-in' as const } };

export function registerAdviceRoutes({ app, services, renderPage }: RouteDeps): void {
  const { advice } = services;
  const { params, body, pageOf, home, waited } = routeParts(advice.now);
  const idOf = (request: FastifyRequest) => params(request).requestId!;
  const triageList = (request: FastifyRequest) => ({
    text: request.t('advice:requests.triage.title'),
    href: paths.triage,
  });
  const mineList = (request: FastifyRequest) => ({
    text: request.t('advice:requests.mine.title'),
    href: paths.mine,
  });
  /** Down to a request from a list (CTSET's queue, or the requester's own). */
  const crumbsVia = (
    list: typeof triageList,
    request: FastifyRequest,
    r: { id: string; reference: number },
  ) => {
    const [first, last] = requestCrumbs(request, r);
    return [first!, list(request), last!];
  };

  app.get(paths.mine, signedIn, async (request, reply) => {
    const page = pageOf(request, 20);
    const result = await advice.mine(request.principal, page);
    return renderPage(request, reply, `${T}/mine.njk`, {
      title: request.t('advice:requests.mine.title'),
      breadcrumbs: [home(request)],
      ...result,
      pagination: paginationFor(paths.mine, {}, page.page, page.limit, result.total),
      paths,
    });
  });

  const showAskForm = formShow(renderPage, `${T}/ask.njk`, async (request, values) => {
    advice.askForm(request.principal);
    const choose = (name: string, value: string) => values[name] === value;
    return {
      title: request.t('advice:requests.ask.title'),
      breadcrumbs: [home(request), mineList(request)],
      urgencyItems: URGENCIES.map((u) => ({
        value: u,
        text: request.t(`advice:urgency.${u}`),
        hint: {
          text: request.t(`advice:requests.ask.urgency.hint.${u}`, {
            hours: advice.targets.urgentMinutes / 60,
            days: advice.targets.routineWorkingDays,
          }),
        },
        checked: choose('urgency', u),
      })),
      seriousItems: [
        {
          value: 'yes',
          text: request.t('advice:common.yes'),
          checked: choose('seriousOrCritical', 'yes'),
        },
        {
          value: 'no',
          text: request.t('advice:common.no'),
          checked: choose('seriousOrCritical', 'no'),
        },
      ],
      experienceItems: EXPERIENCE_AREAS.map((e) => ({
        value: e,
        text: request.t(`advice:experience.${e}`),
        checked: checkedValues(values.experienceNeeded).includes(e),
      })),
      clearanceItems: [
        { value: 'none', text: request.t('advice:requests.ask.clearanceNeeded.none') },
        ...CLEARANCE_ORDER.map((c) => ({
          value: c,
          text: request.t(`groups:clearance.${c}`),
        })),
      ].map((i) => ({ ...i, selected: (values.clearanceNeeded ?? 'none') === i.value })),
      action: paths.ask,
    };
  });

  registerFormPage(app, paths.ask, signedIn, {
    initial: () => ({ advisorsWanted: '1' }),
    show: showAskForm,
    async submit(request, reply) {
      const created = await advice.ask(request.principal, body(request), request.id);
      return redirectWithFlash(
        reply,
        `${paths.request(created.id)}#documents`,
        request.t('advice:requests.ask.flash', { reference: created.reference }),
      );
    },
  });

  app.get(
    paths.triage,
    signedIn,
    workQueuePage(renderPage, advice.now, {
      address: paths.triage,
      template: `${T}/triage.njk`,
      title: (t) => t('advice:requests.triage.title'),
      list: advice.queue,
    }),
  );

  app.get(paths.request.pattern, signedIn, async (request, reply) => {
    const result = await advice.request(request.principal, idOf(request));
    const [disclosureLog, documents, recordNotes] = await Promise.all([
      services.disclosures.log(request.principal, result.request),
      services.adviceDocuments.forRequestPage(
        request.principal,
        result.request,
        result.advice.map((a) => a.id),
      ),
      // What other modules say of the request (the FOI requests concerning it, IAG-35's flag).
      services.recordNotes.of(
        request.principal,
        { type: 'advice-request', id: result.request.id },
        request.t,
      ),
    ]);
    return renderPage(request, reply, `${T}/request.njk`, {
      title: request.t('advice:common.requestCaption', {
        reference: result.request.reference,
        subject: result.request.subject,
      }),
      // Back to the list this person has: CTSET's queue, their own requests, or home.
      breadcrumbs: can(request.principal, 'advice.triage')
        ? [home(request), triageList(request)]
        : can(request.principal, 'advice.request')
          ? [home(request), mineList(request)]
          : [home(request)],
      ...result,
      advice: result.advice.map((a) => ({
        ...a,
        documents: documents.ofAdvice.filter((d) => d.adviceId === a.id),
      })),
      documentsToShare: documents.toShare,
      mayAddDocuments:
        documents.toShare !== null && checkDocumentToShare(result.request.status) === null,
      disclosureLog,
      recordNotes,
      shareable: result.nominations.some((n) => n.status === 'accepted'),
      waited: waited(request),
      paths,
    });
  });

  const showRouteForm = formShow(renderPage, `${T}/route.njk`, async (request, values) => {
    const form = await advice.routeForm(request.principal, idOf(request));
    const chosen = new Set([values.groups ?? []].flat());
    return {
      title: request.t('advice:requests.route.title', { reference: form.request.reference }),
      breadcrumbs: crumbsVia(triageList, request, form.request),
      request: form.request,
      groupItems: form.candidates
        .filter((g) => !g.problem)
        .map((g) => ({
          value: g.id,
          text: g.name,
          hint: {
            text: request.t('advice:requests.route.groups.itemHint', {
              type: request.t(`groups:groupType.${g.type}`),
              contact: g.contactName,
            }),
          },
          checked: chosen.has(g.id),
        })),
      unavailable: form.candidates.flatMap((g) =>
        g.problem ? [{ ...g, problem: say(request.t, g.problem) }] : [],
      ),
      action: paths.route(form.request.id),
      waited: waited(request),
    };
  });

  registerFormPage(app, paths.route.pattern, signedIn, {
    show: showRouteForm,
    async submit(request, reply) {
      const routed = await advice.route(
        request.principal,
        idOf(request),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.triage,
        request.t('advice:requests.route.flash', {
          reference: routed.request.reference,
          groups: routed.groups.join(request.t('advice:common.and')),
        }),
      );
    },
  });

  /**
   * A form of one text box on one request (decline, question, answer): its page shows the
   * request; sending it goes where `after` says, with the flash `advice:requests.<kind>.flash`.
   */
  function registerRequestForm(
    route: { pattern: string } & ((id: string) => string),
    kind: 'decline' | 'question' | 'answer',
    form: {
      list: typeof triageList;
      load(request: FastifyRequest): Promise<{ request: { id: string; reference: number } }>;
      send(request: FastifyRequest): Promise<{ id: string; reference: number }>;
      after(sent: { id: string }): string;
    },
  ) {
    registerFormPage(app, route.pattern, signedIn, {
      show: formShow(renderPage, `${T}/${kind}.njk`, async (request) => {
        const shown = await form.load(request);
        const { reference } = shown.request;
        return {
          title: request.t(`advice:requests.${kind}.title`, { reference }),
          breadcrumbs: crumbsVia(form.list, request, shown.request),
          ...shown,
          action: route(shown.request.id),
        };
      }),
      async submit(request, reply) {
        const sent = await form.send(request);
        const flash = request.t(`advice:requests.${kind}.flash`, { reference: sent.reference });
        return redirectWithFlash(reply, form.after(sent), flash);
      },
    });
  }

  const sent = (request: FastifyRequest) =>
    [request.principal, idOf(request), body(request), request.id] as const;

  registerRequestForm(paths.decline, 'decline', {
    list: triageList,
    load: (request) => advice.declineForm(request.principal, idOf(request)),
    send: (request) => advice.decline(...sent(request)),
    after: () => paths.triage,
  });

  registerRequestForm(paths.question, 'question', {
    list: triageList,
    load: (request) => advice.questionForm(request.principal, idOf(request)),
    send: async (request) => (await advice.askQuestion(...sent(request))).request,
    after: (r) => paths.request(r.id),
  });

  registerRequestForm(paths.answer, 'answer', {
    list: mineList,
    load: (request) => advice.answerForm(request.principal, idOf(request)),
    send: async (request) => (await advice.answerQuestion(...sent(request))).request,
    after: (r) => paths.request(r.id),
  });

  registerFormPage(app, paths.outcome.pattern, signedIn, {
    show: formShow(renderPage, `${T}/outcome.njk`, async (request, values) => {
      const { requestId, adviceId } = request.params as Record<string, string>;
      const form = await advice.outcomeForm(request.principal, requestId!, adviceId!);
      return {
        title: request.t('advice:requests.outcome.title', { advisor: form.advice.advisor }),
        breadcrumbs: crumbsVia(mineList, request, form.request),
        ...form,
        outcomeItems: ADVICE_OUTCOMES.map((o) => ({
          value: o,
          text: request.t(`advice:adviceOutcome.${o}`),
          checked: values.outcome === o,
        })),
        action: paths.outcome(requestId!, adviceId!),
      };
    }),
    async submit(request, reply) {
      const { requestId, adviceId } = request.params as Record<string, string>;
      await advice.recordOutcome(
        request.principal,
        requestId!,
        adviceId!,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.request(requestId!),
        request.t('advice:requests.outcome.flash'),
      );
    },
  });
}
