/**
 * The advice module's addresses, each defined once: a route's pattern registers it
 * (`advicePaths.request.pattern`) and the same object builds its links
 * (`advicePaths.request(id)`), so no link is built by hand. The parameter names are the ones
 * the handlers read from `request.params`.
 */
import { route } from '../../platform/http/route.js';

export const advicePaths = {
  mine: '/advice-requests',
  ask: '/advice-requests/new',
  triage: '/advice-requests/triage',
  request: route('/advice-requests/:requestId'),
  route: route('/advice-requests/:requestId/route'),
  decline: route('/advice-requests/:requestId/decline'),
  /** IAG-08: CTSET's question to the requester, and the answer. */
  question: route('/advice-requests/:requestId/question'),
  answer: route('/advice-requests/:requestId/answer'),
  /** IAG-35: sharing with an advisor, and the advisor acknowledging the terms. */
  disclose: route('/advice-requests/:requestId/disclosures/new'),
  acknowledge: route('/deployments/:deploymentId/disclosures/:disclosureId/acknowledge'),
  /** Documents to share with advisors, and documents attached to advice (either kind). */
  addDocument: route('/advice-requests/:requestId/documents/new'),
  document: route('/advice-requests/:requestId/documents/:documentId'),
  removeDocument: route('/advice-requests/:requestId/documents/:documentId/remove'),
  /** The advisor's attachments to their advice, and a document disclosed to them (IAG-35). */
  addAdviceDocument: route('/deployments/:deploymentId/advice/documents/new'),
  adviceDocument: route('/deployments/:deploymentId/advice/documents/:documentId'),
  removeAdviceDocument: route('/deployments/:deploymentId/advice/documents/:documentId/remove'),
  disclosedDocument: route('/deployments/:deploymentId/disclosures/:disclosureId/document'),
  /** IAG-27: the requester says whether they used a piece of advice. */
  outcome: route('/advice-requests/:requestId/advice/:adviceId/outcome'),
  /** IAG-07: the deployment contact's list of requests to nominate for, and one nomination. */
  toNominate: '/advice-requests/to-nominate',
  nominate: route('/advice-requests/:requestId/groups/:groupId/nominate'),
  conflict: route('/advice-requests/:requestId/groups/:groupId/conflicts/:personId'),
  /** The advisor's own nominations. */
  deployments: '/deployments',
  deployment: route('/deployments/:deploymentId'),
  accept: route('/deployments/:deploymentId/accept'),
  declineDeployment: route('/deployments/:deploymentId/decline'),
  recordAdvice: route('/deployments/:deploymentId/advice'),
  availability: '/deployments/availability',
  experience: '/deployments/availability/experience',
  unavailability: '/deployments/availability/dates',
  removeUnavailability: route('/deployments/availability/dates/:entryId/remove'),
  /** IAG-10: the equitable-deployment report, and its CSV. */
  equity: '/deployments/equity',
  equityCsv: '/deployments/equity.csv',
  /** IAG-09: CTSET's proactive offers. */
  offers: '/advice-offers',
  newOffer: '/advice-offers/new',
  offerResponse: route('/advice-offers/:offerId/response'),
  /** IAG-08, IAG-30: contacting advisors and arranging access, for CTSET or the unit. */
  arrangements: '/deployments/arrangements',
  arrange: route('/deployments/:deploymentId/arrange'),
};
