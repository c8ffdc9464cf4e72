/**
 * The training module's addresses, each defined once: a route's pattern registers it and the
 * same object builds its links.
 */
import { route } from '../../platform/http/route.js';

export const trainingPaths = {
  /** CDRP-11: the courses (`?audience=`), a course with its sessions, and their forms. */
  courses: '/training/courses',
  newCourse: '/training/courses/new',
  course: route('/training/courses/:courseId'),
  editCourse: route('/training/courses/:courseId/edit'),
  newSession: route('/training/courses/:courseId/sessions/new'),
  /** A session with who attended it, and the form recording a person's attendance. */
  session: route('/training/sessions/:sessionId'),
  attendance: route('/training/sessions/:sessionId/attendance'),
  /** CDRP-11: numbers trained by course and borough in a year (`?year=2026&course=&borough=`). */
  numbers: '/training/numbers',
  numbersCsv: '/training/numbers.csv',
  /** IAG-34: the training needs against what was delivered (`?area=&course=`). */
  needs: '/training/needs',
  newNeed: '/training/needs/new',
  /** A signed-in person's own training. */
  yours: '/training/yours',
};
