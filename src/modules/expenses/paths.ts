/**
 * The expenses module's addresses, each defined once: a route's pattern registers it
 * (`paths.claim.pattern`) and the same object builds its links (`paths.claim(id)`).
 */
import { route } from '../../platform/http/route.js';

export const expensePaths = {
  /** The advisor's own claims, and starting one. */
  mine: '/expenses',
  start: '/expenses/new',
  claim: route('/expenses/:claimId'),
  addItem: route('/expenses/:claimId/items/new'),
  removeItem: route('/expenses/:claimId/items/:itemId/remove'),
  receipt: route('/expenses/:claimId/items/:itemId/receipt'),
  submit: route('/expenses/:claimId/submit'),
  /** The coordination unit's queue and decisions. */
  queue: '/expenses/to-decide',
  decide: route('/expenses/:claimId/decision'),
  secondApproval: route('/expenses/:claimId/second-approval'),
  /** IAG-11: payment batches and their export for the finance system. */
  payments: '/expenses/payments',
  batch: route('/expenses/payments/:batchId'),
  batchCsv: route('/expenses/payments/:batchId/batch.csv'),
  markPaid: route('/expenses/payments/:batchId/paid'),
  /** IAG-13: disputing a decision; the chair's or the Director's decision; referral. */
  raiseDispute: route('/expenses/:claimId/dispute/new'),
  dispute: route('/expenses/:claimId/dispute'),
  refer: route('/expenses/:claimId/dispute/refer'),
  disputes: '/expenses/disputes',
  /** Budgets and spend by group and advisor; the auditors' report. */
  budgets: '/expenses/budgets',
  budgetAdvisors: '/expenses/budgets/advisors',
  setBudget: route('/expenses/budgets/:groupId'),
  auditReport: '/expenses/audit',
  auditReportCsv: '/expenses/audit.csv',
};
