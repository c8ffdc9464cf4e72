/** The people in the directory: the list, each one's page, and the forms that change them. */
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
import { directoryCrumb, home } from '../home/presenter.js';
import { organisationItems } from '../organisations/presenter.js';
import { directoryPaths as paths } from '../paths.js';
import type { DirectoryRouteDeps as RouteDeps } from '../route-deps.js';
import { versionOf } from '../rules.js';
import { personFormValues, personRows, personView } from './presenter.js';

const view = { config: { access: { action: 'directory.view' as const } } };
const edit = { config: { access: { action: 'directory.edit' as const } } };
const T = 'modules/directory/people/views';

const peopleCrumb = { text: 'People', href: paths.people };
const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

export function registerPersonRoutes({ app, services, renderPage }: RouteDeps): void {
  const { directory, users } = services;

  app.get(paths.people, view, async (request, reply) => {
    const q = queryString(request.query, 'q');
    const organisationId = queryString(request.query, 'organisation');
    const canSeeArchived = can(request.principal, 'directory.view-archived');
    const archived =
      canSeeArchived && queryString(request.query, 'archived') === 'include'
        ? 'include'
        : undefined;
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await directory.people.list(request.principal, {
      q,
      organisationId,
      includeArchived: archived === 'include',
      limit: page.limit,
      offset: page.offset,
    });
    return renderPage(request, reply, `${T}/list.njk`, {
      title: 'People',
      width: 'full',
      breadcrumbs: [home, directoryCrumb],
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
        breadcrumbs: [home, directoryCrumb, peopleCrumb],
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

  /** The form to add a person (no id) or change one. */
  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string | undefined,
    values: FormValues,
    errors?: FieldError[],
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      `${T}/form.njk`,
      {
        title: id ? 'Change person' : 'Add a person',
        breadcrumbs: [home, directoryCrumb, peopleCrumb],
        action: id ? paths.editPerson(id) : paths.newPerson,
        values: formValues(values),
        errors,
        organisationItems: organisationItems(await directory.organisations.options(), 'None'),
        canLinkAccounts: can(request.principal, 'users.manage'),
      },
      status,
    );
  }

  registerFormPage(app, paths.newPerson, edit, {
    initial: (request) => ({ organisationId: queryString(request.query, 'organisation') ?? '' }),
    show: (request, reply, values, errors, status) =>
      showForm(request, reply, undefined, values, errors, status),
    async submit(request, reply) {
      const created = await directory.people.create(
        request.principal,
        formValues(request.body),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.person(created.id),
        `${created.fullName} has been added to the directory`,
      );
    },
  });

  registerFormPage(app, paths.editPerson.pattern, edit, {
    async initial(request) {
      const { person } = await directory.people.get(request.principal, idOf(request));
      const account =
        person.userId && can(request.principal, 'users.manage')
          ? await users.summary(person.userId)
          : undefined;
      return personFormValues(person, account?.email ?? '');
    },
    show: (request, reply, values, errors, status) =>
      showForm(request, reply, idOf(request), values, errors, status),
    async submit(request, reply) {
      const id = idOf(request);
      const updated = await directory.people.update(
        request.principal,
        id,
        { ...formValues(request.body), version: versionOf(request.body) },
        request.id,
      );
      return redirectWithFlash(reply, paths.person(id), `${updated.fullName} has been updated`);
    },
  });

  for (const archived of [true, false]) {
    const address = archived ? paths.archivePerson : paths.restorePerson;
    registerFormPage(app, address.pattern, edit, {
      shownElsewhere: true,
      show: (request, reply, _values, errors, status) => showPerson(request, reply, errors, status),
      async submit(request, reply) {
        const id = idOf(request);
        await directory.people.setArchived(
          request.principal,
          id,
          archived,
          versionOf(request.body),
          request.id,
        );
        return redirectWithFlash(
          reply,
          paths.person(id),
          archived ? 'The person has been archived' : 'The person has been restored',
        );
      },
    });
  }
}
