/**
 * Pages for nominating, answering and arranging a deployment (IAG-07, IAG-08, IAG-10, IAG-30).
 * Who may see or do what is decided by the deployments service.
 */
import type { FastifyRequest } from 'fastify';
import type { AdviceRouteDeps as RouteDeps } from './route-deps.js';
import { pageRequest } from '../../platform/db/search.js';
import { checkedValues } from '../../platform/http/form-fields.js';
import { paginationFor } from '../../platform/http/pagination.js';
import { redirectWithFlash, registerFormPage, type FormShow } from '../../platform/http/render.js';
import { CLEARANCE_LABELS } from '../groups/index.js';
import { advicePaths as paths } from './paths.js';
import {
  ADVICE_OUTCOME_LABELS,
  ARRANGEMENT_OWNER_LABELS,
  DEPLOYMENT_STATUS_LABELS,
  DISCLOSURE_KIND_LABELS,
  EXPERIENCE_AREAS,
  EXPERIENCE_LABELS,
  LOAD_WINDOW_MONTHS,
  REQUEST_STATUS_LABELS,
  URGENCY_LABELS,
  waitedFor,
} from './rules.js';

const T = 'modules/advice/views';
const signedIn = { config: { access: 'signed-in' as const } };

type Values = Record<string, string | string[] | undefined>;

