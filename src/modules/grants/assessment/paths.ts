/**
 * The addresses of assessment, the panel's decision and the award, and payments, each defined
 * once. An application's own page, `/grants/applications/:applicationId`, is the applications'.
 */
import { route } from '../../../platform/http/route.js';

export const awardPaths = {
  /** CON-04: who assesses an application, and the weighted result. */
  assessors: route('/grants/applications/:applicationId/assessors'),
  removeAssessor: route('/grants/applications/:applicationId/assessors/:assessmentId/remove'),
  /** The applications the signed-in person was asked to assess. */
  yourAssessments: '/grants/assessments',
  /** An assessor's scores, and their declaration of a conflict of interest. */
  assess: route('/grants/applications/:applicationId/assess'),
  conflict: route('/grants/applications/:applicationId/conflict'),
  /** CON-04, CON-05: the panel's decision. */
  decision: route('/grants/applications/:applicationId/decision'),
  /** The award letter with its conditions. */
  letter: route('/grants/applications/:applicationId/letter'),
  /** CDRP-12: instalments due, and the batches for the finance system. */
  payments: '/grants/payments',
  batch: route('/grants/payments/batches/:batchId'),
  batchCsv: route('/grants/payments/batches/:batchId/csv'),
  batchPaid: route('/grants/payments/batches/:batchId/paid'),
};
