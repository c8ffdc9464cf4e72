/**
 * What the organisations' and the people's pages share: a list's filter of archived entries, the
 * forms to add and change an entry, and archiving or restoring one from its page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../platform/auth/principal.js';
import { can } from '../../platform/auth/permissions.js';
import type { FieldError } from '../../platform/errors.js';
import { queryString } from '../../platform/http/pagination.js';
import { formValues, redirectWithFlash, registerFormPage } from '../../platform/http/render.js';
import type { Route } from '../../platform/http/route.js';
import { versionOf } from './rules.js';

export const view = { config: { access: { action: 'directory.view' as const } } };
export const edit = { config: { access: { action: 'directory.edit' as const } } };

export const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

/** Whether a list shows archived entries: only asked for, and only to those who may see them. */
export function archivedFilter(request: FastifyRequest) {
  const canSeeArchived = can(request.principal, 'directory.view-archived');
  const archived =
    canSeeArchived && queryString(request.query, 'archived') === 'include'
      ? ('include' as const)
      : undefined;
  return { canSeeArchived, archived };
}

type EntryRoute = Route<`${string}:id${string}`>;

/** The forms of one kind of entry (organisations or people). */
interface EntryForms<E> {
  /** The addresses: the entry's page, and its forms. */
  paths: {
    new: string;
    entry: EntryRoute;
    edit: EntryRoute;
    archive: EntryRoute;
    restore: EntryRoute;
  };
  /** The form page (`id` is undefined when adding). */
  showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string | undefined,
    values: Record<string, string | string[] | undefined>,
    errors?: FieldError[],
    status?: number,
  ): Promise<FastifyReply>;
  /** The entry's page, shown again with the errors of a refused archive or restore. */
  showEntry(
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    status?: number,
  ): Promise<FastifyReply>;
  /** The form's values of the entry as it is. */
  initial(request: FastifyRequest): Promise<Record<string, string>>;
  /** The values a new entry's form starts with. */
  initialNew?(request: FastifyRequest): Record<string, string>;
  service: {
    create(principal: Principal, input: Record<string, string>, requestId: string): Promise<E>;
    update(
      principal: Principal,
      id: string,
      input: { version?: number | undefined; [field: string]: string | number | undefined },
      requestId: string,
    ): Promise<E>;
    setArchived(
      principal: Principal,
      id: string,
      archived: boolean,
      version: number | undefined,
      requestId: string,
    ): Promise<void>;
  };
  /** The entry's id and name, for the success message. */
  named(entry: E): { id: string; name: string };
  /** The success messages' keys. */
  messages: { added: string; updated: string; archived: string; restored: string };
}

/** Registers adding, changing, archiving and restoring one kind of entry. */
export function registerEntryForms<E>(app: FastifyInstance, forms: EntryForms<E>): void {
  const { paths, service, messages } = forms;

  registerFormPage(app, paths.new, edit, {
    ...(forms.initialNew ? { initial: forms.initialNew } : {}),
    show: (request, reply, values, errors, status) =>
      forms.showForm(request, reply, undefined, values, errors, status),
    async submit(request, reply) {
      const created = forms.named(
        await service.create(request.principal, formValues(request.body), request.id),
      );
      return redirectWithFlash(
        reply,
        paths.entry(created.id),
        request.t(messages.added, { name: created.name }),
      );
    },
  });

  registerFormPage(app, paths.edit.pattern, edit, {
    initial: forms.initial,
    show: (request, reply, values, errors, status) =>
      forms.showForm(request, reply, idOf(request), values, errors, status),
    async submit(request, reply) {
      const id = idOf(request);
      const updated = forms.named(
        await service.update(
          request.principal,
          id,
          { ...formValues(request.body), version: versionOf(request.body) },
          request.id,
        ),
      );
      return redirectWithFlash(
        reply,
        paths.entry(id),
        request.t(messages.updated, { name: updated.name }),
      );
    },
  });

  for (const archived of [true, false]) {
    const address = archived ? paths.archive : paths.restore;
    registerFormPage(app, address.pattern, edit, {
      shownElsewhere: true,
      show: (request, reply, _values, errors, status) =>
        forms.showEntry(request, reply, errors, status),
      async submit(request, reply) {
        const id = idOf(request);
        await service.setArchived(
          request.principal,
          id,
          archived,
          versionOf(request.body),
          request.id,
        );
        return redirectWithFlash(
          reply,
          paths.entry(id),
          request.t(archived ? messages.archived : messages.restored),
        );
      },
    });
  }
}
