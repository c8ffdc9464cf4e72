/**
 * Consultations (issue 25, CON-01, CON-07): their list by phase and audience, a consultation's
 * details made and changed, its launch (CON-01: a major one only once the strategy board
 * approved it) and its early close. Each action is the officer's (consultation.manage), one
 * transaction with one audit event; a refused one changes nothing.
 */
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  isNotNull,
  isNull,
  lt,
  lte,
  gte,
  or,
  sql,
} from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/database.js';
import { ConflictError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { dateField, dateParts } from '../../../platform/http/form-fields.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, say, type SaidRefusal } from '../../../platform/i18n/said.js';
import type { MinuteReferences } from '../../meetings/index.js';
import { materialDetailChanges } from '../board-rules.js';
import { clearedApproval } from '../board/approval-cleared.js';
import {
  closeEarlyRefusals,
  detailsChangeRefusals,
  launchRefusals,
  validateDetails,
} from '../questionnaire-rules.js';
import { AUDIENCES, consultationPhase, type Audience, type ConsultationPhase } from '../rules.js';
import { consultations, questionnaireVersions, questions } from '../schema.js';
import {
  consultationById,
  currentVersion,
  questionsOf,
  responseCounts,
  type Consultation,
} from './read.js';

export type ConsultationsService = ReturnType<typeof createConsultationsService>;
type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value : undefined);
const fields = (input: Input) =>
  Object.fromEntries(Object.entries(input).map(([k, v]) => [k, one(v)]));

export const PHASES = ['draft', 'upcoming', 'open', 'closed'] as const;

/** The phase as a query condition (each served by an index: drafts', running's, closes_on's). */
function phaseCondition(phase: ConsultationPhase, today: string): SQL {
  const launched = isNotNull(consultations.launchedAt);
  const running = and(launched, isNull(consultations.closedEarlyAt))!;
  switch (phase) {
    case 'draft':
      return isNull(consultations.launchedAt);
    case 'upcoming':
      return and(running, gt(consultations.opensOn, today), gte(consultations.closesOn, today))!;
    case 'open':
      return and(running, lte(consultations.opensOn, today), gte(consultations.closesOn, today))!;
    case 'closed':
      return and(
        launched,
        or(isNotNull(consultations.closedEarlyAt), lt(consultations.closesOn, today)),
      )!;
  }
}

