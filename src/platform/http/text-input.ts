/**
 * Text PostgreSQL cannot store: the null character (U+0000). It is refused wherever text comes
 * in (forms, query strings, the API, CSV files), with a message naming the field, before it can
 * reach the database and fail there as a 500.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError, type FieldError } from '../errors.js';

const NUL = '\u0000';

/** What a field is called, from its name: 'fullName' → 'Full name', 'when-day' → 'When day'. */
export function fieldLabel(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.[\]]+/g, ' ')
    .trim()
    .toLowerCase();
  if (!words) return 'The text';
  const spelt = words.replace(/\b(csv|url|id|api)\b/g, (w) => w.toUpperCase());
  return spelt.charAt(0).toUpperCase() + spelt.slice(1);
}

export function nulMessage(label: string): string {
  return `${label} must not include a null character (U+0000): remove it and try again`;
}

/**
 * Each field of a parsed form, query or JSON body whose text holds a null character, named by
 * its path (`address.street`, `tags`). Looks into lists and objects, not into anything else.
 */
export function nulFieldErrors(values: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const refuse = (name: string) => {
    // The three boxes of a GOV.UK date input are one field: its error goes against the day.
    const date = /^(.+)-(day|month|year)$/.exec(name);
    const field = date ? `${date[1]}-day` : name || '(body)';
    if (!errors.some((e) => e.field === field))
      errors.push({ field, message: nulMessage(fieldLabel(date ? date[1]! : name)) });
  };
  const visit = (value: unknown, name: string, depth: number) => {
    if (typeof value === 'string') {
      if (value.includes(NUL)) refuse(name);
    } else if (Array.isArray(value)) {
      if (depth < 8 && value.some((v) => typeof v === 'string' && v.includes(NUL))) refuse(name);
      else if (depth < 8) value.forEach((v) => visit(v, name, depth + 1));
    } else if (value && typeof value === 'object' && depth < 8) {
      for (const [key, v] of Object.entries(value as Record<string, unknown>))
        if (key !== '_csrf') visit(v, name ? `${name}.${key}` : key, depth + 1);
    }
  };
  visit(values, '', 0);
  return errors;
}

/** The same values with every null character taken out (objects and lists copied, in place). */
export function withoutNul(values: unknown): unknown {
  if (typeof values === 'string') return values.replaceAll(NUL, '');
  if (Array.isArray(values)) return values.map(withoutNul);
  if (values && typeof values === 'object')
    return Object.fromEntries(
      Object.entries(values as Record<string, unknown>).map(([k, v]) => [k, withoutNul(v)]),
    );
  return values;
}

/** What a file's line with a null character is told (after "Line 3: "). */
export const NUL_IN_FILE = 'remove the null character (U+0000), which cannot be saved';

/** The line of a text file (from 1) holding its first null character, or null when none does. */
export function lineWithNul(text: string): number | null {
  const at = text.indexOf(NUL);
  if (at < 0) return null;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The form being handled was refused for its text: while its handler runs, this holds the field
 * errors, and withFormErrors shows the form again with them instead of running the action.
 */
export const refusedText = new AsyncLocalStorage<FieldError[]>();

/**
 * Guards every route's handler: a query string with a null character is refused (400, naming
 * the parameter); so is an API body. A form's body has the character taken out, and the handler
 * runs with `refusedText` holding the errors, so the form is shown again with each field's
 * message and what was typed (less the character), and nothing is saved. Installed before any
 * route is registered.
 */
export function guardTextInput(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    // The design system's files take no text.
    if (route.url.startsWith('/assets/')) return;
    const handler = route.handler as (
      this: FastifyInstance,
      request: FastifyRequest,
      reply: FastifyReply,
    ) => unknown;
    const api = route.config?.access === 'api';
    route.handler = function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      const inQuery = nulFieldErrors(request.query);
      if (inQuery.length) throw new ValidationError(inQuery);
      const inBody = nulFieldErrors(request.body);
      if (inBody.length === 0) return handler.call(this, request, reply);
      if (api) throw new ValidationError(inBody);
      request.body = withoutNul(request.body);
      return refusedText.run(inBody, () => handler.call(this, request, reply));
    } as typeof route.handler;
  });
}
