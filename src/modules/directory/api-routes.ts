/** The directory over JSON for other systems, authenticated with API tokens. */
import { Type, type Static, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { DirectoryRouteDeps as RouteDeps } from './route-deps.js';
import { pageRequest } from '../../platform/db/search.js';
import { UnauthenticatedError } from '../../platform/errors.js';
import { ORGANISATION_KINDS } from './kinds.js';
import type { Organisation, Person } from './service.js';

const KindSchema = Type.Enum([...ORGANISATION_KINDS]);

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

const OrganisationSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    kind: KindSchema,
    code: Nullable(Type.String()),
    parentId: Nullable(Type.String({ format: 'uuid' })),
    description: Nullable(Type.String()),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    address: Nullable(Type.String()),
    website: Nullable(Type.String()),
    archived: Type.Boolean(),
    version: Type.Integer(),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Organisation' },
);

const PersonSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    fullName: Type.String(),
    jobTitle: Nullable(Type.String()),
    organisationId: Nullable(Type.String({ format: 'uuid' })),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    address: Nullable(Type.String()),
    archived: Type.Boolean(),
    version: Type.Integer(),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Person' },
);

const OrganisationBody = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    kind: KindSchema,
    parentId: Type.Optional(Nullable(Type.String())),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 25 }))),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    website: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

const PersonBody = Type.Object(
  {
    fullName: Type.String({ maxLength: 200 }),
    jobTitle: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    organisationId: Type.Optional(Nullable(Type.String())),
    email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 25 }))),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

const ListQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'Words to search for (each matched as a prefix)' }),
  ),
  page: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$' })),
});

const IdParams = Type.Object({ id: Type.String() });
const VersionQuery = Type.Object({
  version: Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,12}$',
      description: 'The version you last read: the change is refused if it has moved on',
    }),
  ),
});

const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  requestId: Type.String(),
});

const errorResponses = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const PAGE_SIZE = 50;

function page<T extends ReturnType<typeof Type.Object>>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

function organisationJson(o: Organisation) {
  const { archivedAt, createdAt: _c, updatedAt, ...rest } = o;
  return { ...rest, archived: archivedAt !== null, updatedAt: updatedAt.toISOString() };
}

function personJson(p: Person) {
  const { archivedAt, createdAt: _c, updatedAt, notes: _n, userId: _u, ...rest } = p;
  return { ...rest, archived: archivedAt !== null, updatedAt: updatedAt.toISOString() };
}

/** Blank strings and nulls mean "none", as they do on the forms. */
function asForm(body: Record<string, unknown>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
  );
}

export function registerDirectoryApiRoutes({ app: root, services }: RouteDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { directory, apiTokens } = services;

  // Authenticate before the body is validated: an unknown caller learns nothing about the API.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const principal = await apiTokens.authenticate(request.headers.authorization);
    if (!principal)
      throw new UnauthenticatedError('Send a valid API token: Authorization: Bearer <token>');
    request.principal = principal;
  });

  const api = { access: 'api' as const };
  const versionOf = (q: Static<typeof VersionQuery>) => (q.version ? Number(q.version) : undefined);

  app.get(
    '/organisations',
    {
      config: api,
      schema: {
        tags: ['Directory'],
        summary: 'List or search organisations',
        querystring: Type.Intersect([ListQuery, Type.Object({ kind: Type.Optional(KindSchema) })]),
        response: { 200: page(OrganisationSchema), ...errorResponses },
      },
    },
    async (request) => {
      const p = pageRequest(request.query.page, PAGE_SIZE);
      const result = await directory.organisations.list(request.principal, {
        q: request.query.q,
        kind: request.query.kind,
        limit: p.limit,
        offset: p.offset,
      });
      return {
        items: result.items.map(organisationJson),
        total: result.total,
        page: p.page,
        pageSize: p.limit,
      };
    },
  );

  app.get(
    '/organisations/:id',
    {
      config: api,
      schema: {
        tags: ['Directory'],
        summary: 'One organisation',
        params: IdParams,
        response: { 200: OrganisationSchema, ...errorResponses },
      },
    },
    async (request) =>
      organisationJson(
        (await directory.organisations.get(request.principal, request.params.id)).organisation,
      ),
  );

  app.post(
    '/organisations',
    {
      config: api,
      schema: {
        tags: ['Directory'],
        summary: 'Add an organisation',
        body: OrganisationBody,
        response: { 201: OrganisationSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await directory.organisations.create(
        request.principal,
        asForm(request.body),
        request.id,
      );
      return reply.status(201).send(organisationJson(created));
    },
  );

  app.put(
    '/organisations/:id',
    {
      config: api,
      schema: {
        tags: ['Directory'],
        summary: 'Replace an organisation’s details',
        params: IdParams,
        querystring: VersionQuery,
        body: OrganisationBody,
        response: { 200: OrganisationSchema, ...errorResponses },
      },
    },
    async (request) =>
      organisationJson(
        await directory.organisations.update(
          request.principal,
          request.params.id,
          { ...asForm(request.body), version: versionOf(request.query) },
          request.id,
        ),
      ),
  );

  app.get(
    '/people',
    {
      config: api,
      schema: {
        tags: ['Directory'],
        summary: 'List or search people',
        querystring: Type.Intersect([
          ListQuery,
          Type.Object({ organisationId: Type.Optional(Type.String()) }),
        ]),
        response: { 200: page(PersonSchema), ...errorResponses },
      },
    },
    async (request) => {
      const p = pageRequest(request.query.page, PAGE_SIZE);
      const result = await directory.people.list(request.principal, {
        q: request.query.q,
        organisationId: request.query.organisationId,
        limit: p.limit,
        offset: p.offset,
      });
      return {
        items: result.items.map(personJson),
        total: result.total,
        page: p.page,
        pageSize: p.limit,
      };
    },
  );

  app.get(
    '/people/:id',
    {
      config: api,
      schema: {
        tags: ['Directory'],
        summary: 'One person',
        params: IdParams,
        response: { 200: PersonSchema, ...errorResponses },
      },
    },
    async (request) =>
      personJson((await directory.people.get(request.principal, request.params.id)).person),
  );

  app.post(
    '/people',
    {
      config: api,
      schema: {
        tags: ['Directory'],
        summary: 'Add a person',
        body: PersonBody,
        response: { 201: PersonSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await directory.people.create(
        request.principal,
        asForm(request.body),
        request.id,
      );
      return reply.status(201).send(personJson(created));
    },
  );

  app.put(
    '/people/:id',
    {
      config: api,
      schema: {
        tags: ['Directory'],
        summary: 'Replace a person’s details',
        params: IdParams,
        querystring: VersionQuery,
        body: PersonBody,
        response: { 200: PersonSchema, ...errorResponses },
      },
    },
    async (request) =>
      personJson(
        await directory.people.update(
          request.principal,
          request.params.id,
          { ...asForm(request.body), version: versionOf(request.query) },
          request.id,
        ),
      ),
  );
}
