/**
 * CON-08, TRK-01: a key point's leads and an action's owners as the managers' forms give them,
 * one row each: a unit, directorate or borough from the list, or a person typed by name (or
 * e-mail address) and found in the directory. One person of that name is used; several, or
 * only people with a name like it, and the form comes back asking which; nobody, and the row
 * may add them to the directory in the same step. Works without JavaScript: another row is one
 * more submission of the form ("Add another"), up to MAX_LEADS.
 */
import { eq } from 'drizzle-orm';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/database.js';
import { ForbiddenError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { DirectoryService } from '../../directory/index.js';
import type { Lead } from '../access.js';
import { trackerLeads } from '../schema.js';

type Input = Record<string, string | string[] | undefined>;

/** The most leads or owners one form takes. */
export const MAX_LEADS = 10;
/** The most people offered when nobody has exactly the name typed. */
const MAX_SIMILAR = 10;
const MAX_NAME = 200;

export type LeadPrefix = 'lead' | 'owner';

/** A row's field: `lead-0-name`, `owner-2-organisation`. */
export const leadField = (prefix: LeadPrefix, row: number, name: string) =>
  `${prefix}-${row}-${name}`;

/** How many rows the form shows: as many as asked for or filled in, at least one. */
export function leadRowCount(values: Input, prefix: LeadPrefix): number {
  let filled = 0;
  for (let row = 0; row < MAX_LEADS; row++)
    if (
      text(values[leadField(prefix, row, 'name')]) ||
      text(values[leadField(prefix, row, 'organisation')])
    )
      filled = row + 1;
  const asked = Number(text(values[`${prefix}Rows`]) ?? '1');
  return Math.min(MAX_LEADS, Math.max(1, filled, Number.isInteger(asked) ? asked : 1));
}

/** The form's rows for leads or owners already recorded: units by id, people by name. */
export function leadValues(
  prefix: LeadPrefix,
  leads: readonly { personId: string | null; organisationId: string | null; name: string }[],
): Record<string, string> {
  const values: Record<string, string> = { [`${prefix}Rows`]: String(Math.max(1, leads.length)) };
  leads.forEach((lead, row) => {
    if (lead.organisationId) values[leadField(prefix, row, 'organisation')] = lead.organisationId;
    if (lead.personId) {
      values[leadField(prefix, row, 'name')] = lead.name;
      values[leadField(prefix, row, 'person')] = lead.personId;
    }
  });
  return values;
}

/** A row read: a lead found, or a person to add to the directory first. */
type Pending =
  | (Lead & { row: number })
  | {
      row: number;
      add: { fullName: string; jobTitle: string | undefined; organisationId: string | undefined };
    };

const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** One of the people a row may have meant, for its radios. */
export interface LeadChoice {
  value: string;
  text: string;
  hint: string | null;
}

export function createLeadReader(deps: { directory: DirectoryService; t: Translate }) {
  const { directory, t } = deps;

  /** The people a typed name may mean: those with exactly that name, else those like it. */
  async function candidates(executor: Executor, name: string) {
    const exact = (await directory.lookups.peopleNamed(executor, [name])).get(name) ?? [];
    const similar = exact.length
      ? []
      : await directory.lookups.peopleLike(executor, name, MAX_SIMILAR);
    return { exact, similar };
  }

  /** The person with this id, if the name typed is theirs (case and spacing aside). */
  async function recordedAs(executor: Executor, id: string | null, typed: string) {
    if (!id || !isUuid(id)) return undefined;
    const found = (await directory.lookups.people(executor, [id])).get(id);
    return found && nameKey(found.fullName) === nameKey(typed) ? found : undefined;
  }

  return {
    /**
     * The rows as the form gives them, each bad one named by its field. A person to add is
     * added by `settle`, in the transaction that records the leads.
     */
    async read(
      executor: Executor,
      input: Input,
      prefix: LeadPrefix,
      errors: FieldError[],
    ): Promise<Pending[]> {
      const pending: Pending[] = [];
      const seen = new Set<string>();
      const once = (row: number, key: string, field: string) => {
        if (!seen.has(key)) return seen.add(key);
        errors.push({ field, message: t('tracker:records.owner.twice') });
        return false;
      };
      for (let row = 0; row < leadRowCount(input, prefix); row++) {
        const field = (name: string) => leadField(prefix, row, name);
        const name = text(input[field('name')]);
        const organisationId = text(input[field('organisation')]);
        if (!name && !organisationId) continue;
        if (name && organisationId) {
          errors.push({ field: field('name'), message: t('tracker:records.owner.both') });
          continue;
        }
        if (organisationId) {
          const found = isUuid(organisationId)
            ? (await directory.lookups.organisations(executor, [organisationId])).get(
                organisationId,
              )
            : undefined;
          if (!found || found.archived)
            errors.push({
              field: field('organisation'),
              message: t('tracker:records.owner.unknownOrganisation'),
            });
          else if (once(row, organisationId, field('organisation')))
            pending.push({ row, personId: null, organisationId });
          continue;
        }
        const typed = name!;
        if (typed.includes('@')) {
          const found = (await directory.lookups.resolveReferences(executor, [typed])).get(typed);
          if (!found?.personId)
            errors.push({ field: field('name'), message: t('tracker:records.owner.unknownEmail') });
          else if (once(row, found.personId, field('name')))
            pending.push({ row, personId: found.personId, organisationId: null });
          continue;
        }
        const before = errors.length;
        tooLong(t, errors, field('name'), t('tracker:records.owner.personName'), typed, MAX_NAME);
        if (errors.length > before) continue;
        const chosen = text(input[field('person')]);
        const adding = text(input[field('add')]) === 'yes';
        const { exact, similar } = await candidates(executor, typed);
        const person = (p: { id: string }) => {
          if (once(row, p.id, field('name')))
            pending.push({ row, personId: p.id, organisationId: null });
        };
        // The person chosen, or already recorded (kept even once archived), while the name typed
        // is still theirs.
        const picked =
          [...exact, ...similar].find((p) => p.id === chosen) ??
          (await recordedAs(executor, chosen, typed));
        if (chosen === 'new' || (adding && exact.length === 0)) {
          if (once(row, `new:${typed.toLowerCase()}`, field('name')))
            pending.push({
              row,
              add: {
                fullName: typed,
                jobTitle: text(input[field('jobTitle')]) ?? undefined,
                organisationId: text(input[field('personOrganisation')]) ?? undefined,
              },
            });
        } else if (picked) person(picked);
        else if (exact.length === 1) person(exact[0]!);
        else if (exact.length > 1)
          errors.push({
            field: field('name'),
            message: t('tracker:records.owner.several', { count: exact.length, name: typed }),
          });
        else
          errors.push({
            field: field('name'),
            message: t(
              similar.length ? 'tracker:records.owner.similar' : 'tracker:records.owner.nobody',
              { name: typed },
            ),
          });
      }
      return pending;
    },

    /**
     * The leads, in the form's order, adding to the directory (its own checks, permission and
     * audit event) each person the form said to add; a refusal fails the whole transaction.
     */
    async settle(
      tx: Executor,
      principal: Principal,
      prefix: LeadPrefix,
      pending: readonly Pending[],
      requestId?: string,
    ): Promise<Lead[]> {
      const leads: Lead[] = [];
      for (const p of pending) {
        if (!('add' in p)) {
          leads.push({ personId: p.personId, organisationId: p.organisationId });
          continue;
        }
        const field = (name: string) => leadField(prefix, p.row, name);
        try {
          const added = await directory.people.addWithin(tx, principal, p.add, requestId);
          leads.push({ personId: added.id, organisationId: null });
        } catch (error) {
          if (error instanceof ForbiddenError)
            throw new ValidationError([
              { field: field('add'), message: t('tracker:records.owner.mayNotAdd') },
            ]);
          if (error instanceof ValidationError)
            throw new ValidationError(
              error.fieldErrors.map((e) => ({
                field:
                  e.field === 'jobTitle'
                    ? field('jobTitle')
                    : e.field === 'organisationId'
                      ? field('personOrganisation')
                      : field('name'),
                message: e.message,
              })),
            );
          throw error;
        }
      }
      return leads;
    },

    /** For each row naming someone not yet settled on: the people it may mean, and adding them. */
    async choices(executor: Executor, values: Input, prefix: LeadPrefix) {
      const byRow: Record<number, LeadChoice[]> = {};
      for (let row = 0; row < leadRowCount(values, prefix); row++) {
        const name = text(values[leadField(prefix, row, 'name')]);
        if (!name || name.includes('@') || text(values[leadField(prefix, row, 'organisation')]))
          continue;
        const { exact, similar } = await candidates(executor, name.slice(0, MAX_NAME));
        const people = exact.length > 1 ? exact : exact.length === 0 ? similar : [];
        if (!people.length) continue;
        byRow[row] = [
          ...people.map((p) => ({
            value: p.id,
            text: p.fullName,
            hint: [p.jobTitle, p.organisationName, p.email].filter(Boolean).join(', ') || null,
          })),
          { value: 'new', text: t('tracker:records.owner.addNew', { name }), hint: null },
        ];
      }
      return byRow;
    },
  };
}

/** Records a key point's leads or an action's owners, in order, in place of any it had. */
export async function writeLeads(
  tx: Executor,
  of: { keyPointId: string } | { actionId: string },
  leads: readonly Lead[],
  at: Date,
) {
  await tx
    .delete(trackerLeads)
    .where(
      'keyPointId' in of
        ? eq(trackerLeads.keyPointId, of.keyPointId)
        : eq(trackerLeads.actionId, of.actionId),
    );
  if (leads.length)
    await tx
      .insert(trackerLeads)
      .values(leads.map((lead, i) => ({ ...of, ...lead, position: i + 1, createdAt: at })));
}
