/** The organisations in the directory: the list, each one's page, and the forms that change them. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordHistoryHref } from '../../../platform/audit/links.js';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import type { FieldError } from '../../../platform/errors.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { formValues, type FormValues } from '../../../platform/http/render.js';
import { archivedFilter, idOf, registerEntryForms, view } from '../entry-routes.js';
import { directoryCrumbs } from '../home/presenter.js';
import { directoryPaths as paths } from '../paths.js';
import type { DirectoryRouteDeps as RouteDeps } from '../route-deps.js';
import {
  kindItems,
  organisationFormValues,
  organisationItems,
  organisationKindOf,
  organisationRows,
  organisationView,
} from './presenter.js';

const T = 'modules/directory/organisations/views';

/** Home, the directory, then the organisations. */
const crumbs = (request: FastifyRequest) =>
  directoryCrumbs(request.t, {
    text: request.t('directory:organisations.title'),
    href: paths.organisations,
  });

export function registerOrganisationRoutes({ app, services, renderPage }: RouteDeps): void {
  const { directory } = services;

  app.get(paths.organisations, view, async (request, reply) => {
    const t = request.t;
    const q = queryString(request.query, 'q');
    const kind = organisationKindOf(queryString(request.query, 'kind'));
    const { canSeeArchived, archived } = archivedFilter(request);
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await directory.organisations.list(request.principal, {
      q,
      kind,
      includeArchived: archived === 'include',
      limit: page.limit,
      offset: page.offset,
    });
    return renderPage(request, reply, `${T}/list.njk`, {
      title: t('directory:organisations.title'),
      width: 'full',
      breadcrumbs: directoryCrumbs(t),
      q,
      kind,
      archived,
      canSeeArchived,
      kindItems: kindItems(t, kind, t('directory:organisations.list.allTypes')),
      result,
      rows: organisationRows(result.items, t),
      searchAction: paths.organisations,
      newOrganisationHref: paths.newOrganisation,
      canEdit: can(request.principal, 'directory.edit'),
      pagination: paginationFor(
        paths.organisations,
        { q, kind, archived },
        page.page,
        page.limit,
        result.total,
      ),
    });
  });

  /** An organisation's page, and again with the errors of a refused archive or restore. */
  async function showOrganisation(
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    status = 200,
  ) {
    const id = idOf(request);
    const detail = await directory.organisations.get(request.principal, id);
    return renderPage(
      request,
      reply,
      `${T}/organisation.njk`,
      {
        title: detail.organisation.name,
        breadcrumbs: crumbs(request),
        ...organisationView(detail, request.t),
        canEdit: errors ? true : can(request.principal, 'directory.edit'),
        historyHref: recordHistoryHref(request.principal, 'organisation', id),
        errors,
      },
      status,
    );
  }

  app.get(paths.organisation.pattern, view, async (request, reply) =>
    showOrganisation(request, reply),
  );

  registerEntryForms(app, {
    paths: {
      new: paths.newOrganisation,
      entry: paths.organisation,
      edit: paths.editOrganisation,
      archive: paths.archiveOrganisation,
      restore: paths.restoreOrganisation,
    },
    /** The form to add an organisation (no id) or change one. */
    async showForm(request, reply, id, values: FormValues, errors, status = 200) {
      const t = request.t;
      const shown = formValues(values);
      return renderPage(
        request,
        reply,
        `${T}/form.njk`,
        {
          title: t(id ? 'directory:organisations.change' : 'directory:organisations.add'),
          breadcrumbs: crumbs(request),
          action: id ? paths.editOrganisation(id) : paths.newOrganisation,
          values: shown,
          errors,
          kindItems: kindItems(t, shown.kind),
          parentItems: organisationItems(
            await directory.organisations.options(),
            t('directory:common.none'),
            id,
          ),
        },
        status,
      );
    },
    showEntry: showOrganisation,
    async initial(request) {
      const { organisation } = await directory.organisations.get(request.principal, idOf(request));
      return organisationFormValues(organisation);
    },
    service: directory.organisations,
    named: (o) => ({ id: o.id, name: o.name }),
    messages: {
      added: 'directory:organisations.added',
      updated: 'directory:organisations.updated',
      archived: 'directory:organisations.archived',
      restored: 'directory:organisations.restored',
    },
  });
}
