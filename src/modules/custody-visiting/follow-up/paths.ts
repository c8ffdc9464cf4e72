/** ICV-08: the follow-up of visit reports, each address defined once, as `custodyPaths` are. */
import { route } from '../../../platform/http/route.js';

export const followUpPaths = {
  /** The scheme manager's review queue: sent reports not yet reviewed, oldest first. */
  reviewQueue: '/custody-visiting/review',
  /** A report's review: its matters for follow-up, the issues raised from it, and the form. */
  review: route('/custody-visiting/review/:reportId'),
  raiseIssue: route('/custody-visiting/review/:reportId/issues'),
  markReviewed: route('/custody-visiting/review/:reportId/reviewed'),
  /** The issues a person follows (`?status=open&suite=`), and an issue with its actions. */
  issues: '/custody-visiting/follow-up',
  issue: route('/custody-visiting/follow-up/:issueId'),
  answer: route('/custody-visiting/follow-up/:issueId/answer'),
  close: route('/custody-visiting/follow-up/:issueId/close'),
  sendBack: route('/custody-visiting/follow-up/:issueId/send-back'),
  escalate: route('/custody-visiting/follow-up/:issueId/escalate'),
  authority: route('/custody-visiting/follow-up/:issueId/authority'),
  /** The public summary (item 9): answered and closed issues, for anyone. */
  publicIssues: '/custody-visiting/issues',
};
