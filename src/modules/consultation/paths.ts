/**
 * Consultation's addresses, each defined once: a route's pattern registers it and the same
 * object builds its links. Staff work under /consultation; the public reads and answers
 * consultations under /consultations. Each sub-capability's own paths are in its folder.
 */
export const consultationPaths = {
  /** Staff: the consultations, programmes, consultees and the panel. */
  staffHome: '/consultation',
  /** The public: open consultations, and what came of closed ones. */
  publicHome: '/consultations',
};
