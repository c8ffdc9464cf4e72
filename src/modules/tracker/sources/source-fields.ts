/**
 * TRK-01: a source's details as the add and edit forms give them, read and checked in one place.
 * The errors come in the order of the fields on the form (sources/views/source-fields.njk), so
 * the error summary reads as the form does.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { ConflictError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { dateField, text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { reportingYear } from '../../../platform/calendar/index.js';
import type { DirectoryService } from '../../directory/index.js';
import type { GroupsApi } from '../../groups/index.js';
import {
  isSourceKind,
  needsMonitoringGroup,
  parseReportingYear,
  type SourceKind,
} from '../rules.js';
import { trackerSources } from '../schema.js';

type Input = Record<string, string | string[] | undefined>;

const MAX_TITLE = 300;
const MAX_SUMMARY = 1_000;
const MAX_TEXT = 20_000;

/** A source's details, checked. */
export interface SourceFields {
  title: string;
  summary: string | null;
  introduction: string | null;
  kind: SourceKind;
  sourceDate: string | null;
  reference: string | null;
  owner: { id: string; name: string } | null;
  reportsTo: string | null;
  monitoredBy: string | null;
  groupId: string | null;
  coversYear: number | null;
  dueOn: string | null;
  isPublic: boolean;
}

/**
 * Reads the source form. Adding, the kind and the group are read from it too (the group checked
 * against `groups`); editing, they are `fixed` as the source has them, and the rest is read.
 */
export function createSourceFieldReader(deps: {
  db: Executor;
  directory: DirectoryService;
  t: Translate;
  groups?: GroupsApi;
}) {
  const { db, directory, t } = deps;
  return async function readSourceFields(
    input: Input,
    fixed?: { kind: SourceKind; groupId: string | null },
  ): Promise<SourceFields> {
    const errors: FieldError[] = [];
    const title = text(input.title);
    if (!title)
      errors.push({ field: 'title', message: t('tracker:sources.form.sourceTitle.missing') });
    tooLong(t, errors, 'title', t('tracker:sources.form.sourceTitle.name'), title, MAX_TITLE);
    // Issue 23 item 6: what the source is (plain words) and its context (formatted text).
    const summary = text(input.summary)?.replace(/\s+/g, ' ') ?? null;
    tooLong(t, errors, 'summary', t('tracker:sources.form.summary.name'), summary, MAX_SUMMARY);
    const introduction = text(input.introduction)?.replace(/\r\n?/g, '\n') ?? null;
    tooLong(
      t,
      errors,
      'introduction',
      t('tracker:sources.form.introduction.name'),
      introduction,
      MAX_TEXT,
    );
    const kind = fixed ? fixed.kind : text(input.kind);
    if (!isSourceKind(kind))
      errors.push({ field: 'kind', message: t('tracker:sources.form.kind.missing') });
    const sourceDate = dateField(
      t,
      input,
      'sourceDate',
      t('tracker:sources.form.sourceDate.name'),
      errors,
      { required: false },
    );
    const reference = text(input.reference);
    tooLong(t, errors, 'reference', t('tracker:sources.form.reference.name'), reference, MAX_TITLE);
    const ownerId = text(input.owner);
    let owner: SourceFields['owner'] = null;
    if (ownerId) {
      const found = isUuid(ownerId)
        ? (await directory.lookups.organisations(db, [ownerId])).get(ownerId)
        : undefined;
      if (!found || found.archived)
        errors.push({ field: 'owner', message: t('tracker:sources.form.owner.missing') });
      else owner = { id: found.id, name: found.name };
    }
    const reportsTo = text(input.reportsTo);
    tooLong(t, errors, 'reportsTo', t('tracker:sources.form.reportsTo.name'), reportsTo, MAX_TITLE);
    const monitoredBy = text(input.monitoredBy);
    tooLong(
      t,
      errors,
      'monitoredBy',
      t('tracker:sources.form.monitoredBy.name'),
      monitoredBy,
      MAX_TITLE,
    );
    if (isSourceKind(kind) && needsMonitoringGroup(kind) && !monitoredBy)
      errors.push({ field: 'monitoredBy', message: t('tracker:sources.form.monitoredBy.missing') });
    // IAG-25, IAG-26: a work plan or an annual report may say the reporting year it covers (any
    // year, typed as 2006-07 or 2006); a group's work schedule or annual report must.
    const yearKind = kind === 'work_plan' || kind === 'annual_report';
    const groupId = fixed ? fixed.groupId : text(input.group);
    if (groupId && !fixed) {
      const known =
        isUuid(groupId) &&
        !!deps.groups &&
        (await deps.groups.workingGroups(db)).some((g) => g.id === groupId);
      if (!known) errors.push({ field: 'group', message: t('tracker:sources.form.group.missing') });
      if (!yearKind)
        errors.push({ field: 'group', message: t('tracker:sources.form.group.notAGroupKind') });
    }
    const typedYear = text(input.coversYear);
    const coversYear = typedYear ? parseReportingYear(typedYear) : null;
    if (typedYear && coversYear === null)
      errors.push({ field: 'coversYear', message: t('tracker:sources.form.coversYear.malformed') });
    else if (typedYear && isSourceKind(kind) && !yearKind)
      errors.push({
        field: 'coversYear',
        message: t('tracker:sources.form.coversYear.notAYearKind'),
      });
    else if (groupId && !typedYear)
      errors.push({ field: 'coversYear', message: t('tracker:sources.form.coversYear.missing') });
    const dueOn = dateField(t, input, 'dueOn', t('tracker:sources.form.dueOn.name'), errors, {
      required: false,
    });
    if (errors.length) throw new ValidationError(errors);
    return {
      title: title!,
      summary,
      introduction,
      kind: kind as SourceKind,
      sourceDate,
      reference,
      owner,
      reportsTo,
      monitoredBy,
      groupId: groupId ?? null,
      coversYear,
      dueOn,
      isPublic: text(input.isPublic) === 'yes',
    };
  };
}

/**
 * IAG-25, IAG-26: a group has one work plan (its work schedule) and one annual report a year.
 * Refuses another of the same kind for the same group and year, naming the reporting year. The
 * refusal names the form's `field`: the group where it is chosen (adding), else the year.
 */
export async function refuseGroupYearTaken(
  executor: Executor,
  t: Translate,
  of: { kind: SourceKind; groupId: string | null; coversYear: number | null; exceptId?: string },
  field: GroupYearField = 'group',
) {
  if (!of.groupId || of.coversYear === null) return;
  const [taken] = await executor
    .select({ id: trackerSources.id })
    .from(trackerSources)
    .where(
      and(
        eq(trackerSources.kind, of.kind),
        eq(trackerSources.groupId, of.groupId),
        eq(trackerSources.coversYear, of.coversYear),
        of.exceptId ? ne(trackerSources.id, of.exceptId) : undefined,
      ),
    );
  if (taken) throw groupYearTaken(t, of.kind, of.coversYear, field);
}

/** The form field a group's year refusal names: both are on the add form, only the year on edit. */
export type GroupYearField = 'group' | 'coversYear';

/** The refusal of a second work plan or annual report of a group for one year. */
export function groupYearTaken(
  t: Translate,
  kind: SourceKind,
  coversYear: number,
  field: GroupYearField = 'group',
) {
  // Only a work plan or an annual report belongs to a group.
  return new ConflictError(
    t(`tracker:sources.form.group.taken.${kind}`, { year: reportingYear(coversYear).label }),
    field,
  );
}
