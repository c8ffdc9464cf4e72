import type { FastifyRequest } from 'fastify';
import type { AdviceRouteDeps as RouteDeps } from '../route-deps.js';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import { checkedValues } from '../../../platform/http/form-fields.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import {
  type FormShow,
  redirectWithFlash,
  registerFormPage,
} from '../../../platform/http/render.js';
import { CLEARANCE_LABELS, CLEARANCE_ORDER, GROUP_TYPE_LABELS } from '../../groups/index.js';
import { advicePaths as paths } from '../paths.js';
import {
  ADVICE_OUTCOMES,
  ADVICE_OUTCOME_LABELS,
  DEPLOYMENT_STATUS_LABELS,
  DISCLOSURE_KIND_LABELS,
  EXPERIENCE_AREAS,
  EXPERIENCE_LABELS,
  REQUEST_STATUS_LABELS,
  URGENCIES,
  URGENCY_LABELS,
  checkDocumentToShare,
  waitedFor,
} from '../rules.js';

const T = 'modules/advice/requests/views';
// Who may ask, triage or read a request is decided by the service (permission and ownership).
const signedIn = { config: { access: 'signed-in' as const } };

type Values = Record<string, string | string[] | undefined>;

export function registerAdviceRoutes({ app, services, renderPage }: RouteDeps): void {
  const { advice } = services;
  const idOf = (request: FastifyRequest) => (request.params as Record<string, string>).requestId!;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const home = { text: 'Home', href: '/' };
  const labels = {
    disclosure: DISCLOSURE_KIND_LABELS,
    outcome: ADVICE_OUTCOME_LABELS,
    deployment: DEPLOYMENT_STATUS_LABELS,
    urgency: URGENCY_LABELS,
    status: REQUEST_STATUS_LABELS,
    clearance: CLEARANCE_LABELS,
    groupTypes: GROUP_TYPE_LABELS,
  };
  const waited = (from: Date) => waitedFor(from, advice.now());
  /** Down to a request from CTSET's queue, for the triage forms. */
  const triageCrumbs = (r: { id: string; reference: number }) => [
    home,
    { text: 'Requests waiting for triage', href: paths.triage },
    { text: `Request ${r.reference}`, href: paths.request(r.id) },
  ];

  app.get(paths.mine, signedIn, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page, 20);
    const result = await advice.mine(request.principal, page);
    return renderPage(request, reply, `${T}/mine.njk`, {
      title: 'Your requests for advice',
      breadcrumbs: [home],
      ...result,
      pagination: paginationFor(paths.mine, {}, page.page, page.limit, result.total),
      labels,
      paths,
    });
  });

  const showAskForm: FormShow = async (request, reply, values, errors, status = 200) => {
    advice.askForm(request.principal);
    const choose = (name: string, value: string) => values[name] === value;
    return renderPage(
      request,
      reply,
      `${T}/ask.njk`,
      {
        title: 'Ask for independent advice',
        breadcrumbs: [home, { text: 'Your requests for advice', href: paths.mine }],
        values,
        urgencyItems: URGENCIES.map((u) => ({
          value: u,
          text: URGENCY_LABELS[u],
          hint: {
            text:
              u === 'urgent'
                ? `Needed within hours: the strategic engagement team aims to triage it within ${advice.targets.urgentMinutes / 60} hours, day or night`
                : `Triaged within ${advice.targets.routineWorkingDays} working days`,
          },
          checked: choose('urgency', u),
        })),
        seriousItems: [
          { value: 'yes', text: 'Yes', checked: choose('seriousOrCritical', 'yes') },
          { value: 'no', text: 'No', checked: choose('seriousOrCritical', 'no') },
        ],
        experienceItems: EXPERIENCE_AREAS.map((e) => ({
          value: e,
          text: EXPERIENCE_LABELS[e],
          checked: checkedValues(values.experienceNeeded).includes(e),
        })),
        clearanceItems: [
          { value: 'none', text: 'None: the work needs no vetting' },
          ...CLEARANCE_ORDER.map((c) => ({ value: c, text: CLEARANCE_LABELS[c] })),
        ].map((i) => ({ ...i, selected: (values.clearanceNeeded ?? 'none') === i.value })),
        action: paths.ask,
        errors,
      },
      status,
    );
  };

  registerFormPage(app, paths.ask, signedIn, {
    initial: () => ({ advisorsWanted: '1' }),
    show: showAskForm,
    async submit(request, reply) {
      const created = await advice.ask(request.principal, body(request), request.id);
      return redirectWithFlash(
        reply,
        `${paths.request(created.id)}#documents`,
        `Request ${created.reference} has been sent to the strategic engagement team. You can now add documents to share.`,
      );
    },
  });

  app.get(paths.triage, signedIn, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page, 25);
    const result = await advice.queue(request.principal, page);
    return renderPage(request, reply, `${T}/triage.njk`, {
      title: 'Requests waiting for triage',
      width: 'full',
      breadcrumbs: [home],
      ...result,
      pagination: paginationFor(paths.triage, {}, page.page, page.limit, result.total),
      waited,
      labels,
      paths,
    });
  });

  app.get(paths.request.pattern, signedIn, async (request, reply) => {
    const result = await advice.request(request.principal, idOf(request));
    const [disclosureLog, documents] = await Promise.all([
      services.disclosures.log(request.principal, result.request),
      services.adviceDocuments.forRequestPage(
        request.principal,
        result.request,
        result.advice.map((a) => a.id),
      ),
    ]);
    return renderPage(request, reply, `${T}/request.njk`, {
      title: `Request ${result.request.reference}: ${result.request.subject}`,
      // Back to the list this person has: CTSET's queue, their own requests, or home.
      breadcrumbs: can(request.principal, 'advice.triage')
        ? [home, { text: 'Requests waiting for triage', href: paths.triage }]
        : can(request.principal, 'advice.request')
          ? [home, { text: 'Your requests for advice', href: paths.mine }]
          : [home],
      ...result,
      advice: result.advice.map((a) => ({
        ...a,
        documents: documents.ofAdvice.filter((d) => d.adviceId === a.id),
      })),
      documentsToShare: documents.toShare,
      mayAddDocuments:
        documents.toShare !== null && checkDocumentToShare(result.request.status) === null,
      disclosureLog,
      shareable: result.nominations.some((n) => n.status === 'accepted'),
      waited,
      labels,
      paths,
    });
  });

  const showRouteForm: FormShow = async (request, reply, values, errors, status = 200) => {
    const form = await advice.routeForm(request.principal, idOf(request));
    const chosen = new Set([values.groups ?? []].flat());
    return renderPage(
      request,
      reply,
      `${T}/route.njk`,
      {
        title: `Pass request ${form.request.reference} to a group`,
        breadcrumbs: triageCrumbs(form.request),
        request: form.request,
        groupItems: form.candidates
          .filter((g) => !g.problem)
          .map((g) => ({
            value: g.id,
            text: g.name,
            hint: { text: `${GROUP_TYPE_LABELS[g.type]}. Deployment contact: ${g.contactName}` },
            checked: chosen.has(g.id),
          })),
        unavailable: form.candidates.filter((g) => g.problem),
        action: paths.route(form.request.id),
        waited,
        labels,
        errors,
      },
      status,
    );
  };

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
        `Request ${routed.request.reference} has been passed to ${routed.groups.join(' and ')}`,
      );
    },
  });

  const showDeclineForm: FormShow = async (request, reply, values, errors, status = 200) => {
    const form = await advice.declineForm(request.principal, idOf(request));
    return renderPage(
      request,
      reply,
      `${T}/decline.njk`,
      {
        title: `Decline request ${form.request.reference}`,
        breadcrumbs: triageCrumbs(form.request),
        request: form.request,
        values,
        action: paths.decline(form.request.id),
        errors,
      },
      status,
    );
  };

  registerFormPage(app, paths.decline.pattern, signedIn, {
    show: showDeclineForm,
    async submit(request, reply) {
      const declined = await advice.decline(
        request.principal,
        idOf(request),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.triage,
        `Request ${declined.reference} has been declined; the requester has been told why`,
      );
    },
  });

  registerFormPage(app, paths.outcome.pattern, signedIn, {
    async show(request, reply, values, errors, status = 200) {
      const { requestId, adviceId } = request.params as Record<string, string>;
      const form = await advice.outcomeForm(request.principal, requestId!, adviceId!);
      return renderPage(
        request,
        reply,
        `${T}/outcome.njk`,
        {
          title: `Did you use the advice of ${form.advice.advisor}?`,
          breadcrumbs: [
            home,
            { text: 'Your requests for advice', href: paths.mine },
            { text: `Request ${form.request.reference}`, href: paths.request(form.request.id) },
          ],
          ...form,
          outcomeItems: ADVICE_OUTCOMES.map((o) => ({
            value: o,
            text: ADVICE_OUTCOME_LABELS[o],
            checked: values.outcome === o,
          })),
          values,
          action: paths.outcome(requestId!, adviceId!),
          errors,
        },
        status,
      );
    },
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
        'What you did with the advice, and why, has been recorded',
      );
    },
  });

  registerFormPage(app, paths.question.pattern, signedIn, {
    async show(request, reply, values, errors, status = 200) {
      const form = await advice.questionForm(request.principal, idOf(request));
      return renderPage(
        request,
        reply,
        `${T}/question.njk`,
        {
          title: `Ask about request ${form.request.reference}`,
          breadcrumbs: triageCrumbs(form.request),
          ...form,
          values,
          action: paths.question(form.request.id),
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const asked = await advice.askQuestion(
        request.principal,
        idOf(request),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.request(asked.request.id),
        'Your question has been sent to the requester',
      );
    },
  });

  registerFormPage(app, paths.answer.pattern, signedIn, {
    async show(request, reply, values, errors, status = 200) {
      const form = await advice.answerForm(request.principal, idOf(request));
      return renderPage(
        request,
        reply,
        `${T}/answer.njk`,
        {
          title: `Answer the question about request ${form.request.reference}`,
          breadcrumbs: [
            home,
            { text: 'Your requests for advice', href: paths.mine },
            { text: `Request ${form.request.reference}`, href: paths.request(form.request.id) },
          ],
          ...form,
          values,
          action: paths.answer(form.request.id),
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const answered = await advice.answerQuestion(
        request.principal,
        idOf(request),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.request(answered.request.id),
        'Your answer has been sent to the strategic engagement team',
      );
    },
  });
}
