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
  /** IAG-11: payment batches and their export for the finance system. */
  payments: '/expenses/payments',
  batch: (id: string) => `/expenses/payments/${id}`,
  batchCsv: (id: string) => `/expenses/payments/${id}/batch.csv`,
  markPaid: (id: string) => `/expenses/payments/${id}/paid`,
  /** IAG-13: disputing a decision; the chair's or the Director's decision; referral. */
  raiseDispute: (id: string) => `${claim(id)}/dispute/new`,
  dispute: (id: string) => `${claim(id)}/dispute`,
  refer: (id: string) => `${claim(id)}/dispute/refer`,
  disputes: '/expenses/disputes',
  /** Budgets and spend by group and advisor; the auditors' report. */
  budgets: '/expenses/budgets',
  budgetAdvisors: '/expenses/budgets/advisors',
  setBudget: (groupId: string) => `/expenses/budgets/${groupId}`,
  auditReport: '/expenses/audit',
  auditReportCsv: '/expenses/audit.csv',
};
