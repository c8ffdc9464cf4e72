/**
 * The addresses of answering a consultation, each defined once. A response in progress is
 * carried in its address by its token (consultationPaths.resume): its pages hang under it.
 */
import { route } from '../../../platform/http/route.js';
import { consultationPaths } from '../paths.js';

const base = consultationPaths.resume.pattern;

export const respondingPaths = {
  /** A response's questions, one a page, by their position. */
  question: route(`${base}/questions/:position`),
  /** The respondent's optional monitoring answers and borough (DP-01). */
  aboutYou: route(`${base}/about-you`),
  check: route(`${base}/check`),
  /** Save and finish later: the link, and sending it by e-mail. */
  save: route(`${base}/save`),
  /** After sending: no token, which the sending cleared. */
  responded: route('/consultations/:consultationId/responded'),
  /** Staff: one consultation's responses, bursts, and setting them aside. */
  responses: route('/consultation/consultations/:consultationId/responses'),
  setAside: route('/consultation/consultations/:consultationId/responses/:responseId/set-aside'),
  restore: route('/consultation/consultations/:consultationId/responses/:responseId/restore'),
  setAsideBurst: route('/consultation/consultations/:consultationId/bursts/:burst/set-aside'),
  restoreBurst: route('/consultation/consultations/:consultationId/bursts/:burst/restore'),
};