export function registerDeploymentRoutes({ app, services, renderPage }: RouteDeps): void {
  const { deployments } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const pageOf = (request: FastifyRequest, limit: number) =>
    pageRequest((request.query as Record<string, unknown>).page, limit);
  const home = { text: 'Home', href: '/' };
  const labels = {
    urgency: URGENCY_LABELS,
    status: REQUEST_STATUS_LABELS,
    deployment: DEPLOYMENT_STATUS_LABELS,
    clearance: CLEARANCE_LABELS,
    experience: EXPERIENCE_LABELS,
    owner: ARRANGEMENT_OWNER_LABELS,
    outcome: ADVICE_OUTCOME_LABELS,
    disclosure: DISCLOSURE_KIND_LABELS,
  };
  const waited = (from: Date) => waitedFor(from, deployments.now());
  const toNominateCrumbs = [home, { text: 'Requests to nominate for', href: paths.toNominate }];

  // The deployment contact's side (IAG-07).

  app.get(paths.toNominate, signedIn, async (request, reply) => {
    const page = pageOf(request, 25);
    const result = await deployments.toNominate(request.principal, page);
    return renderPage(request, reply, `${T}/to-nominate.njk`, {
      title: 'Requests to nominate for',
      width: 'full',
      breadcrumbs: [home],
      ...result,
      pagination: paginationFor(paths.toNominate, {}, page.page, page.limit, result.total),
      waited,
      labels,
      paths,
    });
  });

  registerFormPage(app, '/advice-requests/:requestId/groups/:groupId/nominate', signedIn, {
    async show(request, reply, values, errors, status = 200) {
      const { requestId, groupId } = params(request);
      const list = await deployments.nominationList(request.principal, requestId!, groupId!);
      const chosen = new Set(checkedValues(values.advisors));
      return renderPage(
        request,
        reply,
        `${T}/nominate.njk`,
        {
          title: `Nominate for request ${list.request.reference}`,
          width: 'full',
          breadcrumbs: toNominateCrumbs,
          ...list,
          chosen: [...chosen],
          experienceNeeded: list.request.experienceNeeded.map((e) => EXPERIENCE_LABELS[e]),
          values,
          loadWindowMonths: LOAD_WINDOW_MONTHS,
          action: paths.nominate(requestId!, groupId!),
          labels,
          paths,
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const { requestId, groupId } = params(request);
      const result = await deployments.nominate(
        request.principal,
        requestId!,
        groupId!,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.toNominate,
        `Nominated ${result.names.join(' and ')}; each has been e-mailed to accept or decline`,
      );
    },
  });

  registerFormPage(
    app,
    '/advice-requests/:requestId/groups/:groupId/conflicts/:personId',
    signedIn,
    {
      async show(request, reply, values, errors, status = 200) {
        const { requestId, groupId, personId } = params(request);
        const form = await deployments.conflictForm(
          request.principal,
          requestId!,
          groupId!,
          personId!,
        );
        return renderPage(
          request,
          reply,
          `${T}/conflict.njk`,
          {
            title: `Record a conflict of interest for ${form.person.name}`,
            breadcrumbs: [
              ...toNominateCrumbs,
              {
                text: `Request ${form.request.reference}`,
                href: paths.nominate(requestId!, groupId!),
              },
            ],
            ...form,
            values,
            action: paths.conflict(requestId!, groupId!, personId!),
            errors,
          },
          status,
        );
      },
      async submit(request, reply) {
        const { requestId, groupId, personId } = params(request);
        const person = await deployments.recordConflict(
          request.principal,
          requestId!,
          groupId!,
          personId!,
          body(request),
          request.id,
        );
        return redirectWithFlash(
          reply,
          paths.nominate(requestId!, groupId!),
          `A conflict of interest is recorded for ${person.name}, who will not be offered for this request`,
        );
      },
    },
  );

  // The advisor's side.

  app.get(paths.deployments, signedIn, async (request, reply) => {
    const page = pageOf(request, 20);
    const result = await deployments.mine(request.principal, page);
    return renderPage(request, reply, `${T}/deployments.njk`, {
      title: 'Your deployments',
      breadcrumbs: [home],
      ...result,
      pagination: paginationFor(paths.deployments, {}, page.page, page.limit, result.total),
      labels,
      paths,
    });
  });

  const showAvailability: FormShow = async (request, reply, values, errors, status = 200) => {
    const result = await deployments.availability(request.principal);
    // Errors from the experience form keep its ticks; otherwise show what is saved.
    const ticked = errors?.some((e) => e.field === 'experience')
      ? checkedValues(values.experience)
      : result.experience;
    return renderPage(
      request,
      reply,
      `${T}/availability.njk`,
      {
        title: 'Your availability and experience',
        breadcrumbs: [home, { text: 'Your deployments', href: paths.deployments }],
        ...result,
        experienceItems: EXPERIENCE_AREAS.map((e) => ({
          value: e,
          text: EXPERIENCE_LABELS[e],
          checked: ticked.includes(e),
        })),
        values,
        paths,
        errors,
      },
      status,
    );
  };

  registerFormPage(app, paths.availability, signedIn, {
    show: showAvailability,
    async submit(request, reply) {
      await deployments.addUnavailability(request.principal, body(request), request.id);
      return redirectWithFlash(
        reply,
        paths.availability,
        'The dates have been added: you will not be offered for work on them',
      );
    },
  });

  // The experience form posts to its own URL and shows its errors on the same page.
  registerFormPage(app, paths.experience, signedIn, {
    show: showAvailability,
    async submit(request, reply) {
      await deployments.saveExperience(request.principal, body(request), request.id);
      return redirectWithFlash(reply, paths.availability, 'Your experience has been saved');
    },
  });

  app.post('/deployments/availability/dates/:entryId/remove', signedIn, async (request, reply) => {
    await deployments.removeUnavailability(request.principal, params(request).entryId!, request.id);
    return redirectWithFlash(reply, paths.availability, 'The dates have been removed');
  });

  // IAG-08, IAG-30: CTSET's and the coordination unit's tasks.

  app.get(paths.arrangements, signedIn, async (request, reply) => {
    const page = pageOf(request, 25);
    const result = await deployments.arrangements(request.principal, page);
    return renderPage(request, reply, `${T}/arrangements.njk`, {
      title: 'Advisors to contact',
      width: 'full',
      breadcrumbs: [home],
      ...result,
      pagination: paginationFor(paths.arrangements, {}, page.page, page.limit, result.total),
      waited,
      labels,
      paths,
    });
  });

  registerFormPage(app, '/deployments/:deploymentId/arrange', signedIn, {
    async show(request, reply, values, errors, status = 200) {
      const task = await deployments.arrangeForm(request.principal, params(request).deploymentId!);
      return renderPage(
        request,
        reply,
        `${T}/arrange.njk`,
        {
          title: `Contact ${task.advisor} and arrange access`,
          breadcrumbs: [home, { text: 'Advisors to contact', href: paths.arrangements }],
          ...task,
          values,
          action: paths.arrange(task.deployment.id),
          labels,
          paths,
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const task = await deployments.arrange(
        request.principal,
        params(request).deploymentId!,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.arrangements,
        `The arrangements for ${task.advisor} have been recorded`,
      );
    },
  });

  // One deployment, for the advisor it names: read it, then accept or decline.

  const showDeployment: FormShow = async (request, reply, values, errors, status = 200) => {
    const found = await deployments.deployment(request.principal, params(request).deploymentId!);
    const [shared, adviceDocuments] = await Promise.all([
      services.disclosures.forAdvisor(request.principal, found.deployment.id),
      found.advice ? services.adviceDocuments.ofOwnAdvice(found.advice.id) : [],
    ]);
    return renderPage(
      request,
      reply,
      `${T}/deployment.njk`,
      {
        title: `Request ${found.request.reference}: ${found.request.subject}`,
        breadcrumbs: [home, { text: 'Your deployments', href: paths.deployments }],
        ...found,
        shared,
        adviceDocuments,
        values,
        labels,
        paths,
        errors,
      },
      status,
    );
  };

  app.get('/deployments/:deploymentId', signedIn, async (request, reply) =>
    showDeployment(request, reply, {}),
  );

  app.post('/deployments/:deploymentId/accept', signedIn, async (request, reply) => {
    const id = params(request).deploymentId!;
    await deployments.accept(request.principal, id, request.id);
    return redirectWithFlash(
      reply,
      paths.deployment(id),
      'You have accepted. You will be contacted to arrange access.',
    );
  });

  registerFormPage(app, '/deployments/:deploymentId/advice', signedIn, {
    show: showDeployment,
    async submit(request, reply) {
      const id = params(request).deploymentId!;
      const advice = await deployments.recordAdvice(
        request.principal,
        id,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.deployment(id),
        `Your advice has been recorded as ${advice.independent ? 'independent' : 'non-independent'} advice; the requester has been asked whether they used it`,
      );
    },
  });

  registerFormPage(app, '/deployments/:deploymentId/decline', signedIn, {
    show: showDeployment,
    async submit(request, reply) {
      const id = params(request).deploymentId!;
      await deployments.decline(request.principal, id, body(request), request.id);
      return redirectWithFlash(
        reply,
        paths.deployments,
        "You have declined; the group's deployment contact has been told",
      );
    },
  });
}
