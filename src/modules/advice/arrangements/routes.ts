/**
 * IAG-08, IAG-30: CTSET's and the coordination unit's tasks: the advisors to contact, and the
 * form to record the arrangements. Who may see or do what is decided by the service.
 */
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { advicePaths as paths } from '../paths.js';
import { routeParts, workQueuePage } from '../presenter.js';
import type { AdviceRouteDeps as RouteDeps } from '../route-deps.js';

const T = 'modules/advice/arrangements/views';
const signedIn = { config: { access: 'signed-in' as const } };

export function registerArrangementRoutes({ app, services, renderPage }: RouteDeps): void {
  const { deployments } = services;
  const { params, body, home } = routeParts(deployments.now);

  app.get(
    paths.arrangements,
    signedIn,
    workQueuePage(renderPage, deployments.now, {
      address: paths.arrangements,
      template: `${T}/arrangements.njk`,
      title: (t) => t('advice:arrangements.list.title'),
      list: deployments.arrangements,
    }),
  );

  registerFormPage(app, paths.arrange.pattern, signedIn, {
    show: formShow(renderPage, `${T}/arrange.njk`, async (request) => {
      const task = await deployments.arrangeForm(request.principal, params(request).deploymentId!);
      return {
        title: request.t('advice:arrangements.form.title', { advisor: task.advisor }),
        breadcrumbs: [
          home(request),
          { text: request.t('advice:arrangements.list.title'), href: paths.arrangements },
        ],
        ...task,
        action: paths.arrange(task.deployment.id),
        paths,
      };
    }),
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
        request.t('advice:arrangements.flash.recorded', { advisor: task.advisor }),
      );
    },
  });
}
