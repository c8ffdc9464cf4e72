/** IAG-24: the guides for advisory groups, and a new version agreed at each year's review. */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import {
  formValues,
  formShow,
  redirectWithFlash,
  registerFormPage,
} from '../../../platform/http/render.js';
import { routeAccess } from '../access.js';
import { groupPaths as paths } from '../paths.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { groupsCrumbs } from '../register/presenter.js';
import type { GroupsRouteDeps as RouteDeps } from '../route-deps.js';
import { dateParts } from '../validation.js';

const T = 'modules/groups/guides/views';
const { view, manage } = routeAccess;

type Values = Record<string, string | string[]>;

/** Home, the register, and the guides. */
function guidesCrumbs(t: Translate) {
  const { home, groups } = groupsCrumbs(t);
  return [home, groups, { text: t('groups:guides.list.crumb'), href: paths.guides }];
}

export function registerGuideRoutes({ app, services, renderPage }: RouteDeps): void {
  const { groups, memberRecords } = services;
  const documentIdOf = (request: FastifyRequest) =>
    (request.params as { documentId: string }).documentId;

  app.get(paths.guides, view, async (request, reply) => {
    const guides = await memberRecords.guides(request.principal);
    return renderPage(request, reply, `${T}/guides.njk`, {
      title: request.t('groups:guides.list.title'),
      breadcrumbs: guidesCrumbs(request.t).slice(0, 2),
      guides,
      paths,
    });
  });

  app.get(paths.guide.pattern, view, async (request, reply) => {
    const detail = await memberRecords.guide(request.principal, documentIdOf(request));
    return renderPage(request, reply, `${T}/guide.njk`, {
      title: detail.document.title,
      breadcrumbs: guidesCrumbs(request.t),
      ...detail,
      canManage: can(request.principal, 'groups.manage'),
      paths,
    });
  });

  registerFormPage(app, paths.reviseGuide.pattern, manage, {
    show: formShow(renderPage, `${T}/guide-form.njk`, async (request, values) => {
      const detail = await memberRecords.guide(request.principal, documentIdOf(request));
      return {
        title: request.t('groups:guides.form.title', { title: detail.document.title }),
        breadcrumbs: guidesCrumbs(request.t),
        ...detail,
        values: {
          body: detail.versions[0]?.body ?? '',
          ...dateParts('agreedOn', groups.today()),
          ...(values as Values),
        },
        paths,
      };
    }),
    async submit(request, reply) {
      const documentId = documentIdOf(request);
      const version = await memberRecords.reviseGuide(
        request.principal,
        documentId,
        formValues(request.body),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.guide(documentId),
        request.t('groups:guides.form.done', { number: version.number }),
      );
    },
  });
}
