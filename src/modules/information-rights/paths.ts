/**
 * The information-rights module's addresses, each defined once: a route's pattern registers it
 * and the same object builds its links.
 */
import { route } from '../../platform/http/route.js';

export const informationRightsPaths = {
  /** DP-02: the register of subject access requests (`?status=open|dueSoon|overdue|answered`). */
  requests: '/information-rights/subject-access',
  newRequest: '/information-rights/subject-access/new',
  request: route('/information-rights/subject-access/:requestId'),
  identity: route('/information-rights/subject-access/:requestId/identity'),
  extend: route('/information-rights/subject-access/:requestId/extend'),
  answer: route('/information-rights/subject-access/:requestId/answer'),
  archive: route('/information-rights/subject-access/:requestId/archive.zip'),
  /** Issue 28 part 5: requests to erase or correct (`?status=open|dueSoon|overdue|closed`). */
  erasures: '/information-rights/erasure-and-correction',
  newErasure: '/information-rights/erasure-and-correction/new',
  erasure: route('/information-rights/erasure-and-correction/:requestId'),
  erasureExtend: route('/information-rights/erasure-and-correction/:requestId/extend'),
  erasureDecide: route('/information-rights/erasure-and-correction/:requestId/decide'),
  erasureCarryOut: route('/information-rights/erasure-and-correction/:requestId/carry-out'),
  erasureCorrected: route('/information-rights/erasure-and-correction/:requestId/corrected'),
  erasureArchive: route('/information-rights/erasure-and-correction/:requestId/archive.zip'),
};
