/**
 * Training records a test makes for itself (CDRP-11, IAG-34): courses, sessions in a borough and
 * who attended, as real rows, named uniquely.
 */
import type { Attendance, Audience } from '../../src/modules/training/rules.js';
import {
  trainingAttendance,
  trainingCourses,
  trainingSessions,
} from '../../src/modules/training/schema.js';
import type { TestApp } from '../app.js';
import { makeBorough, uniqueTag } from './directory.js';

export async function makeCourse(
  t: TestApp,
  options: { title?: string; audience?: Audience; provider?: string } = {},
) {
  const [row] = await t.services.db
    .insert(trainingCourses)
    .values({
      title: options.title ?? `Course ${uniqueTag()}`,
      audience: options.audience ?? 'partnership',
      provider: options.provider ?? 'MPS Partnership Team',
    })
    .returning();
  return row!;
}

/** A session of the course, in a new borough unless one is given. */
export async function makeSession(
  t: TestApp,
  courseId: string,
  options: { heldOn?: string; boroughId?: string; capacity?: number; place?: string } = {},
) {
  const boroughId = options.boroughId ?? (await makeBorough(t)).id;
  const [row] = await t.services.db
    .insert(trainingSessions)
    .values({
      courseId,
      heldOn: options.heldOn ?? '2026-10-01',
      place: options.place ?? 'Hendon',
      boroughId,
      capacity: options.capacity ?? 20,
    })
    .returning();
  return row!;
}

export async function recordAttendance(
  t: TestApp,
  sessionId: string,
  personId: string,
  status: Attendance = 'attended',
) {
  await t.services.db
    .insert(trainingAttendance)
    .values({ sessionId, personId, status, recordedAt: t.clock.now() });
}
