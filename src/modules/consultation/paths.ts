/**
 * Consultation's addresses that its sub-capabilities share, each defined once: a route's pattern
 * registers it and the same object builds its links. Staff work under /consultation; the public
 * reads and answers consultations under /consultations. A sub-capability's own pages have their
 * paths in its folder's paths.ts.
 */
import { route } from '../../platform/http/route.js';

export const consultationPaths = {
  /** Staff: the consultations, programmes, consultees and the panel. */
  staffHome: '/consultation',
  /** Staff: the consultations, and one consultation's page (its sub-pages hang under it). */
  consultations: '/consultation/consultations',
  consultation: route('/consultation/consultations/:consultationId'),
  /** The public: open consultations, and what came of closed ones. */
  publicHome: '/consultations',
  /** A consultation as the public reads it: its purpose, dates, and (closed) what came of it. */
  publicConsultation: route('/consultations/:consultationId'),
  /** Where the public begins a response. */
  respond: route('/consultations/:consultationId/respond'),
  /**
   * An invited consultee's or panel member's own link (CON-03, CON-06): the token is the secret,
   * its hash kept in consultation_invitations (hashToken/newToken of platform/auth/credentials).
   */
  invitation: route('/consultations/invited/:token'),
  /** A saved response's link to finish it later (the token's hash is on the response). */
  resume: route('/consultations/resume/:token'),
};
