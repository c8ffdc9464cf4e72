/**
 * The rota (ICV-03): before each quarter the coordinator asks the panel's visitors for their
 * availability; Bridge draws the pairs and gives each a suite and a week; the pair alone fixes
 * the day and time; a missed visit is re-drawn and a visitor who cannot go is swapped. Kept by
 * the scheme manager and the panel's coordinator; a lay visitor sees their own visits. No police
 * user sees a visit before it happens (unannounced). Each action is one transaction with one
 * audit event.
 */
import { and, asc, count, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import {
  addCalendarDays,
  londonClock,
  parseClockTime,
  todayInLondon,
  type IsoDate,
} from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import type { FieldError } from '../../../platform/errors.js';
import { dateField } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, type Said, type SaidRefusal } from '../../../platform/i18n/said.js';
import type { MailService } from '../../../platform/mail/service.js';
import type { DirectoryApi } from '../../directory/index.js';
import { keptPanel, schemeReach } from '../access.js';
import { quarterWords as wordsOfQuarter } from '../days-words.js';
import { custodyPaths as paths } from '../paths.js';
import {
  availabilityRefusals,
  drawRota,
  nextQuarter,
  pairTwiceRunning,
  parseQuarter,
  previousQuarter,
  quarterOf,
  quarterWeeks,
  spreadOf,
  suiteRotaGaps,
  swapRefusal,
  visitSlot,
  visitTimeRefusals,
  type RotaVisit,
  type Spread,
} from '../rota-rules.js';
import { formatTarget, seesPanel } from '../rules.js';
import { onProbation, rotaEligibility } from '../visitor-rules.js';
import { visitReportable } from '../report-rules.js';
import {
  custodyAvailability,
  custodyPanels,
  custodyRotaRounds,
  custodySuites,
  custodyVisitorCourses,
  custodyVisitors,
  custodyVisits,
} from '../schema.js';
import { custodyVisitReports } from '../reports/schema.js';
import { surgedQuarterTarget, surgesApplied, weekTarget } from '../surge-rules.js';
import { surgesBetween } from '../surges/read.js';

export type Visit = typeof custodyVisits.$inferSelect;
export type RotaService = ReturnType<typeof createRotaService>;
type Input = Record<string, string | string[] | undefined>;
type Panel = typeof custodyPanels.$inferSelect;

const text = (value: Input[string]) => (typeof value === 'string' ? value.trim() : '');
const list = (value: Input[string]) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** A visitor of the panel as the rota reads them: whether eligible, and whether experienced. */
export interface RotaStanding {
  id: string;
  personId: string;
  fullName: string;
  eligibility: Said | null;
  experienced: boolean;
}