export function createConsultationsService(deps: {
  db: Db;
  now: () => Date;
  t: Translate;
  minuteReferences: MinuteReferences;
  /** The boroughs a consultation may be for (CON-01), by name. */
  boroughs: () => Promise<{ id: string; name: string }[]>;
}) {
  const { db, now, t, minuteReferences } = deps;
  const today = () => todayInLondon(now());

  function refuse(refusals: readonly SaidRefusal[], errors: FieldError[] = []): void {
    const all = [...errors, ...fieldErrors(t, refusals)];
    if (all.length) throw new ValidationError(all);
  }

  async function readDetails(input: Input) {
    const errors: FieldError[] = [];
    const text = fields(input);
    const opensOn = dateField(
      t,
      text,
      'opensOn',
      t('consultation:consultations.opensOnLabel'),
      errors,
    );
    const closesOn = dateField(
      t,
      text,
      'closesOn',
      t('consultation:consultations.closesOnLabel'),
      errors,
    );
    const boroughIds = (await deps.boroughs()).map((b) => b.id);
    const { refusals, value } = validateDetails(text, { opensOn, closesOn }, boroughIds);
    refuse(refusals, errors);
    return value;
  }

  const stale = () => new ConflictError(t('consultation:consultations.errors.stale'), 'version');

  return {
    /** The consultations by phase and audience, the latest opening first, a page at a time. */
    async list(
      principal: Principal,
      filter: { phase?: string | undefined; audience?: string | undefined },
      page: { limit: number; offset: number },
    ) {
      requireUser(principal, 'consultation.view');
      const day = today();
      const phase = PHASES.find((p) => p === filter.phase);
      const audience = AUDIENCES.find((a) => a === filter.audience);
      const where = and(
        phase ? phaseCondition(phase, day) : undefined,
        audience ? eq(consultations.audience, audience) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(consultations)
          .where(where)
          .orderBy(desc(consultations.opensOn), asc(consultations.title), asc(consultations.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(consultations).where(where),
      ]);
      return {
        items: rows.map((c) => ({ ...c, phase: consultationPhase(c, day) })),
        total: Number(total?.n ?? 0),
        phase,
        audience,
      };
    },

    /**
     * A consultation's page: its details and phase, the board's approval (CON-01) with the
     * minute cited, its current questionnaire version with the questions, and its responses.
     */
    async get(principal: Principal, id: string) {
      requireUser(principal, 'consultation.view');
      const consultation = await consultationById(db, id);
      const version = await currentVersion(db, consultation.id);
      // The approval's minute, or (CON-01) the minute of an approval cleared since: one query.
      const minuteIds = [
        consultation.approvalMinuteItemId,
        consultation.approvalClearedMinuteItemId,
      ].filter((m): m is string => m !== null);
      const [asked, counts, minutes, boroughs] = await Promise.all([
        questionsOf(db, version.id),
        responseCounts(db, consultation.id),
        minuteIds.length ? minuteReferences.find(db, minuteIds) : Promise.resolve(new Map()),
        consultation.boroughId ? deps.boroughs() : Promise.resolve([]),
      ]);
      const minuteOf = (minuteId: string | null) =>
        minuteId ? (minutes.get(minuteId) ?? null) : null;
      return {
        consultation,
        phase: consultationPhase(consultation, today()),
        version,
        questions: asked,
        counts,
        minute: minuteOf(consultation.approvalMinuteItemId),
        clearedMinute: minuteOf(consultation.approvalClearedMinuteItemId),
        boroughName: boroughs.find((b) => b.id === consultation.boroughId)?.name ?? null,
        today: today(),
      };
    },

    /** The boroughs a consultation may be for, by name (the details form's choices). */
    boroughs: () => deps.boroughs(),

    /** The details form's values from the consultation as it is. */
    async formValues(principal: Principal, id: string) {
      requireUser(principal, 'consultation.manage');
      const c = await consultationById(db, id);
      return {
        title: c.title,
        purpose: c.purpose,
        audience: c.audience,
        major: c.major ? 'yes' : 'no',
        borough: c.boroughId ?? '',
        version: String(c.version),
        ...dateParts('opensOn', c.opensOn),
        ...dateParts('closesOn', c.closesOn),
      };
    },

    /** A consultation drafted, with its first questionnaire version, empty. */
    async create(principal: Principal, input: Input, requestId?: string): Promise<Consultation> {
      const user = requireUser(principal, 'consultation.manage');
      const value = await readDetails(input);
      return db.transaction(async (tx) => {
        const [made] = await tx
          .insert(consultations)
          .values({ ...value, createdBy: user.userId })
          .returning();
        await tx
          .insert(questionnaireVersions)
          .values({ consultationId: made!.id, number: 1, createdBy: user.userId });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation.created',
          recordType: 'consultation',
          recordId: made!.id,
          after: made,
        });
        return made!;
      });
    },

    /**
     * A consultation's details changed; refused when someone changed it since the form was read.
     * CON-01: a material change to an approved major draft clears the board's approval with it
     * (the audit event's after says so), so it goes back to the board.
     */
    async update(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'consultation.manage');
      const value = await readDetails(input);
      return db.transaction(async (tx) => {
        const before = await consultationById(tx, id);
        if (Number(one(input.version)) !== before.version) throw stale();
        refuse(detailsChangeRefusals(consultationPhase(before, today()), before, value, today()));
        const cleared = clearedApproval(before, materialDetailChanges(before, value), now());
        const [after] = await tx
          .update(consultations)
          .set({
            ...value,
            ...cleared,
            updatedAt: now(),
            version: sql`${consultations.version} + 1`,
          })
          .where(and(eq(consultations.id, id), eq(consultations.version, before.version)))
          .returning();
        if (!after) throw stale();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation.updated',
          recordType: 'consultation',
          recordId: id,
          before,
          after,
        });
        return { ...after, approvalCleared: 'approvalClearedAt' in cleared };
      });
    },

    /** Why it may not be launched now (CON-01), as sentences; none when it may. */
    async launchRefusals(principal: Principal, id: string): Promise<string[]> {
      requireUser(principal, 'consultation.manage');
      const consultation = await consultationById(db, id);
      const asked = await questionsOf(db, (await currentVersion(db, id)).id);
      return launchRefusals(consultation, asked.length, today()).map((r) => say(t, r));
    },

    /**
     * CON-01: a draft launched: it opens and closes on its dates. Refused, with every reason,
     * when major and not approved by the board, with no questions, or its closing day passed.
     */
    async launch(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'consultation.manage');
      return db.transaction(async (tx) => {
        const before = await consultationById(tx, id);
        if (Number(one(input.version)) !== before.version) throw stale();
        const version = await currentVersion(tx, id);
        const [asked] = await tx
          .select({ n: count() })
          .from(questions)
          .where(eq(questions.versionId, version.id));
        const refusals = launchRefusals(before, Number(asked?.n ?? 0), today());
        if (refusals.length)
          throw new ValidationError(refusals.map((r) => ({ field: 'launch', message: say(t, r) })));
        const [after] = await tx
          .update(consultations)
          .set({ launchedAt: now(), updatedAt: now(), version: sql`${consultations.version} + 1` })
          .where(and(eq(consultations.id, id), eq(consultations.version, before.version)))
          .returning();
        if (!after) throw stale();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation.launched',
          recordType: 'consultation',
          recordId: id,
          before: { launchedAt: null },
          after: { launchedAt: after.launchedAt, questionnaireVersion: version.number },
        });
        return after;
      });
    },

    /** A launched consultation closed before its closing day, with the reason why. */
    async closeEarly(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'consultation.manage');
      return db.transaction(async (tx) => {
        const before = await consultationById(tx, id);
        if (Number(one(input.version)) !== before.version) throw stale();
        const reason = (one(input.reason) ?? '').trim();
        refuse(closeEarlyRefusals(consultationPhase(before, today()), reason));
        const [after] = await tx
          .update(consultations)
          .set({
            closedEarlyAt: now(),
            closedEarlyReason: reason,
            updatedAt: now(),
            version: sql`${consultations.version} + 1`,
          })
          .where(and(eq(consultations.id, id), eq(consultations.version, before.version)))
          .returning();
        if (!after) throw stale();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation.closed-early',
          recordType: 'consultation',
          recordId: id,
          before: { closedEarlyAt: null },
          after: { closedEarlyAt: after.closedEarlyAt, reason },
        });
        return after;
      });
    },
  };
}

export type { Audience };
