/**
 * A consultation's staff pages: its details, its questionnaire builder and preview, and its
 * launch and early close. The list and the consultation's own page are consultation's shared
 * addresses (../paths.ts).
 */
import { route } from '../../../platform/http/route.js';
import { consultationPaths } from '../paths.js';

const base = '/consultation/consultations/:consultationId';

export const consultationsPaths = {
  list: consultationPaths.consultations,
  consultation: consultationPaths.consultation,
  newConsultation: '/consultation/consultations/new',
  edit: route(`${base}/edit`),
  questionnaire: route(`${base}/questionnaire`),
  newVersion: route(`${base}/questionnaire/new-version`),
  preview: route(`${base}/questionnaire/preview`),
  newQuestion: route(`${base}/questionnaire/questions/new`),
  question: route(`${base}/questionnaire/questions/:questionId`),
  removeQuestion: route(`${base}/questionnaire/questions/:questionId/remove`),
  moveQuestion: route(`${base}/questionnaire/questions/:questionId/move`),
  launch: route(`${base}/launch`),
  close: route(`${base}/close`),
};