export function createRotaService(deps: {
  db: Db;
  directory: DirectoryApi;
  mail: MailService;
  now: () => Date;
  t: Translate;
  /** Bridge's address, for the links in e-mails. */
  publicUrl: string;
  /** The draw's random source (a seeded one in tests). */
  random?: () => number;
}) {
  const { db, now, t } = deps;
  const random = deps.random ?? Math.random;
  const { lookups } = deps.directory.directory;
  const today = () => todayInLondon(now());

  const refuse = (refusals: readonly SaidRefusal[], errors: FieldError[] = []) => {
    const all = [...errors, ...fieldErrors(t, refusals)];
    if (all.length) throw new ValidationError(all);
  };
  const conflict = (key: string, field = 'quarter') =>
    new ConflictError(t(`custody-visiting:rota.errors.${key}`), field);

  /** The panel, if the person asking is its coordinator or the scheme manager. */
  const panelFor = (executor: Executor, principal: Principal, panelId: string) =>
    keptPanel(executor, principal, panelId, 'custody.rota.manage');

  /**
   * ICV-03, ICV-07: a visit whose report its pair has begun is theirs to report: it is not
   * swapped or recorded missed under them (the report, once sent, marks it made).
   */
  async function refuseIfReported(tx: Executor, visit: Visit, field: string) {
    const [begun] = await tx
      .select({ id: custodyVisitReports.id })
      .from(custodyVisitReports)
      .where(eq(custodyVisitReports.visitId, visit.id))
      .limit(1);
    if (begun) throw conflict('reportBegun', field);
  }

  /** A visit of a panel the person asking keeps. */
  async function visitFor(executor: Executor, principal: Principal, visitId: string) {
    const { user, reach } = await schemeReach(executor, principal, 'custody.rota.manage');
    const [visit] = isUuid(visitId)
      ? await executor.select().from(custodyVisits).where(eq(custodyVisits.id, visitId))
      : [];
    if (!visit || !seesPanel(reach, { id: visit.panelId })) throw new NotFoundError();
    return { user, visit };
  }

  /** The signed-in lay visitor's own visitor record (null when they are on no panel). */
  async function ownVisitor(executor: Executor, principal: Principal) {
    const user = requireUser(principal, 'custody.visits.own');
    const personId = await lookups.personIdForUser(executor, user.userId);
    const [visitor] = personId
      ? await executor.select().from(custodyVisitors).where(eq(custodyVisitors.personId, personId))
      : [];
    return { user, visitor: visitor ?? null };
  }

  /** A visit of the signed-in visitor's own: they are one of its pair. */
  async function ownVisit(executor: Executor, principal: Principal, visitId: string) {
    const { user, visitor } = await ownVisitor(executor, principal);
    const [visit] =
      visitor && isUuid(visitId)
        ? await executor.select().from(custodyVisits).where(eq(custodyVisits.id, visitId))
        : [];
    if (!visit || (visit.firstVisitorId !== visitor!.id && visit.secondVisitorId !== visitor!.id))
      throw new NotFoundError();
    return { user, visitor: visitor!, visit };
  }

  const quarterOfInput = (value: string | undefined) => {
    const quarter = parseQuarter(value);
    if (!quarter) throw new NotFoundError();
    return quarter;
  };

  /** The panel's visitors with whether each may be put on the rota on `on` (ICV-02). */
  async function standings(executor: Executor, panelId: string, on: IsoDate) {
    const fullName = deps.directory.personNameSql(custodyVisitors.personId);
    const rows = await executor
      .select({ visitor: custodyVisitors, fullName })
      .from(custodyVisitors)
      .where(eq(custodyVisitors.panelId, panelId))
      .orderBy(asc(fullName), asc(custodyVisitors.id));
    const courses = rows.length
      ? await executor
          .select()
          .from(custodyVisitorCourses)
          .where(
            inArray(
              custodyVisitorCourses.visitorId,
              rows.map((r) => r.visitor.id),
            ),
          )
      : [];
    return rows.map((r): RotaStanding => {
      const record = {
        ...r.visitor,
        courses: courses.filter((c) => c.visitorId === r.visitor.id),
      };
      return {
        id: r.visitor.id,
        personId: r.visitor.personId,
        fullName: r.fullName,
        eligibility: rotaEligibility(record, on),
        experienced: !onProbation(record),
      };
    });
  }

  async function roundOf(executor: Executor, panelId: string, quarter: IsoDate) {
    const [round] = await executor
      .select()
      .from(custodyRotaRounds)
      .where(
        and(eq(custodyRotaRounds.panelId, panelId), eq(custodyRotaRounds.quarterStart, quarter)),
      );
    return round ?? null;
  }

  const suitesOf = (executor: Executor, panel: Panel) =>
    executor
      .select()
      .from(custodySuites)
      .where(sql`lower(${custodySuites.area}) = lower(${panel.area})`)
      .orderBy(asc(custodySuites.name));

  /**
   * ICV-10, LEG-05: each suite's target over the quarter counting the surges that cover it, and
   * each week's target when a surge raised any (the draw puts more visits in those weeks).
   */
  async function targetsOf(
    executor: Executor,
    suites: readonly { id: string; targetVisitsPerWeek: number }[],
    weeks: readonly IsoDate[],
  ) {
    const surges = weeks.length
      ? await surgesBetween(executor, weeks[0]!, addCalendarDays(weeks.at(-1)!, 6))
      : [];
    const targets = new Map(
      suites.map((s) => {
        const suite = { id: s.id, visitsPerWeek: s.targetVisitsPerWeek };
        const weekly = new Map(weeks.map((w) => [w, weekTarget(suite, w, surges)]));
        const raised = [...weekly.values()].some((n) => n !== suite.visitsPerWeek);
        return [
          s.id,
          {
            target: surgedQuarterTarget(suite, weeks, surges),
            weekly: raised ? weekly : undefined,
          },
        ];
      }),
    );
    const asRules = suites.map((s) => ({ id: s.id, visitsPerWeek: s.targetVisitsPerWeek }));
    return { targets, surges: surgesApplied(surges, asRules, weeks) };
  }

  /** The pairs of the visits before a week (the previous quarter's and this one's), oldest first. */
  async function pairsBefore(executor: Executor, panelId: string, quarter: IsoDate) {
    const rows = await executor
      .select({ a: custodyVisits.firstVisitorId, b: custodyVisits.secondVisitorId })
      .from(custodyVisits)
      .where(
        and(
          eq(custodyVisits.panelId, panelId),
          inArray(custodyVisits.quarterStart, [previousQuarter(quarter)]),
          inArray(custodyVisits.status, ['planned', 'made']),
        ),
      )
      .orderBy(asc(custodyVisits.weekStarting), asc(custodyVisits.createdAt));
    return rows.map((r) => [r.a, r.b] as const);
  }

  const asRotaVisit = (v: Visit): RotaVisit => ({
    suiteId: v.suiteId,
    week: v.weekStarting,
    visitorIds: [v.firstVisitorId, v.secondVisitorId],
  });

  /**
   * The panel's other visits, planned or made, within a quarter either side of this one's week:
   * enough to find each visitor's visit just before and just after it (ICV-03).
   */
  async function visitsAround(executor: Executor, visit: Visit): Promise<RotaVisit[]> {
    const rows = await executor
      .select()
      .from(custodyVisits)
      .where(
        and(
          eq(custodyVisits.panelId, visit.panelId),
          inArray(custodyVisits.status, ['planned', 'made']),
          sql`${custodyVisits.id} <> ${visit.id}`,
          sql`${custodyVisits.weekStarting} between ${addCalendarDays(visit.weekStarting, -120)} and ${addCalendarDays(visit.weekStarting, 120)}`,
        ),
      );
    return rows.map(asRotaVisit);
  }

  /** What the draw is given for a panel's quarter, from the week after `from`. */
  async function drawInputs(executor: Executor, panel: Panel, quarter: IsoDate, roundId: string) {
    const on = today() > quarter ? today() : quarter;
    const [people, suites, availability, earlierPairs] = await Promise.all([
      standings(executor, panel.id, on),
      suitesOf(executor, panel),
      executor.select().from(custodyAvailability).where(eq(custodyAvailability.roundId, roundId)),
      pairsBefore(executor, panel.id, quarter),
    ]);
    const allWeeks = quarterWeeks(quarter);
    const openWeeks = allWeeks.filter((w) => w > today());
    const visitors = people
      .filter((p) => p.eligibility === null)
      .map((p) => ({
        id: p.id,
        experienced: p.experienced,
        unavailableWeeks: availability.find((a) => a.visitorId === p.id)?.unavailableWeeks ?? [],
      }));
    return { people, suites, visitors, allWeeks, openWeeks, earlierPairs };
  }

  async function audit(
    tx: Executor,
    user: UserPrincipal,
    requestId: string | undefined,
    event: {
      action: string;
      recordType: string;
      recordId: string;
      before?: unknown;
      after?: unknown;
    },
  ) {
    await recordAudit(tx, actorOf(user, requestId), event);
  }

  /** Writes a visit's change while it is as read (another change meanwhile refuses it). */
  async function writeVisit(tx: Executor, before: Visit, set: Partial<Visit>) {
    const [after] = await tx
      .update(custodyVisits)
      .set({ ...set, updatedAt: now(), version: sql`${custodyVisits.version} + 1` })
      .where(and(eq(custodyVisits.id, before.id), eq(custodyVisits.version, before.version)))
      .returning();
    if (!after) throw new ConflictError(t('custody-visiting:errors.staleEdit'), 'version');
    return after;
  }

  async function names(executor: Executor, visitorIds: readonly string[]) {
    if (!visitorIds.length) return new Map<string, string>();
    const rows = await executor
      .select({ id: custodyVisitors.id, personId: custodyVisitors.personId })
      .from(custodyVisitors)
      .where(inArray(custodyVisitors.id, [...new Set(visitorIds)]));
    const people = await lookups.people(
      executor,
      rows.map((r) => r.personId),
    );
    return new Map(rows.map((r) => [r.id, people.get(r.personId)?.fullName ?? '']));
  }

  /**
   * An e-mail to each of these visitors (a visitor without an address is left out), in the same
   * transaction as what it tells of. It names no suite and no week: a planned visit is seen in
   * Bridge by its pair alone (ICV-03).
   */
  async function mailVisitors(
    tx: Executor,
    visitorIds: readonly string[],
    message: (visitorId: string) => { subject: string; text: string },
  ) {
    if (!visitorIds.length) return;
    const rows = await tx
      .select({ id: custodyVisitors.id, personId: custodyVisitors.personId })
      .from(custodyVisitors)
      .where(inArray(custodyVisitors.id, [...new Set(visitorIds)]));
    const people = await lookups.people(
      tx,
      rows.map((r) => r.personId),
    );
    await deps.mail.queueMany(
      tx,
      rows.flatMap((row) => {
        const to = people.get(row.personId)?.email;
        return to ? [{ to, ...message(row.id) }] : [];
      }),
    );
  }

  /** A quarter as the e-mails name it. */
  const quarterWords = (quarter: IsoDate) => wordsOfQuarter(t, quarter);

  async function suiteNames(executor: Executor, suiteIds: readonly string[]) {
    if (!suiteIds.length) return new Map<string, string>();
    const rows = await executor
      .select({ id: custodySuites.id, name: custodySuites.name })
      .from(custodySuites)
      .where(inArray(custodySuites.id, [...new Set(suiteIds)]));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The moment a visit's fixed day and time has come (London time). */
  const hasHappened = (visit: Visit) => {
    if (!visit.visitOn || visit.visitMinutes === null) return false;
    const clock = londonClock(now());
    const nowMinutes = clock.hours * 60 + clock.minutes;
    return (
      visit.visitOn < clock.date ||
      (visit.visitOn === clock.date && visit.visitMinutes <= nowMinutes)
    );
  };

  return {
    /** Whether the signed-in lay visitor is a visitor of a panel (their home offers their visits). */
    async isVisitor(principal: Principal): Promise<boolean> {
      return (await ownVisitor(db, principal)).visitor !== null;
    },

    /** The quarter a panel's rota opens on: the one after today's. */
    defaultQuarter: () => nextQuarter(quarterOf(today())),
    parseQuarter: quarterOfInput,

    /**
     * ICV-03: a panel's rota for a quarter: each suite's visits against its target, their spread
     * across weekdays and weekends, day and evening (of visits made), the gaps, each visitor's
     * share, and the visits (pairs and weeks, never the pair's day and time), a page at a time.
     */
    async rota(
      principal: Principal,
      panelId: string,
      quarterText: string | undefined,
      page: { limit: number; offset: number },
    ) {
      const { panel } = await panelFor(db, principal, panelId);
      const quarter =
        quarterText === undefined ? nextQuarter(quarterOf(today())) : quarterOfInput(quarterText);
      const weeks = quarterWeeks(quarter);
      const inQuarter = and(
        eq(custodyVisits.panelId, panel.id),
        eq(custodyVisits.quarterStart, quarter),
      );
      const [round, suites, people, counts, made, visitRows, [total], firstShares, secondShares] =
        await Promise.all([
          roundOf(db, panel.id, quarter),
          suitesOf(db, panel),
          standings(db, panel.id, today() > quarter ? today() : quarter),
          db
            .select({ suiteId: custodyVisits.suiteId, status: custodyVisits.status, n: count() })
            .from(custodyVisits)
            .where(inQuarter)
            .groupBy(custodyVisits.suiteId, custodyVisits.status),
          db
            .select({
              suiteId: custodyVisits.suiteId,
              visitOn: custodyVisits.visitOn,
              visitMinutes: custodyVisits.visitMinutes,
            })
            .from(custodyVisits)
            .where(and(inQuarter, eq(custodyVisits.status, 'made'))),
          db
            .select()
            .from(custodyVisits)
            .where(inQuarter)
            .orderBy(
              asc(custodyVisits.weekStarting),
              asc(custodyVisits.suiteId),
              asc(custodyVisits.id),
            )
            .limit(page.limit)
            .offset(page.offset),
          db.select({ n: count() }).from(custodyVisits).where(inQuarter),
          db
            .select({ id: custodyVisits.firstVisitorId, n: count() })
            .from(custodyVisits)
            .where(and(inQuarter, inArray(custodyVisits.status, ['planned', 'made'])))
            .groupBy(custodyVisits.firstVisitorId),
          db
            .select({ id: custodyVisits.secondVisitorId, n: count() })
            .from(custodyVisits)
            .where(and(inQuarter, inArray(custodyVisits.status, ['planned', 'made'])))
            .groupBy(custodyVisits.secondVisitorId),
        ]);
      // What each visitor said of the quarter (a panel's visitors: one row each at most).
      const answers = round
        ? await db
            .select()
            .from(custodyAvailability)
            .where(eq(custodyAvailability.roundId, round.id))
        : [];
      const responses = answers.length;
      const countOf = (suiteId: string, status: string) =>
        Number(counts.find((c) => c.suiteId === suiteId && c.status === status)?.n ?? 0);
      const { targets, surges } = await targetsOf(db, suites, weeks);
      const suiteRows = suites.map((s) => {
        const target = targets.get(s.id)!.target;
        const planned = countOf(s.id, 'planned');
        const madeCount = countOf(s.id, 'made');
        const spread: Spread = spreadOf(
          made
            .filter((m) => m.suiteId === s.id && m.visitOn && m.visitMinutes !== null)
            .map((m) => visitSlot(m.visitOn!, m.visitMinutes!)),
        );
        return {
          id: s.id,
          name: s.name,
          target,
          planned,
          made: madeCount,
          missed: countOf(s.id, 'missed'),
          spread,
          gaps: round?.drawnAt
            ? suiteRotaGaps({ target, visits: planned + madeCount, spread })
            : [],
        };
      });
      const shareOf = (id: string) =>
        Number(firstShares.find((s) => s.id === id)?.n ?? 0) +
        Number(secondShares.find((s) => s.id === id)?.n ?? 0);
      const nameOf = new Map(people.map((p) => [p.id, p.fullName]));
      const suiteName = new Map(suites.map((s) => [s.id, s.name]));
      const missingNames = await names(
        db,
        visitRows
          .flatMap((v) => [v.firstVisitorId, v.secondVisitorId, v.swappedOutId ?? ''])
          .filter((id) => id && !nameOf.has(id)),
      );
      const nameFor = (id: string | null) =>
        id ? (nameOf.get(id) ?? missingNames.get(id) ?? '') : '';
      return {
        panel,
        quarter,
        previous: previousQuarter(quarter),
        next: nextQuarter(quarter),
        weeks: weeks.length,
        round,
        responses,
        drawable: quarter >= quarterOf(today()),
        suites: suiteRows,
        // ICV-10, LEG-05: the surges raising its suites' targets this quarter.
        surges: surges.map((x) => ({
          name: x.name,
          startsOn: x.startsOn,
          endsOn: x.endsOn,
          target: formatTarget(x.visitsPerWeek),
          suites: suites
            .filter((suite) => x.suiteIds.includes(suite.id))
            .map((suite) => suite.name)
            .join(', '),
        })),
        shares: people.map((p) => {
          const answer = answers.find((a) => a.visitorId === p.id);
          return {
            ...p,
            visits: shareOf(p.id),
            answered: Boolean(answer),
            weeksOut: answer?.unavailableWeeks.length ?? 0,
            note: answer?.note ?? '',
          };
        }),
        visits: visitRows.map((v) => ({
          id: v.id,
          week: v.weekStarting,
          suite: suiteName.get(v.suiteId) ?? '',
          visitors: [nameFor(v.firstVisitorId), nameFor(v.secondVisitorId)],
          status: v.status,
          swappedOut: nameFor(v.swappedOutId),
          redrawn: v.replacesVisitId !== null,
          // ICV-02: a planned visit with a visitor who can no longer go (left, suspended,
          // vetting lapsed) is flagged for a swap, not left to be missed.
          cannotGo:
            v.status === 'planned'
              ? [v.firstVisitorId, v.secondVisitorId]
                  .filter((id) => people.find((p) => p.id === id)?.eligibility)
                  .map(nameFor)
              : [],
          begun: v.weekStarting <= today(),
        })),
        total: Number(total?.n ?? 0),
      };
    },

    /** ICV-03: before the quarter, the coordinator asks the panel's visitors for their availability. */
    async askAvailability(principal: Principal, panelId: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, panel } = await panelFor(tx, principal, panelId);
        const quarter = parseQuarter(text(input.quarter));
        if (!quarter || quarter < quarterOf(today())) throw conflict('quarterGone');
        if (await roundOf(tx, panel.id, quarter)) throw conflict('alreadyAsked');
        const [round] = await tx
          .insert(custodyRotaRounds)
          .values({ panelId: panel.id, quarterStart: quarter })
          .returning();
        // Asked of those who may be put on the rota when the quarter begins (ICV-02).
        const eligible = (await standings(tx, panel.id, quarter)).filter((v) => !v.eligibility);
        await mailVisitors(
          tx,
          eligible.map((v) => v.id),
          () => ({
            subject: t('custody-visiting:rota.mail.askedSubject', {
              quarter: quarterWords(quarter),
            }),
            text: t('custody-visiting:rota.mail.askedText', {
              panel: panel.name,
              quarter: quarterWords(quarter),
              link: `${deps.publicUrl}${paths.yourAvailability(quarter)}`,
            }),
          }),
        );
        await audit(tx, user, requestId, {
          action: 'custody-rota.availability-asked',
          recordType: 'custody-rota',
          recordId: round!.id,
          after: round,
        });
        return { panel, quarter };
      });
    },

    /**
     * ICV-03: the draw: pairs at random for each suite's visits over the weeks not begun, from
     * the visitors who may be put on the rota (ICV-02), as they said they are free. A second draw
     * over one made is refused unless a re-draw is asked for: it draws again the planned visits
     * of the weeks not begun, keeping those made, those already under way, and those whose pair
     * has fixed the day and time.
     */
    async draw(principal: Principal, panelId: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, panel } = await panelFor(tx, principal, panelId);
        const quarter = parseQuarter(text(input.quarter));
        if (!quarter || quarter < quarterOf(today())) throw conflict('quarterGone');
        const round = await roundOf(tx, panel.id, quarter);
        if (!round) throw conflict('notAsked');
        const redraw = text(input.redraw) === 'yes';
        if (round.drawnAt && !redraw) throw conflict('alreadyDrawn');
        const [locked] = await tx
          .update(custodyRotaRounds)
          .set({ drawnAt: now(), updatedAt: now(), version: sql`${custodyRotaRounds.version} + 1` })
          .where(
            and(eq(custodyRotaRounds.id, round.id), eq(custodyRotaRounds.version, round.version)),
          )
          .returning();
        if (!locked) throw conflict('alreadyDrawn');
        const inputs = await drawInputs(tx, panel, quarter, round.id);
        const inQuarter = and(
          eq(custodyVisits.panelId, panel.id),
          eq(custodyVisits.quarterStart, quarter),
        );
        let removed = 0;
        if (redraw) {
          const gone = await tx
            .delete(custodyVisits)
            .where(
              and(
                inQuarter,
                eq(custodyVisits.status, 'planned'),
                gt(custodyVisits.weekStarting, today()),
                // A pair that has fixed its day and time keeps its visit.
                isNull(custodyVisits.visitOn),
              ),
            )
            .returning({ id: custodyVisits.id });
          removed = gone.length;
        }
        const kept = (
          await tx
            .select()
            .from(custodyVisits)
            .where(and(inQuarter, inArray(custodyVisits.status, ['planned', 'made'])))
        ).map(asRotaVisit);
        const { targets } = await targetsOf(tx, inputs.suites, inputs.allWeeks);
        const { visits, gaps } = drawRota({
          visitors: inputs.visitors,
          suites: inputs.suites.map((s) => {
            const { target, weekly } = targets.get(s.id)!;
            return weekly ? { id: s.id, target, weekly } : { id: s.id, target };
          }),
          weeks: inputs.openWeeks,
          earlierPairs: inputs.earlierPairs,
          kept,
          random,
        });
        if (visits.length)
          await tx.insert(custodyVisits).values(
            visits.map((v) => ({
              panelId: panel.id,
              suiteId: v.suiteId,
              quarterStart: quarter,
              weekStarting: v.week,
              firstVisitorId: v.visitorIds[0],
              secondVisitorId: v.visitorIds[1],
            })),
          );
        const drawnFor = new Map<string, number>();
        for (const id of visits.flatMap((v) => v.visitorIds))
          drawnFor.set(id, (drawnFor.get(id) ?? 0) + 1);
        await mailVisitors(tx, [...drawnFor.keys()], (visitorId) => ({
          subject: t('custody-visiting:rota.mail.drawnSubject', { quarter: quarterWords(quarter) }),
          text: t('custody-visiting:rota.mail.drawnText', {
            panel: panel.name,
            quarter: quarterWords(quarter),
            count: drawnFor.get(visitorId)!,
            link: `${deps.publicUrl}${paths.yourVisits}`,
          }),
        }));
        await audit(tx, user, requestId, {
          action: redraw ? 'custody-rota.redrawn' : 'custody-rota.drawn',
          recordType: 'custody-rota',
          recordId: round.id,
          after: { quarter, drawn: visits.length, removed, gaps },
        });
        return {
          panel,
          quarter,
          drawn: visits.length,
          short: gaps.reduce((n, g) => n + g.short, 0),
        };
      });
    },

    /** The visitors who may be swapped into a visit: eligible, not of its pair. */
    async swapForm(principal: Principal, visitId: string) {
      const { visit } = await visitFor(db, principal, visitId);
      const [people, suites, [panel]] = await Promise.all([
        standings(db, visit.panelId, today() > visit.weekStarting ? today() : visit.weekStarting),
        suiteNames(db, [visit.suiteId]),
        db.select().from(custodyPanels).where(eq(custodyPanels.id, visit.panelId)),
      ]);
      const pair = [visit.firstVisitorId, visit.secondVisitorId];
      // Offered: whoever could go with either of the pair without making a pair twice running.
      const around = await visitsAround(db, visit);
      return {
        visit,
        panel: panel!,
        suite: suites.get(visit.suiteId) ?? '',
        pair: people.filter((p) => pair.includes(p.id)),
        offered: people.filter(
          (p) =>
            p.eligibility === null &&
            !pair.includes(p.id) &&
            pair.some((id) => !pairTwiceRunning(visit.weekStarting, id, p.id, around)),
        ),
      };
    },

    /**
     * ICV-03: a visitor who cannot make a planned visit is swapped for another who may be put on
     * the rota, free that week, the pair keeping an experienced visitor; the new pair fixes the
     * day and time again.
     */
    async swap(principal: Principal, visitId: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, visit } = await visitFor(tx, principal, visitId);
        if (input.version !== undefined && Number(input.version) !== visit.version)
          throw new ConflictError(t('custody-visiting:errors.staleEdit'), 'version');
        if (visit.status !== 'planned') throw conflict('notPlanned', 'outgoing');
        await refuseIfReported(tx, visit, 'outgoing');
        const outgoing = text(input.outgoing);
        const pair = [visit.firstVisitorId, visit.secondVisitorId];
        if (!pair.includes(outgoing))
          refuse([{ field: 'outgoing', key: 'custody-visiting:rota.errors.outgoingMissing' }]);
        const people = await standings(
          tx,
          visit.panelId,
          today() > visit.weekStarting ? today() : visit.weekStarting,
        );
        const stayingId = pair.find((id) => id !== outgoing)!;
        const staying = people.find((p) => p.id === stayingId)!;
        const incomingId = text(input.incoming);
        const incoming = people.find((p) => p.id === incomingId) ?? null;
        const [busy] = incoming
          ? await tx
              .select({ id: custodyVisits.id })
              .from(custodyVisits)
              .where(
                and(
                  eq(custodyVisits.weekStarting, visit.weekStarting),
                  inArray(custodyVisits.status, ['planned', 'made']),
                  or(
                    eq(custodyVisits.firstVisitorId, incoming.id),
                    eq(custodyVisits.secondVisitorId, incoming.id),
                  ),
                ),
              )
              .limit(1)
          : [];
        const refusal = swapRefusal({
          staying,
          incoming,
          busyThatWeek: Boolean(busy),
          twiceRunning:
            incoming !== null &&
            pairTwiceRunning(
              visit.weekStarting,
              staying.id,
              incoming.id,
              await visitsAround(tx, visit),
            ),
        });
        refuse(refusal ? [refusal] : []);
        const after = await writeVisit(tx, visit, {
          ...(visit.firstVisitorId === outgoing
            ? { firstVisitorId: incomingId }
            : { secondVisitorId: incomingId }),
          swappedOutId: outgoing,
          swappedAt: now(),
          visitOn: null,
          visitMinutes: null,
        });
        await audit(tx, user, requestId, {
          action: 'custody-visit.swapped',
          recordType: 'custody-visit',
          recordId: visit.id,
          before: { firstVisitorId: visit.firstVisitorId, secondVisitorId: visit.secondVisitorId },
          after: { firstVisitorId: after.firstVisitorId, secondVisitorId: after.secondVisitorId },
        });
        return { visit: after, incoming: incoming!.fullName };
      });
    },

    /**
     * ICV-03: a visit missed is not lost: it is recorded as missed and re-drawn, a new pair in a
     * later week of the quarter. When no pair is free, it shows as the suite's gap.
     */
    async missed(principal: Principal, visitId: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, visit } = await visitFor(tx, principal, visitId);
        if (input.version !== undefined && Number(input.version) !== visit.version)
          throw new ConflictError(t('custody-visiting:errors.staleEdit'), 'version');
        if (visit.status !== 'planned') throw conflict('notPlanned', 'version');
        if (visit.weekStarting > today()) throw conflict('notBegun', 'version');
        await refuseIfReported(tx, visit, 'version');
        const missed = await writeVisit(tx, visit, { status: 'missed' });
        const [panel] = await tx
          .select()
          .from(custodyPanels)
          .where(eq(custodyPanels.id, visit.panelId));
        const round = await roundOf(tx, visit.panelId, visit.quarterStart);
        const inputs = await drawInputs(tx, panel!, visit.quarterStart, round?.id ?? visit.id);
        const kept = (
          await tx
            .select()
            .from(custodyVisits)
            .where(
              and(
                eq(custodyVisits.panelId, visit.panelId),
                eq(custodyVisits.quarterStart, visit.quarterStart),
                inArray(custodyVisits.status, ['planned', 'made']),
              ),
            )
        ).map(asRotaVisit);
        const { visits } = drawRota({
          visitors: inputs.visitors,
          suites: [
            {
              id: visit.suiteId,
              target: kept.filter((k) => k.suiteId === visit.suiteId).length + 1,
            },
          ],
          weeks: inputs.openWeeks,
          earlierPairs: inputs.earlierPairs,
          kept,
          random,
        });
        const drawn = visits[0];
        const [replacement] = drawn
          ? await tx
              .insert(custodyVisits)
              .values({
                panelId: visit.panelId,
                suiteId: visit.suiteId,
                quarterStart: visit.quarterStart,
                weekStarting: drawn.week,
                firstVisitorId: drawn.visitorIds[0],
                secondVisitorId: drawn.visitorIds[1],
                replacesVisitId: visit.id,
              })
              .returning()
          : [];
        await audit(tx, user, requestId, {
          action: 'custody-visit.missed',
          recordType: 'custody-visit',
          recordId: visit.id,
          before: { status: visit.status },
          after: { status: missed.status, redrawnAs: replacement?.id ?? null },
        });
        return { visit: missed, replacement: replacement ?? null };
      });
    },

    /**
     * ICV-03: a lay visitor's own visits (with the day and time their pair fixed, which nobody
     * else sees), and the quarters whose availability their coordinator has asked for.
     */
    async yourVisits(principal: Principal, page: { limit: number; offset: number }) {
      const { visitor } = await ownVisitor(db, principal);
      if (!visitor) return null;
      const mine = or(
        eq(custodyVisits.firstVisitorId, visitor.id),
        eq(custodyVisits.secondVisitorId, visitor.id),
      );
      const recent = and(mine, gt(custodyVisits.weekStarting, addCalendarDays(today(), -35)));
      const [rows, [total], rounds] = await Promise.all([
        db
          .select()
          .from(custodyVisits)
          .where(recent)
          .orderBy(asc(custodyVisits.weekStarting), asc(custodyVisits.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(custodyVisits).where(recent),
        db
          .select({ round: custodyRotaRounds, availability: custodyAvailability })
          .from(custodyRotaRounds)
          .leftJoin(
            custodyAvailability,
            and(
              eq(custodyAvailability.roundId, custodyRotaRounds.id),
              eq(custodyAvailability.visitorId, visitor.id),
            ),
          )
          .where(
            and(eq(custodyRotaRounds.panelId, visitor.panelId), isNull(custodyRotaRounds.drawnAt)),
          )
          .orderBy(asc(custodyRotaRounds.quarterStart)),
      ]);
      const [partners, suites, reported] = await Promise.all([
        names(
          db,
          rows.map((v) => (v.firstVisitorId === visitor.id ? v.secondVisitorId : v.firstVisitorId)),
        ),
        suiteNames(
          db,
          rows.map((v) => v.suiteId),
        ),
        // ICV-03: which of them a report has been begun from.
        rows.length
          ? db
              .select({ visitId: custodyVisitReports.visitId })
              .from(custodyVisitReports)
              .where(
                inArray(
                  custodyVisitReports.visitId,
                  rows.map((v) => v.id),
                ),
              )
          : [],
      ]);
      const reportedIds = new Set(reported.map((r) => r.visitId));
      return {
        visitor,
        visits: rows.map((v) => {
          const partnerId = v.firstVisitorId === visitor.id ? v.secondVisitorId : v.firstVisitorId;
          return {
            ...v,
            partner: partners.get(partnerId) ?? '',
            suite: suites.get(v.suiteId) ?? '',
            happened: hasHappened(v),
            reportable: visitReportable(v, reportedIds.has(v.id), today()),
            weekEnds: addCalendarDays(v.weekStarting, 6),
          };
        }),
        total: Number(total?.n ?? 0),
        asked: rounds.map((r) => ({
          quarter: r.round.quarterStart,
          given: r.availability !== null,
        })),
      };
    },

    /** The availability form: the quarter's weeks and what the visitor said before. */
    async availabilityForm(principal: Principal, quarterText: string) {
      const quarter = quarterOfInput(quarterText);
      const { visitor } = await ownVisitor(db, principal);
      if (!visitor) throw new NotFoundError();
      const round = await roundOf(db, visitor.panelId, quarter);
      if (!round) throw new NotFoundError();
      const [given] = await db
        .select()
        .from(custodyAvailability)
        .where(
          and(
            eq(custodyAvailability.roundId, round.id),
            eq(custodyAvailability.visitorId, visitor.id),
          ),
        );
      return { quarter, weeks: quarterWeeks(quarter), round, given: given ?? null };
    },

    /** ICV-03: a visitor says which weeks of the quarter they cannot do, until the draw. */
    async giveAvailability(
      principal: Principal,
      quarterText: string,
      input: Input,
      requestId?: string,
    ) {
      return db.transaction(async (tx) => {
        const quarter = quarterOfInput(quarterText);
        const { user, visitor } = await ownVisitor(tx, principal);
        if (!visitor) throw new NotFoundError();
        const round = await roundOf(tx, visitor.panelId, quarter);
        if (!round) throw new NotFoundError();
        if (round.drawnAt) throw conflict('drawnAlready', 'unavailable');
        const unavailable = [...new Set(list(input.unavailable))].sort();
        const note = text(input.note);
        refuse(availabilityRefusals(unavailable, quarterWeeks(quarter), note));
        const [row] = await tx
          .insert(custodyAvailability)
          .values({ roundId: round.id, visitorId: visitor.id, unavailableWeeks: unavailable, note })
          .onConflictDoUpdate({
            target: [custodyAvailability.roundId, custodyAvailability.visitorId],
            set: {
              unavailableWeeks: unavailable,
              note,
              updatedAt: now(),
              version: sql`${custodyAvailability.version} + 1`,
            },
          })
          .returning();
        await audit(tx, user, requestId, {
          action: 'custody-rota.availability-given',
          recordType: 'custody-rota',
          recordId: round.id,
          after: row,
        });
        return row!;
      });
    },

    /** The visit whose day and time the signed-in visitor's pair is fixing. */
    async ownVisit(principal: Principal, visitId: string) {
      const { visitor, visit } = await ownVisit(db, principal, visitId);
      const partnerId =
        visit.firstVisitorId === visitor.id ? visit.secondVisitorId : visit.firstVisitorId;
      const [partners, suites] = await Promise.all([
        names(db, [partnerId]),
        suiteNames(db, [visit.suiteId]),
      ]);
      return {
        visit,
        partner: partners.get(partnerId) ?? '',
        suite: suites.get(visit.suiteId) ?? '',
        weekEnds: addCalendarDays(visit.weekStarting, 6),
      };
    },

    /** ICV-03: the pair fixes the day (in the visit's week) and time; only they see it. */
    async fixTime(principal: Principal, visitId: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, visit } = await ownVisit(tx, principal, visitId);
        if (visit.status !== 'planned') throw conflict('notPlanned', 'visitOn-day');
        const errors: FieldError[] = [];
        const fields = Object.fromEntries(
          Object.entries(input).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
        );
        const on = dateField(t, fields, 'visitOn', t('custody-visiting:rota.time.day'), errors);
        const timeText = text(input.visitTime);
        const minutes = timeText ? parseClockTime(timeText) : null;
        refuse(
          visitTimeRefusals({
            week: visit.weekStarting,
            on,
            minutes,
            timeGiven: Boolean(timeText),
            today: today(),
          }),
          errors,
        );
        const after = await writeVisit(tx, visit, { visitOn: on!, visitMinutes: minutes! });
        await audit(tx, user, requestId, {
          action: 'custody-visit.time-fixed',
          recordType: 'custody-visit',
          recordId: visit.id,
        });
        return after;
      });
    },

    /** ICV-03: a visitor of the pair records the visit made, once its day and time have come. */
    async markMade(principal: Principal, visitId: string, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, visit } = await ownVisit(tx, principal, visitId);
        if (visit.status !== 'planned') throw conflict('notPlanned', 'version');
        if (!hasHappened(visit)) throw conflict('notYetMade', 'version');
        const after = await writeVisit(tx, visit, { status: 'made' });
        await audit(tx, user, requestId, {
          action: 'custody-visit.made',
          recordType: 'custody-visit',
          recordId: visit.id,
          before: { status: visit.status },
          after: { status: after.status },
        });
        return after;
      });
    },
  };
}
