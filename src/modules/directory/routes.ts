import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DirectoryRouteDeps as RouteDeps } from './route-deps.js';
import { recordHistoryHref } from '../../platform/audit/links.js';
import { can } from '../../platform/auth/permissions.js';
import { pageRequest } from '../../platform/db/search.js';
import type { FieldError } from '../../platform/errors.js';
import { paginationFor, queryString } from '../../platform/http/pagination.js';
import {
  field,
  formValues,
  redirectWithFlash,
  withFormErrors,
} from '../../platform/http/render.js';
import { ORGANISATION_KIND_LABELS, ORGANISATION_KINDS } from './kinds.js';
import { directoryPaths as paths } from './paths.js';
import type { Organisation, Person } from './service.js';

const view = { config: { access: { action: 'directory.view' as const } } };
const edit = { config: { access: { action: 'directory.edit' as const } } };
const T = 'modules/directory/views';

const home = { text: 'Home', href: '/' };
const directoryCrumb = { text: 'Directory', href: paths.home };
const organisationsCrumb = { text: 'Organisations', href: paths.organisations };
const peopleCrumb = { text: 'People', href: paths.people };

function version(body: unknown): number | undefined {
  const v = field(body, 'version');
  return /^\d+$/.test(v) ? Number(v) : undefined;
}

function organisationFormValues(o: Organisation): Record<string, string> {
  return {
    name: o.name,
    kind: o.kind,
    parentId: o.parentId ?? '',
    description: o.description ?? '',
    email: o.email ?? '',
    phone: o.phone ?? '',
    address: o.address ?? '',
    website: o.website ?? '',
    version: String(o.version),
  };
}

function personFormValues(p: Person, userEmail: string): Record<string, string> {
  return {
    fullName: p.fullName,
    jobTitle: p.jobTitle ?? '',
    organisationId: p.organisationId ?? '',
    email: p.email ?? '',
    phone: p.phone ?? '',
    address: p.address ?? '',
    notes: p.notes ?? '',
    userEmail,
    version: String(p.version),
  };
}

