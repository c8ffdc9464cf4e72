/**
 * IAG-08, IAG-30: CTSET's and the coordination unit's tasks: the advisors to contact, and the
 * form to record the arrangements. Who may see or do what is decided by the service.
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { advicePaths as paths } from '../paths.js';
import { deploymentLabels as labels } from '../presenter.js';
import type { AdviceRouteDeps as RouteDeps } from '../route-deps.js';
import { waitedFor } from '../rules.js';

const T = 'modules/advice/arrangements/views';
const signedIn = { config: { access: 'signed-in' as const } };

type Values = Record<string, string | string[] | undefined>;

export function registerArrangementRoutes({ app, services, renderPage }: RouteDeps): void {
  const { deployments } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const pageOf = (request: FastifyRequest, limit: number) =>
    pageRequest((request.query as Record<string, unknown>).page, limit);
  const home = { text: 'Home', href: '/' };
  const waited = (from: Date) => waitedFor(from, deployments.now());

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

  registerFormPage(app, paths.arrange.pattern, signedIn, {
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
}
