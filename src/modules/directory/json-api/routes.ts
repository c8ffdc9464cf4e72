/** The directory over JSON for other systems, authenticated with API tokens. */
import { type Static, type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { UnauthenticatedError } from '../../../platform/errors.js';
import { directoryApiPaths as paths } from '../paths.js';
import type { DirectoryRouteDeps as RouteDeps } from '../route-deps.js';
import { asForm, organisationJson, personJson } from './presenter.js';
import {
  errorResponses,
  IdParams,
  KindSchema,
  ListQuery,
  OrganisationBody,
  OrganisationSchema,
  page,
  PAGE_SIZE,
  PersonBody,
  PersonSchema,
  VersionQuery,
} from './schemas.js';

export function registerDirectoryApiRoutes({ app: root, services }: RouteDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { directory, apiTokens } = services;

  // Authenticate before the body is validated: an unknown caller learns nothing about the API.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const principal = await apiTokens.authenticate(request.headers.authorization);
    if (!principal) throw new UnauthenticatedError(request.t('directory:api.tokenMissing'));
    request.principal = principal;
  });

  const api = { access: 'api' as const };
  const versionOf = (q: Static<typeof VersionQuery>) => (q.version ? Number(q.version) : undefined);

  app.get(
    paths.organisations,
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
    paths.organisation.pattern,
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
    paths.organisations,
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
    paths.organisation.pattern,
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
    paths.people,
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
    paths.person.pattern,
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
    paths.people,
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
    paths.person.pattern,
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
