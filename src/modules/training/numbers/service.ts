/**
 * CDRP-11: the numbers trained by course, borough and reporting year (1 April to 31 March), a
 * person counted once per course per year (`numbersTrained`). Read by whoever reads training.
 */
import { and, asc, between, eq, inArray, max, min } from 'drizzle-orm';
import { requireUser } from '../../../platform/auth/permissions.js';
import type { Principal } from '../../../platform/auth/principal.js';
import {
  reportingYear,
  reportingYearOf,
  todayInLondon,
  type ReportingYear,
} from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/database.js';
import { isUuid } from '../../../platform/http/params.js';
import type { DirectoryApi } from '../../directory/index.js';
import { numbersTrained } from '../rules.js';
import { trainingAttendance, trainingCourses, trainingSessions } from '../schema.js';

export type NumbersService = ReturnType<typeof createNumbersService>;

export interface NumbersRow {
  courseId: string;
  course: string;
  boroughId: string;
  borough: string;
  people: number;
}

export function createNumbersService(deps: { db: Db; directory: DirectoryApi; now: () => Date }) {
  const { db, directory, now } = deps;

  /** The year asked for (`2026` for 2026-27), else the one today is in. */
  function yearOf(asked: string | undefined): ReportingYear {
    const n = asked && /^\d{4}$/.test(asked) ? Number(asked) : NaN;
    return n >= 2000 && n <= 2100 ? reportingYear(n) : reportingYearOf(todayInLondon(now()));
  }

  return {
    yearOf,

    /** The years there are sessions in, and this one, newest first (for the year's select). */
    async years(principal: Principal): Promise<ReportingYear[]> {
      requireUser(principal, 'training.view');
      const [span] = await db
        .select({ first: min(trainingSessions.heldOn), last: max(trainingSessions.heldOn) })
        .from(trainingSessions);
      const current = reportingYearOf(todayInLondon(now())).startYear;
      const first = span?.first ? reportingYearOf(span.first).startYear : current;
      const last = Math.max(current, span?.last ? reportingYearOf(span.last).startYear : current);
      const years: ReportingYear[] = [];
      for (let y = last; y >= Math.max(first, last - 20); y--) years.push(reportingYear(y));
      return years;
    },

    /**
     * CDRP-11: a year's numbers trained, by course then borough (names in order), for one
     * course or one borough when asked. The year's attended sessions are read in one query (its
     * index: the sessions' day), counted by the rule, then named in one query each.
     */
    async numbers(
      principal: Principal,
      filter: {
        year: ReportingYear;
        courseId?: string | undefined;
        boroughId?: string | undefined;
      },
    ) {
      requireUser(principal, 'training.view');
      const { year } = filter;
      const courseId = filter.courseId && isUuid(filter.courseId) ? filter.courseId : undefined;
      const attended = await db
        .select({
          personId: trainingAttendance.personId,
          courseId: trainingSessions.courseId,
          boroughId: trainingSessions.boroughId,
          heldOn: trainingSessions.heldOn,
        })
        .from(trainingAttendance)
        .innerJoin(trainingSessions, eq(trainingSessions.id, trainingAttendance.sessionId))
        .where(
          and(
            between(trainingSessions.heldOn, year.start, year.end),
            eq(trainingAttendance.status, 'attended'),
            courseId ? eq(trainingSessions.courseId, courseId) : undefined,
          ),
        );
      // The borough is the one each person is counted in, so it is chosen after counting.
      const counts = numbersTrained(attended).filter(
        (c) => !filter.boroughId || c.boroughId === filter.boroughId,
      );
      const courseIds = [...new Set(counts.map((c) => c.courseId))];
      const [courses, boroughs] = await Promise.all([
        courseIds.length
          ? db
              .select({ id: trainingCourses.id, title: trainingCourses.title })
              .from(trainingCourses)
              .where(inArray(trainingCourses.id, courseIds))
              .orderBy(asc(trainingCourses.title))
          : [],
        directory.directory.lookups.organisations(
          db,
          counts.map((c) => c.boroughId),
        ),
      ]);
      const titles = new Map(courses.map((c) => [c.id, c.title]));
      const rows: NumbersRow[] = counts
        .map((c) => ({
          courseId: c.courseId,
          course: titles.get(c.courseId) ?? '',
          boroughId: c.boroughId,
          borough: boroughs.get(c.boroughId)?.name ?? '',
          people: c.people,
        }))
        .sort(
          (a, b) =>
            a.course.localeCompare(b.course) ||
            a.courseId.localeCompare(b.courseId) ||
            a.borough.localeCompare(b.borough),
        );
      return { year, rows, total: rows.reduce((n, r) => n + r.people, 0) };
    },
  };
}
