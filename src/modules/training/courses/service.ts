/**
 * CDRP-11: the courses, their sessions, and who attended each. Kept by the coordination unit and
 * the partnership officers (`training.manage`), read by those who oversee training
 * (`training.view`). Each action is one transaction with one audit event.
 */
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import { isUniqueViolation, type Db, type Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { dateField, dateParts } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, refusal } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import {
  ATTENDANCE,
  AUDIENCES,
  attendanceRefusal,
  validateCourse,
  validateSession,
} from '../rules.js';
import { trainingAttendance, trainingCourses, trainingSessions } from '../schema.js';

export type Course = typeof trainingCourses.$inferSelect;
export type Session = typeof trainingSessions.$inferSelect;
export type CoursesService = ReturnType<typeof createCoursesService>;
type Input = Record<string, string | string[] | undefined>;

export function createCoursesService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
}) {
  const { db, directory, now, t } = deps;
  const today = () => todayInLondon(now());
  const stale = () => new ConflictError(t('training:errors.staleEdit'), 'version');

  async function findCourse(executor: Executor, id: string): Promise<Course> {
    const [row] = isUuid(id)
      ? await executor.select().from(trainingCourses).where(eq(trainingCourses.id, id))
      : [];
    if (!row) throw new NotFoundError();
    return row;
  }

  /** A session with its course and borough's name; `lock` holds it while attendance is added. */
  async function findSession(executor: Executor, id: string, lock = false) {
    if (!isUuid(id)) throw new NotFoundError();
    const query = executor
      .select({
        session: trainingSessions,
        course: trainingCourses,
        borough: directory.organisationNameSql(trainingSessions.boroughId),
      })
      .from(trainingSessions)
      .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
      .where(eq(trainingSessions.id, id));
    const [row] = lock ? await query.for('update', { of: trainingSessions }) : await query;
    if (!row) throw new NotFoundError();
    return { ...row, borough: row.borough ?? '' };
  }

  function checkedCourse(input: Input) {
    const { refusals, value } = validateCourse(input);
    if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
    return value;
  }

  /**
   * Sessions and attendance in a borough are kept by the coordination unit (any borough) or by
   * that borough's own partnership officer: a partnership officer's role is held for one borough.
   */
  const keepsBorough = (user: UserPrincipal, boroughId: string) =>
    user.roles.some((g) => g.role === 'coordination_unit') ||
    can(user, 'borough.partnership-record.edit', { type: 'borough', id: boroughId });

  /** The session's fields checked, its borough one of the directory's boroughs. */
  async function checkedSession(executor: Executor, input: Input) {
    const errors: FieldError[] = [];
    const heldOn = dateField(t, input, 'heldOn', t('training:sessions.heldOnLabel'), errors);
    const { refusals, value } = validateSession(input, heldOn);
    const all = [...errors, ...fieldErrors(t, refusals)];
    if (value.boroughId && !all.some((e) => e.field === 'boroughId')) {
      const found = (
        await directory.directory.lookups.organisations(executor, [value.boroughId])
      ).get(value.boroughId);
      if (!found || found.kind !== 'borough' || found.archived)
        all.push({ field: 'boroughId', message: t('training:errors.boroughIdMissing') });
    }
    if (all.length) throw new ValidationError(all);
    return value;
  }

  return {
    /** CDRP-11: the courses by title, of one audience when asked, a page at a time. */
    async list(principal: Principal, filter: { audience?: string | undefined }, page: PageRequest) {
      requireUser(principal, 'training.view');
      const audience = AUDIENCES.find((a) => a === filter.audience);
      const where = audience ? eq(trainingCourses.audience, audience) : undefined;
      const [items, [total]] = await Promise.all([
        db
          .select()
          .from(trainingCourses)
          .where(where)
          .orderBy(asc(trainingCourses.title), asc(trainingCourses.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(trainingCourses).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0), audience: audience ?? null };
    },

    /** Every course, for a select list (the numbers' and needs' filters and forms). */
    async options(principal: Principal) {
      requireUser(principal, 'training.view');
      return db
        .select({ id: trainingCourses.id, title: trainingCourses.title })
        .from(trainingCourses)
        .orderBy(asc(trainingCourses.title));
    },

    /** A course and its sessions, newest first, a page at a time, each with its numbers. */
    async course(principal: Principal, id: string, page: PageRequest) {
      requireUser(principal, 'training.view');
      const course = await findCourse(db, id);
      const where = eq(trainingSessions.courseId, course.id);
      const attended = db
        .select({ n: count() })
        .from(trainingAttendance)
        .where(
          and(
            eq(trainingAttendance.sessionId, trainingSessions.id),
            eq(trainingAttendance.status, 'attended'),
          ),
        );
      const [sessions, [total]] = await Promise.all([
        db
          .select({
            id: trainingSessions.id,
            heldOn: trainingSessions.heldOn,
            place: trainingSessions.place,
            capacity: trainingSessions.capacity,
            borough: directory.organisationNameSql(trainingSessions.boroughId),
            attended: sql<number>`(${attended})::int`,
          })
          .from(trainingSessions)
          .where(where)
          .orderBy(desc(trainingSessions.heldOn), asc(trainingSessions.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(trainingSessions).where(where),
      ]);
      return { course, sessions, total: Number(total?.n ?? 0) };
    },

    /** What the course form starts with. */
    async courseValues(principal: Principal, id: string) {
      requireUser(principal, 'training.manage');
      const c = await findCourse(db, id);
      return {
        title: c.title,
        audience: c.audience,
        provider: c.provider,
        description: c.description ?? '',
        version: String(c.version),
      };
    },

    async findCourse(principal: Principal, id: string) {
      requireUser(principal, 'training.view');
      return findCourse(db, id);
    },

    /** CDRP-11: a course recorded. */
    async createCourse(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, 'training.manage');
      const value = checkedCourse(input);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(trainingCourses)
          .values({ ...value, createdBy: user.userId })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'training-course.created',
          recordType: 'training-course',
          recordId: row!.id,
          after: row,
        });
        return row!;
      });
    },

    /** A course's details changed, while it is as the form saw it. */
    async updateCourse(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'training.manage');
      return db.transaction(async (tx) => {
        const before = await findCourse(tx, id);
        if (Number(input.version ?? before.version) !== before.version) throw stale();
        const value = checkedCourse(input);
        const [after] = await tx
          .update(trainingCourses)
          .set({ ...value, updatedAt: now(), version: sql`${trainingCourses.version} + 1` })
          .where(and(eq(trainingCourses.id, id), eq(trainingCourses.version, before.version)))
          .returning();
        if (!after) throw stale();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'training-course.updated',
          recordType: 'training-course',
          recordId: id,
          before,
          after,
        });
        return after;
      });
    },

    /** The boroughs a session may be held in, for the session form: those the person keeps. */
    async boroughs(principal?: Principal) {
      const all = await directory.directory.scopeCatalogue.options('borough');
      return principal?.kind === 'user' ? all.filter((b) => keepsBorough(principal, b.id)) : all;
    },

    /** CDRP-11: a session of a course added. */
    async addSession(principal: Principal, courseId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'training.manage');
      return db.transaction(async (tx) => {
        const course = await findCourse(tx, courseId);
        const value = await checkedSession(tx, input);
        if (!keepsBorough(user, value.boroughId))
          throw refusal(t, 'boroughId', 'training:errors.boroughNotYours');
        const [row] = await tx
          .insert(trainingSessions)
          .values({ courseId: course.id, ...value })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'training-session.created',
          recordType: 'training-session',
          recordId: row!.id,
          after: row,
        });
        return row!;
      });
    },

    /** A session, its course, and who was recorded at it (by name, a page at a time). */
    async session(principal: Principal, id: string, page: PageRequest) {
      requireUser(principal, 'training.view');
      const found = await findSession(db, id);
      const where = eq(trainingAttendance.sessionId, found.session.id);
      const [rows, counts] = await Promise.all([
        db
          .select({
            id: trainingAttendance.id,
            personId: trainingAttendance.personId,
            name: directory.personNameSql(trainingAttendance.personId),
            status: trainingAttendance.status,
          })
          .from(trainingAttendance)
          .where(where)
          .orderBy(
            asc(directory.personNameSql(trainingAttendance.personId)),
            asc(trainingAttendance.id),
          )
          .limit(page.limit)
          .offset(page.offset),
        db
          .select({ status: trainingAttendance.status, n: count() })
          .from(trainingAttendance)
          .where(where)
          .groupBy(trainingAttendance.status),
      ]);
      const attended = Number(counts.find((c) => c.status === 'attended')?.n ?? 0);
      const absent = Number(counts.find((c) => c.status === 'absent')?.n ?? 0);
      return { ...found, attendance: rows, attended, absent, total: attended + absent };
    },

    /**
     * CDRP-11: a person from the directory recorded at a session as having attended or not;
     * refused when already recorded there, before the session is held, or beyond its capacity.
     */
    async recordAttendance(
      principal: Principal,
      sessionId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'training.manage');
      const personId = typeof input.personId === 'string' ? input.personId : '';
      const status = ATTENDANCE.find((s) => s === input.status);
      const errors: FieldError[] = [];
      if (!personId)
        errors.push({ field: 'personId', message: t('training:errors.attendeeMissing') });
      if (!status) errors.push({ field: 'status', message: t('training:errors.statusMissing') });
      if (errors.length || !status) throw new ValidationError(errors);
      try {
        return await db.transaction(async (tx) => {
          const { session } = await findSession(tx, sessionId, true);
          if (!keepsBorough(user, session.boroughId))
            throw refusal(t, 'personId', 'training:errors.sessionNotYours');
          const person = (await directory.directory.lookups.people(tx, [personId])).get(personId);
          if (!person || person.archived)
            throw refusal(t, 'personId', 'training:errors.attendeeMissing');
          const [places] = await tx
            .select({
              attended: sql<number>`count(*) filter (where ${trainingAttendance.status} = 'attended')::int`,
              already: sql<boolean>`bool_or(${trainingAttendance.personId} = ${personId})`,
            })
            .from(trainingAttendance)
            .where(eq(trainingAttendance.sessionId, session.id));
          const refused = attendanceRefusal(
            {
              heldOn: session.heldOn,
              capacity: session.capacity,
              attended: Number(places?.attended ?? 0),
              alreadyRecorded: places?.already === true,
            },
            status,
            today(),
          );
          if (refused) throw new ValidationError(fieldErrors(t, [refused]));
          const [row] = await tx
            .insert(trainingAttendance)
            .values({
              sessionId: session.id,
              personId,
              status,
              recordedBy: user.userId,
              recordedAt: now(),
            })
            .returning();
          await recordAudit(tx, actorOf(user, requestId), {
            action: 'training-attendance.recorded',
            recordType: 'training-session',
            recordId: session.id,
            after: row,
          });
          return { ...row!, name: person.fullName };
        });
      } catch (error) {
        // Two people recording the same attendee at once: the second is told, as above.
        if (isUniqueViolation(error))
          throw refusal(t, 'personId', 'training:errors.alreadyRecorded');
        throw error;
      }
    },

    /** The session form's values when it is shown first (none yet: a new session). */
    sessionDefaults: () => dateParts('heldOn', today()),
  };
}