export function registerDirectoryRoutes({ app, services, renderPage }: RouteDeps): void {
  const { directory, users } = services;

  const kindItems = (selected?: string, blank = 'Select a type') => [
    { value: '', text: blank },
    ...ORGANISATION_KINDS.map((k) => ({
      value: k,
      text: ORGANISATION_KIND_LABELS[k],
      selected: k === selected,
    })),
  ];
  const organisationItems = async (blank: string, excludeId?: string) => [
    { value: '', text: blank },
    ...(await directory.organisations.options())
      .filter((o) => o.id !== excludeId)
      .map((o) => ({ value: o.id, text: o.name })),
  ];

  app.get(paths.home, view, async (request, reply) => {
    const q = queryString(request.query, 'q');
    const first = { limit: 10, offset: 0, q };
    const [orgs, people] = await Promise.all([
      directory.organisations.list(request.principal, first),
      directory.people.list(request.principal, first),
    ]);
    return renderPage(request, reply, `${T}/index.njk`, {
      title: 'Directory',
      breadcrumbs: [home],
      q,
      orgs,
      people,
      canEdit: can(request.principal, 'directory.edit'),
      paths,
      kindLabels: ORGANISATION_KIND_LABELS,
    });
  });

  // Organisations

  app.get(paths.organisations, view, async (request, reply) => {
    const q = queryString(request.query, 'q');
    const kindParam = queryString(request.query, 'kind');
    const kind =
      kindParam && (ORGANISATION_KINDS as readonly string[]).includes(kindParam)
        ? kindParam
        : undefined;
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
    return renderPage(request, reply, `${T}/organisations.njk`, {
      title: 'Organisations',
      width: 'full',
      breadcrumbs: [home, directoryCrumb],
      q,
      kind,
      archived,
      canSeeArchived,
      kindItems: kindItems(kind, 'All types'),
      result,
      kindLabels: ORGANISATION_KIND_LABELS,
      canEdit: can(request.principal, 'directory.edit'),
      paths,
      pagination: paginationFor(
        paths.organisations,
        { q, kind, archived },
        page.page,
        page.limit,
        result.total,
      ),
    });
  });

  const showOrganisationForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      id?: string;
      values: Record<string, string>;
      errors?: FieldError[];
      status?: number;
    },
  ) =>
    renderPage(
      request,
      reply,
      `${T}/organisation-form.njk`,
      {
        title: options.id ? 'Change organisation' : 'Add an organisation',
        breadcrumbs: [home, directoryCrumb, organisationsCrumb],
        action: options.id ? paths.editOrganisation(options.id) : paths.newOrganisation,
        values: options.values,
        errors: options.errors,
        kindItems: kindItems(options.values.kind),
        parentItems: await organisationItems('None', options.id),
      },
      options.status ?? 200,
    );

  app.get(paths.newOrganisation, edit, async (request, reply) =>
    showOrganisationForm(request, reply, { values: {} }),
  );

  app.post(paths.newOrganisation, edit, async (request, reply) =>
    withFormErrors(
      async () => {
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
      (errors, status) =>
        showOrganisationForm(request, reply, { values: formValues(request.body), errors, status }),
    ),
  );

  app.get('/directory/organisations/:id', view, async (request, reply) => {
    const { id } = request.params as { id: string };
    const detail = await directory.organisations.get(request.principal, id);
    return renderPage(request, reply, `${T}/organisation.njk`, {
      title: detail.organisation.name,
      breadcrumbs: [home, directoryCrumb, organisationsCrumb],
      ...detail,
      kindLabel: ORGANISATION_KIND_LABELS[detail.organisation.kind],
      canEdit: can(request.principal, 'directory.edit'),
      historyHref: recordHistoryHref(request.principal, 'organisation', id),
      paths,
    });
  });

  app.get('/directory/organisations/:id/edit', edit, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { organisation } = await directory.organisations.get(request.principal, id);
    return showOrganisationForm(request, reply, {
      id,
      values: organisationFormValues(organisation),
    });
  });

  app.post('/directory/organisations/:id/edit', edit, async (request, reply) => {
    const { id } = request.params as { id: string };
    return withFormErrors(
      async () => {
        const updated = await directory.organisations.update(
          request.principal,
          id,
          { ...formValues(request.body), version: version(request.body) },
          request.id,
        );
        return redirectWithFlash(reply, paths.organisation(id), `${updated.name} has been updated`);
      },
      (errors, status) =>
        showOrganisationForm(request, reply, {
          id,
          values: formValues(request.body),
          errors,
          status,
        }),
    );
  });

  for (const archived of [true, false]) {
    app.post(
      `/directory/organisations/:id/${archived ? 'archive' : 'restore'}`,
      edit,
      async (request, reply) => {
        const { id } = request.params as { id: string };
        return withFormErrors(
          async () => {
            await directory.organisations.setArchived(
              request.principal,
              id,
              archived,
              version(request.body),
              request.id,
            );
            return redirectWithFlash(
              reply,
              paths.organisation(id),
              archived
                ? 'The organisation has been archived'
                : 'The organisation has been restored',
            );
          },
          async (errors, status) => {
            const detail = await directory.organisations.get(request.principal, id);
            return renderPage(
              request,
              reply,
              `${T}/organisation.njk`,
              {
                title: detail.organisation.name,
                breadcrumbs: [home, directoryCrumb, organisationsCrumb],
                ...detail,
                kindLabel: ORGANISATION_KIND_LABELS[detail.organisation.kind],
                canEdit: true,
                historyHref: recordHistoryHref(request.principal, 'organisation', id),
                paths,
                errors,
              },
              status,
            );
          },
        );
      },
    );
  }

  // People

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
    return renderPage(request, reply, `${T}/people.njk`, {
      title: 'People',
      width: 'full',
      breadcrumbs: [home, directoryCrumb],
      q,
      organisationId,
      archived,
      canSeeArchived,
      result,
      canEdit: can(request.principal, 'directory.edit'),
      paths,
      pagination: paginationFor(
        paths.people,
        { q, organisation: organisationId, archived },
        page.page,
        page.limit,
        result.total,
      ),
    });
  });

  const showPersonForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      id?: string;
      values: Record<string, string>;
      errors?: FieldError[];
      status?: number;
    },
  ) =>
    renderPage(
      request,
      reply,
      `${T}/person-form.njk`,
      {
        title: options.id ? 'Change person' : 'Add a person',
        breadcrumbs: [home, directoryCrumb, peopleCrumb],
        action: options.id ? paths.editPerson(options.id) : paths.newPerson,
        values: options.values,
        errors: options.errors,
        organisationItems: await organisationItems('None'),
        canLinkAccounts: can(request.principal, 'users.manage'),
      },
      options.status ?? 200,
    );

  app.get(paths.newPerson, edit, async (request, reply) =>
    showPersonForm(request, reply, {
      values: { organisationId: queryString(request.query, 'organisation') ?? '' },
    }),
  );

  app.post(paths.newPerson, edit, async (request, reply) =>
    withFormErrors(
      async () => {
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
      (errors, status) =>
        showPersonForm(request, reply, { values: formValues(request.body), errors, status }),
    ),
  );

  app.get('/directory/people/:id', view, async (request, reply) => {
    const { id } = request.params as { id: string };
    const detail = await directory.people.get(request.principal, id);
    const account =
      detail.person.userId && can(request.principal, 'users.manage')
        ? await users.summary(detail.person.userId)
        : undefined;
    return renderPage(request, reply, `${T}/person.njk`, {
      title: detail.person.fullName,
      breadcrumbs: [home, directoryCrumb, peopleCrumb],
      ...detail,
      account,
      hasAccount: detail.person.userId !== null,
      canEdit: can(request.principal, 'directory.edit'),
      historyHref: recordHistoryHref(request.principal, 'person', id),
      paths,
    });
  });

  app.get('/directory/people/:id/edit', edit, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { person } = await directory.people.get(request.principal, id);
    const account =
      person.userId && can(request.principal, 'users.manage')
        ? await users.summary(person.userId)
        : undefined;
    return showPersonForm(request, reply, {
      id,
      values: personFormValues(person, account?.email ?? ''),
    });
  });

  app.post('/directory/people/:id/edit', edit, async (request, reply) => {
    const { id } = request.params as { id: string };
    return withFormErrors(
      async () => {
        const updated = await directory.people.update(
          request.principal,
          id,
          { ...formValues(request.body), version: version(request.body) },
          request.id,
        );
        return redirectWithFlash(reply, paths.person(id), `${updated.fullName} has been updated`);
      },
      (errors, status) =>
        showPersonForm(request, reply, { id, values: formValues(request.body), errors, status }),
    );
  });

  for (const archived of [true, false]) {
    app.post(
      `/directory/people/:id/${archived ? 'archive' : 'restore'}`,
      edit,
      async (request, reply) => {
        const { id } = request.params as { id: string };
        return withFormErrors(
          async () => {
            await directory.people.setArchived(
              request.principal,
              id,
              archived,
              version(request.body),
              request.id,
            );
            return redirectWithFlash(
              reply,
              paths.person(id),
              archived ? 'The person has been archived' : 'The person has been restored',
            );
          },
          async (errors, status) => {
            const detail = await directory.people.get(request.principal, id);
            return renderPage(
              request,
              reply,
              `${T}/person.njk`,
              {
                title: detail.person.fullName,
                breadcrumbs: [home, directoryCrumb, peopleCrumb],
                ...detail,
                hasAccount: detail.person.userId !== null,
                canEdit: true,
                historyHref: recordHistoryHref(request.principal, 'person', id),
                paths,
                errors,
              },
              status,
            );
          },
        );
      },
    );
  }
}
