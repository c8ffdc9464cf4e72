/** The people in the directory: the list, each one's page, and the forms that change them. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordHistoryHref } from '../../../platform/audit/links.js';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import type { FieldError } from '../../../platform/errors.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { formValues, type FormValues } from '../../../platform/http/render.js';
import { archivedFilter, idOf, registerEntryForms, view } from '../entry-routes.js';
import { directoryCrumbs } from '../home/presenter.js';
import { organisationItems } from '../organisations/presenter.js';
import { directoryPaths as paths } from '../paths.js';
import type { DirectoryRouteDeps as RouteDeps } from '../route-deps.js';
import { personFormValues, personRows, personView } from './presenter.js';

const T = 'modules/directory/people/views';

/** Home, the directory, then the people. */
const crumbs = (request: FastifyRequest) =>
  directoryCrumbs(request.t, { text: request.t('directory:people.title'), href: paths.people });

export function registerPersonRoutes({ app, services, renderPage }: RouteDeps): void {
  const { directory, users } = services;

  app.get(paths.people, view, async (request, reply) => {
    const q = queryString(request.query, 'q');
    const organisationId = queryString(request.query, 'organisation');
    const { canSeeArchived, archived } = archivedFilter(request);
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await directory.people.list(request.principal, {
      q,
      organisationId,
      includeArchived: archived === 'include',
      limit: page.limit,
      offset: page.offset,
    });
    return renderPage(request, reply, `${T}/list.njk`, {
      title: request.t('directory:people.title'),
      width: 'full',
      breadcrumbs: directoryCrumbs(request.t),
      q,
      organisationId,
      archived,
      canSeeArchived,
      result,
      rows: personRows(result.items),
      searchAction: paths.people,
      newPersonHref: paths.newPerson,
      canEdit: can(request.principal, 'directory.edit'),
      pagination: paginationFor(
        paths.people,
        { q, organisation: organisationId, archived },
        page.page,
        page.limit,
        result.total,
      ),
    });
  });

  /** A person's page, and again with the errors of a refused archive or restore. */
  async function showPerson(
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    status = 200,
  ) {
    const id = idOf(request);
    const detail = await directory.people.get(request.principal, id);
    // Shown again after a refused archive or restore, the page says only that there is an account.
    const account =
      !errors && detail.person.userId && can(request.principal, 'users.manage')
        ? await users.summary(detail.person.userId)
        : undefined;
    return renderPage(
      request,
      reply,
      `${T}/person.njk`,
      {
        title: detail.person.fullName,
        breadcrumbs: crumbs(request),
        ...personView(detail),
        account,
        canEdit: errors ? true : can(request.principal, 'directory.edit'),
        historyHref: recordHistoryHref(request.principal, 'person', id),
        errors,
      },
      status,
    );
  }

  app.get(paths.person.pattern, view, async (request, reply) => showPerson(request, reply));

  registerEntryForms(app, {
    paths: {
      new: paths.newPerson,
      entry: paths.person,
      edit: paths.editPerson,
      archive: paths.archivePerson,
      restore: paths.restorePerson,
    },
    /** The form to add a person (no id) or change one. */
    async showForm(request, reply, id, values: FormValues, errors, status = 200) {
      const t = request.t;
      return renderPage(
        request,
        reply,
        `${T}/form.njk`,
        {
          title: t(id ? 'directory:people.change' : 'directory:people.add'),
          breadcrumbs: crumbs(request),
          action: id ? paths.editPerson(id) : paths.newPerson,
          values: formValues(values),
          errors,
          organisationItems: organisationItems(
            await directory.organisations.options(),
            t('directory:common.none'),
          ),
          canLinkAccounts: can(request.principal, 'users.manage'),
        },
        status,
      );
    },
    showEntry: showPerson,
    initialNew: (request) => ({ organisationId: queryString(request.query, 'organisation') ?? '' }),
    async initial(request) {
      const { person } = await directory.people.get(request.principal, idOf(request));
      const account =
        person.userId && can(request.principal, 'users.manage')
          ? await users.summary(person.userId)
          : undefined;
      return personFormValues(person, account?.email ?? '');
    },
    service: directory.people,
    named: (p) => ({ id: p.id, name: p.fullName }),
    messages: {
      added: 'directory:people.added',
      updated: 'directory:people.updated',
      archived: 'directory:people.archived',
      restored: 'directory:people.restored',
    },
  });
}
