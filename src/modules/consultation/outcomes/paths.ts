/** CON-07 "You said, we did": the staff page of one consultation's outcome and the public pages. */
import { route } from '../../../platform/http/route.js';

export const outcomePaths = {
  /** Staff: write, save and publish what came of a closed consultation. */
  outcome: route('/consultation/consultations/:consultationId/outcome'),
  /** The public: what came of one consultation. */
  publicOutcome: route('/consultations/:consultationId/outcome'),
  /** The public: every published outcome, newest first. */
  publicOutcomes: '/consultations/you-said-we-did',
};
