/** The advice module's URLs, so no link is built by hand. */
const request = (id: string) => `/advice-requests/${id}`;

export const advicePaths = {
  mine: '/advice-requests',
  ask: '/advice-requests/new',
  triage: '/advice-requests/triage',
  request,
  route: (id: string) => `${request(id)}/route`,
  decline: (id: string) => `${request(id)}/decline`,
  /** IAG-08: CTSET's question to the requester, and the answer. */
  question: (id: string) => `${request(id)}/question`,
  answer: (id: string) => `${request(id)}/answer`,
  /** IAG-35: sharing with an advisor, and the advisor acknowledging the terms. */
  disclose: (id: string) => `${request(id)}/disclosures/new`,
  acknowledge: (deploymentId: string, disclosureId: string) =>
    `/deployments/${deploymentId}/disclosures/${disclosureId}/acknowledge`,
  /** Documents to share with advisors, and documents attached to advice (either kind). */
  addDocument: (id: string) => `${request(id)}/documents/new`,
  document: (id: string, documentId: string) => `${request(id)}/documents/${documentId}`,
  removeDocument: (id: string, documentId: string) =>
    `${request(id)}/documents/${documentId}/remove`,
  /** The advisor's attachments to their advice, and a document disclosed to them (IAG-35). */
  addAdviceDocument: (deploymentId: string) => `/deployments/${deploymentId}/advice/documents/new`,
  adviceDocument: (deploymentId: string, documentId: string) =>
    `/deployments/${deploymentId}/advice/documents/${documentId}`,
  removeAdviceDocument: (deploymentId: string, documentId: string) =>
    `/deployments/${deploymentId}/advice/documents/${documentId}/remove`,
  disclosedDocument: (deploymentId: string, disclosureId: string) =>
    `/deployments/${deploymentId}/disclosures/${disclosureId}/document`,
  /** IAG-27: the requester says whether they used a piece of advice. */
  outcome: (id: string, adviceId: string) => `${request(id)}/advice/${adviceId}/outcome`,
  /** IAG-07: the deployment contact's list of requests to nominate for, and one nomination. */
  toNominate: '/advice-requests/to-nominate',
  nominate: (id: string, groupId: string) => `${request(id)}/groups/${groupId}/nominate`,
  conflict: (id: string, groupId: string, personId: string) =>
    `${request(id)}/groups/${groupId}/conflicts/${personId}`,
  /** The advisor's own nominations. */
  deployments: '/deployments',
  deployment: (id: string) => `/deployments/${id}`,
  accept: (id: string) => `/deployments/${id}/accept`,
  declineDeployment: (id: string) => `/deployments/${id}/decline`,
  recordAdvice: (id: string) => `/deployments/${id}/advice`,
  availability: '/deployments/availability',
  experience: '/deployments/availability/experience',
  unavailability: '/deployments/availability/dates',
  removeUnavailability: (id: string) => `/deployments/availability/dates/${id}/remove`,
  /** IAG-10: the equitable-deployment report, and its CSV. */
  equity: '/deployments/equity',
  equityCsv: '/deployments/equity.csv',
  /** IAG-09: CTSET's proactive offers. */
  offers: '/advice-offers',
  newOffer: '/advice-offers/new',
  offerResponse: (id: string) => `/advice-offers/${id}/response`,
  /** IAG-08, IAG-30: contacting advisors and arranging access, for CTSET or the unit. */
  arrangements: '/deployments/arrangements',
  arrange: (id: string) => `/deployments/${id}/arrange`,
};
