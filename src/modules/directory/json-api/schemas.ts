/** The JSON API's schemas (TypeBox): what it accepts and answers, published in its OpenAPI document. */
import { Type } from '@fastify/type-provider-typebox';
import { ORGANISATION_KINDS } from '../kinds.js';

export const KindSchema = Type.Enum([...ORGANISATION_KINDS]);

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

export const OrganisationSchema = Type.Object(
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

export const PersonSchema = Type.Object(
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

export const OrganisationBody = Type.Object(
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

export const PersonBody = Type.Object(
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

export const ListQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'Words to search for (each matched as a prefix)' }),
  ),
  page: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$' })),
});

export const IdParams = Type.Object({ id: Type.String() });
export const VersionQuery = Type.Object({
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

export const errorResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
};
export const PAGE_SIZE = 50;

export function page<T extends ReturnType<typeof Type.Object>>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}
