/**
 * IAG-34: training needs of police staff in deployment and coordination roles, and in
 * partnership work (seed 004): each for a person or a role as a whole, naming the course that
 * meets it and the date by which, shown against what was delivered (`needStatus`). Recorded by
 * those who keep training; a person reads their own with the sessions they attended.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon, type IsoDate } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { ValidationError, type FieldError } from '../../../platform/errors.js';
import { dateField } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import { NEED_AREAS, needStatus, validateNeed, type NeedStatus } from '../rules.js';
import { trainingAttendance, trainingCourses, trainingNeeds, trainingSessions } from '../schema.js';

export type NeedsService = ReturnType<typeof createNeedsService>;
type Input = Record<string, string | string[] | undefined>;

export interface NeedRow {
  id: string;
  area: (typeof NEED_AREAS)[number];
  personId: string | null;
  person: string | null;
  courseId: string;
  course: string;
  raisedOn: IsoDate;
  dueBy: IsoDate;
  notes: string | null;
  status: NeedStatus;
  metOn: IsoDate | null;
}

export function createNeedsService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
}) {
  const { db, directory, now, t } = deps;
  const today = () => todayInLondon(now());

  const needColumns = {
    id: trainingNeeds.id,
    area: trainingNeeds.area,
    personId: trainingNeeds.personId,
    person: directory.personNameSql(trainingNeeds.personId),
    courseId: trainingNeeds.courseId,
    course: trainingCourses.title,
    raisedOn: trainingNeeds.raisedOn,
    dueBy: trainingNeeds.dueBy,
    notes: trainingNeeds.notes,
  };

  /**
   * IAG-34: each need against what was delivered: the days its course was attended, by its
   * person or (a role's need) by anyone; two queries for a whole page, never one per need.
   */
  async function withStatus(
    executor: Executor,
    needs: readonly Omit<NeedRow, 'status' | 'metOn'>[],
  ): Promise<NeedRow[]> {
    const personal = needs.filter((n) => n.personId);
    const ofRoles = needs.filter((n) => !n.personId);
    const attendedSession = and(
      eq(trainingSessions.id, trainingAttendance.sessionId),
      eq(trainingAttendance.status, 'attended'),
    );
    const [byPerson, byCourse] = await Promise.all([
      personal.length
        ? executor
            .selectDistinct({
              personId: trainingAttendance.personId,
              courseId: trainingSessions.courseId,
              heldOn: trainingSessions.heldOn,
            })
            .from(trainingAttendance)
            .innerJoin(trainingSessions, attendedSession)
            .where(
              and(
                inArray(
                  trainingAttendance.personId,
                  personal.map((n) => n.personId!),
                ),
                inArray(
                  trainingSessions.courseId,
                  personal.map((n) => n.courseId),
                ),
              ),
            )
        : [],
      ofRoles.length
        ? executor
            .selectDistinct({
              courseId: trainingSessions.courseId,
              heldOn: trainingSessions.heldOn,
            })
            .from(trainingSessions)
            .innerJoin(trainingAttendance, attendedSession)
            .where(
              inArray(
                trainingSessions.courseId,
                ofRoles.map((n) => n.courseId),
              ),
            )
        : [],
    ]);
    const day = today();
    return needs.map((n) => {
      const days = n.personId
        ? byPerson.filter((a) => a.personId === n.personId && a.courseId === n.courseId)
        : byCourse.filter((a) => a.courseId === n.courseId);
      return {
        ...n,
        ...needStatus(
          n,
          days.map((d) => d.heldOn),
          day,
        ),
      };
    });
  }

  return {
    /** IAG-34: the needs by date due, of one role or course when asked, a page at a time. */
    async list(
      principal: Principal,
      filter: { area?: string | undefined; courseId?: string | undefined },
      page: PageRequest,
    ) {
      requireUser(principal, 'training.view');
      const area = NEED_AREAS.find((a) => a === filter.area);
      const courseId = filter.courseId && isUuid(filter.courseId) ? filter.courseId : undefined;
      const where = and(
        area ? eq(trainingNeeds.area, area) : undefined,
        courseId ? eq(trainingNeeds.courseId, courseId) : undefined,
      );
      const [items, [total]] = await Promise.all([
        db
          .select(needColumns)
          .from(trainingNeeds)
          .innerJoin(trainingCourses, eq(trainingCourses.id, trainingNeeds.courseId))
          .where(where)
          .orderBy(asc(trainingNeeds.dueBy), asc(trainingNeeds.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(trainingNeeds).where(where),
      ]);
      return {
        items: await withStatus(db, items),
        total: Number(total?.n ?? 0),
        area: area ?? null,
        courseId: courseId ?? null,
      };
    },

    /** IAG-34: a need recorded, raised today. */
    async record(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, 'training.manage');
      const errors: FieldError[] = [];
      const dueBy = dateField(t, input, 'dueBy', t('training:needs.dueByLabel'), errors);
      const { refusals, value } = validateNeed(input, dueBy, today());
      const all = [...errors, ...fieldErrors(t, refusals)];
      return db.transaction(async (tx) => {
        const [course] = isUuid(value.courseId)
          ? await tx
              .select({ id: trainingCourses.id })
              .from(trainingCourses)
              .where(eq(trainingCourses.id, value.courseId))
          : [];
        if (value.courseId && !course)
          all.push({ field: 'courseId', message: t('training:errors.courseIdMissing') });
        if (value.personId) {
          const person = (await directory.directory.lookups.people(tx, [value.personId])).get(
            value.personId,
          );
          if (!person || person.archived)
            all.push({ field: 'personId', message: t('training:errors.personIdMissing') });
        }
        if (all.length) throw new ValidationError(all);
        const [row] = await tx
          .insert(trainingNeeds)
          .values({ ...value, raisedOn: today(), raisedBy: user.userId })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'training-need.recorded',
          recordType: 'training-need',
          recordId: row!.id,
          after: row,
        });
        return row!;
      });
    },

    /** Whether Bridge holds any training of the signed-in person (for their home page). */
    async hasOwn(principal: Principal): Promise<boolean> {
      if (principal?.kind !== 'user') return false;
      const personId = directory.personColumns.idOfUser(principal.userId);
      const [row] = await db
        .select({
          any: sql<boolean>`exists (select 1 from ${trainingAttendance} where ${trainingAttendance.personId} = ${personId})
            or exists (select 1 from ${trainingNeeds} where ${trainingNeeds.personId} = ${personId})`,
        })
        .from(sql`(select 1) as one`);
      return row?.any === true;
    },

    /**
     * A signed-in person's own training: the sessions they were recorded at, newest first, a page
     * at a time, and their needs with whether each is met. None without a directory entry.
     */
    async own(principal: Principal, page: PageRequest) {
      const user = requireUser(principal, 'training.own');
      const personId = await directory.directory.lookups.personIdForUser(db, user.userId);
      if (!personId) return { sessions: [], total: 0, needs: [] };
      const where = eq(trainingAttendance.personId, personId);
      const [sessions, [total], needs] = await Promise.all([
        db
          .select({
            heldOn: trainingSessions.heldOn,
            course: trainingCourses.title,
            place: trainingSessions.place,
            borough: directory.organisationNameSql(trainingSessions.boroughId),
            status: trainingAttendance.status,
          })
          .from(trainingAttendance)
          .innerJoin(trainingSessions, eq(trainingSessions.id, trainingAttendance.sessionId))
          .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
          .where(where)
          .orderBy(desc(trainingSessions.heldOn), asc(trainingAttendance.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(trainingAttendance).where(where),
        db
          .select(needColumns)
          .from(trainingNeeds)
          .innerJoin(trainingCourses, eq(trainingCourses.id, trainingNeeds.courseId))
          .where(and(eq(trainingNeeds.personId, personId), isNotNull(trainingNeeds.personId)))
          .orderBy(asc(trainingNeeds.dueBy))
          .limit(100),
      ]);
      return { sessions, total: Number(total?.n ?? 0), needs: await withStatus(db, needs) };
    },
  };
}
