/** The organisations in the directory: the list, each one's page, and the forms that change them. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordHistoryHref } from '../../../platform/audit/links.js';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import type { FieldError } from '../../../platform/errors.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import {
  formValues,
  redirectWithFlash,
  registerFormPage,
  type FormValues,
} from '../../../platform/http/render.js';
import { directoryPaths as paths } from '../paths.js';
import { directoryCrumb, home } from '../home/presenter.js';
import type { DirectoryRouteDeps as RouteDeps } from '../route-deps.js';
import { versionOf } from '../rules.js';
import {
  kindItems,
  organisationFormValues,
  organisationItems,
  organisationKindOf,
  organisationRows,
  organisationView,
} from './presenter.js';

const view = { config: { access: { action: 'directory.view' as const } } };
const edit = { config: { access: { action: 'directory.edit' as const } } };
const T = 'modules/directory/organisations/views';

const organisationsCrumb = { text: 'Organisations', href: paths.organisations };
const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

export function registerOrganisationRoutes({ app, services, renderPage }: RouteDeps): void {
  const { directory } = services;

  app.get(paths.organisations, view, async (request, reply) => {
    const q = queryString(request.query, 'q');
    const kind = organisationKindOf(queryString(request.query, 'kind'));
    const canSeeArchived = can(request.principal, 'directory.view-archived');
    const archived =
      canSeeArchived && queryString(request.query, 'archived') === 'include'
        ? 'include'
        : undefined;
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await directory.organisations.list(request.principal, {
      q,
      kind,
      includeArchived: archived === 'include',
      limit: page.limit,
      offset: page.offset,
    });
    return renderPage(request, reply, `${T}/list.njk`, {
      title: 'Organisations',
      width: 'full',
      breadcrumbs: [home, directoryCrumb],
      q,
      kind,
      archived,
      canSeeArchived,
      kindItems: kindItems(kind, 'All types'),
      result,
      rows: organisationRows(result.items),
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
        breadcrumbs: [home, directoryCrumb, organisationsCrumb],
        ...organisationView(detail),
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

  /** The form to add an organisation (no id) or change one. */
  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string | undefined,
    values: FormValues,
    errors?: FieldError[],
    status = 200,
  ) {
    const shown = formValues(values);
    return renderPage(
      request,
      reply,
      `${T}/form.njk`,
      {
        title: id ? 'Change organisation' : 'Add an organisation',
        breadcrumbs: [home, directoryCrumb, organisationsCrumb],
        action: id ? paths.editOrganisation(id) : paths.newOrganisation,
        values: shown,
        errors,
        kindItems: kindItems(shown.kind),
        parentItems: organisationItems(await directory.organisations.options(), 'None', id),
      },
      status,
    );
  }

  registerFormPage(app, paths.newOrganisation, edit, {
    show: (request, reply, values, errors, status) =>
      showForm(request, reply, undefined, values, errors, status),
    async submit(request, reply) {
      const created = await directory.organisations.create(
        request.principal,
        formValues(request.body),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.organisation(created.id),
        `${created.name} has been added to the directory`,
      );
    },
  });

  registerFormPage(app, paths.editOrganisation.pattern, edit, {
    async initial(request) {
      const { organisation } = await directory.organisations.get(request.principal, idOf(request));
      return organisationFormValues(organisation);
    },
    show: (request, reply, values, errors, status) =>
      showForm(request, reply, idOf(request), values, errors, status),
    async submit(request, reply) {
      const id = idOf(request);
      const updated = await directory.organisations.update(
        request.principal,
        id,
        { ...formValues(request.body), version: versionOf(request.body) },
        request.id,
      );
      return redirectWithFlash(reply, paths.organisation(id), `${updated.name} has been updated`);
    },
  });

  for (const archived of [true, false]) {
    const address = archived ? paths.archiveOrganisation : paths.restoreOrganisation;
    registerFormPage(app, address.pattern, edit, {
      shownElsewhere: true,
      show: (request, reply, _values, errors, status) =>
        showOrganisation(request, reply, errors, status),
      async submit(request, reply) {
        const id = idOf(request);
        await directory.organisations.setArchived(
          request.principal,
          id,
          archived,
          versionOf(request.body),
          request.id,
        );
        return redirectWithFlash(
          reply,
          paths.organisation(id),
          archived ? 'The organisation has been archived' : 'The organisation has been restored',
        );
      },
    });
  }
}
