/** The advice module's URLs, so no link is built by hand. */
const request = (id: string) => `/advice-requests/${id}`;

export const advicePaths = {
  mine: '/advice-requests',
  ask: '/advice-requests/new',
  triage: '/advice-requests/triage',
  request,
  route: (id: string) => `${request(id)}/route`,
  decline: (id: string) => `${request(id)}/decline`,
};
