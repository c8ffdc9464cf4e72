/**
 * The advisor's pages (IAG-08, IAG-10): their deployments, each to accept or decline and to
 * record the advice given, and the days they cannot be deployed. Who may see or do what is
 * decided by the deployments service.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdviceRouteDeps as RouteDeps } from '../route-deps.js';
import { checkedValues } from '../../../platform/http/form-fields.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { advicePaths as paths } from '../paths.js';
import { routeParts } from '../presenter.js';
import { EXPERIENCE_AREAS } from '../rules.js';

const T = 'modules/advice/deployments/views';
const signedIn = { config: { access: 'signed-in' as const } };

export function registerDeploymentRoutes({ app, services, renderPage }: RouteDeps): void {
  const { deployments } = services;
  const { params, body, pageOf, home } = routeParts(deployments.now);
  const toDeployments = (request: FastifyRequest) => [
    home(request),
    { text: request.t('advice:deployments.list.title'), href: paths.deployments },
  ];

  /** Back to the availability page, saying what was done (`...availability.flash.<done>`). */
  const backToAvailability = (
    request: FastifyRequest,
    reply: FastifyReply,
    done: 'added' | 'experienceSaved' | 'removed',
  ) =>
    redirectWithFlash(
      reply,
      paths.availability,
      request.t(`advice:deployments.availability.flash.${done}`),
    );

  // The advisor's side.

  app.get(paths.deployments, signedIn, async (request, reply) => {
    const page = pageOf(request, 20);
    const result = await deployments.mine(request.principal, page);
    return renderPage(request, reply, `${T}/deployments.njk`, {
      title: request.t('advice:deployments.list.title'),
      breadcrumbs: [home(request)],
      ...result,
      pagination: paginationFor(paths.deployments, {}, page.page, page.limit, result.total),
      paths,
    });
  });

  const showAvailability = formShow(
    renderPage,
    `${T}/availability.njk`,
    async (request, values, errors) => {
      const result = await deployments.availability(request.principal);
      // Errors from the experience form keep its ticks; otherwise show what is saved.
      const ticked = errors?.some((e) => e.field === 'experience')
        ? checkedValues(values.experience)
        : result.experience;
      return {
        title: request.t('advice:deployments.availability.title'),
        breadcrumbs: toDeployments(request),
        ...result,
        experienceItems: EXPERIENCE_AREAS.map((e) => ({
          value: e,
          text: request.t(`advice:experience.${e}`),
          checked: ticked.includes(e),
        })),
        paths,
      };
    },
  );

  registerFormPage(app, paths.availability, signedIn, {
    show: showAvailability,
    async submit(request, reply) {
      await deployments.addUnavailability(request.principal, body(request), request.id);
      return backToAvailability(request, reply, 'added');
    },
  });

  // The experience form posts to its own URL and shows its errors on the same page.
  registerFormPage(app, paths.experience, signedIn, {
    show: showAvailability,
    async submit(request, reply) {
      await deployments.saveExperience(request.principal, body(request), request.id);
      return backToAvailability(request, reply, 'experienceSaved');
    },
  });

  app.post(paths.removeUnavailability.pattern, signedIn, async (request, reply) => {
    await deployments.removeUnavailability(request.principal, params(request).entryId!, request.id);
    return backToAvailability(request, reply, 'removed');
  });

  // One deployment, for the advisor it names: read it, then accept or decline.

  const showDeployment = formShow(renderPage, `${T}/deployment.njk`, async (request) => {
    const found = await deployments.deployment(request.principal, params(request).deploymentId!);
    const [shared, adviceDocuments] = await Promise.all([
      services.disclosures.forAdvisor(request.principal, found.deployment.id),
      found.advice ? services.adviceDocuments.ofOwnAdvice(found.advice.id) : [],
    ]);
    return {
      title: request.t('advice:common.requestCaption', {
        reference: found.request.reference,
        subject: found.request.subject,
      }),
      breadcrumbs: toDeployments(request),
      ...found,
      shared,
      adviceDocuments,
      paths,
    };
  });

  app.get(paths.deployment.pattern, signedIn, async (request, reply) =>
    showDeployment(request, reply, {}),
  );

  app.post(paths.accept.pattern, signedIn, async (request, reply) => {
    const id = params(request).deploymentId!;
    await deployments.accept(request.principal, id, request.id);
    return redirectWithFlash(
      reply,
      paths.deployment(id),
      request.t('advice:deployments.deployment.flash.accepted'),
    );
  });

  registerFormPage(app, paths.recordAdvice.pattern, signedIn, {
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
        request.t(
          advice.independent
            ? 'advice:deployments.deployment.flash.adviceIndependent'
            : 'advice:deployments.deployment.flash.adviceNonIndependent',
        ),
      );
    },
  });

  registerFormPage(app, paths.declineDeployment.pattern, signedIn, {
    show: showDeployment,
    async submit(request, reply) {
      const id = params(request).deploymentId!;
      await deployments.decline(request.principal, id, body(request), request.id);
      return redirectWithFlash(
        reply,
        paths.deployments,
        request.t('advice:deployments.deployment.flash.declined'),
      );
    },
  });
}
