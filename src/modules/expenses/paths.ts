/** The expenses module's URLs, so no link is built by hand. */
const claim = (id: string) => `/expenses/${id}`;

export const expensePaths = {
  /** The advisor's own claims, and starting one. */
  mine: '/expenses',
  start: '/expenses/new',
  claim,
  addItem: (id: string) => `${claim(id)}/items/new`,
  removeItem: (id: string, itemId: string) => `${claim(id)}/items/${itemId}/remove`,
  receipt: (id: string, itemId: string) => `${claim(id)}/items/${itemId}/receipt`,
  submit: (id: string) => `${claim(id)}/submit`,
  /** The coordination unit's queue and decisions. */
  queue: '/expenses/to-decide',
  decide: (id: string) => `${claim(id)}/decision`,
  secondApproval: (id: string) => `${claim(id)}/second-approval`,
};
