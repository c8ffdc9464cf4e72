import type { RouteDeps } from '../../app.js';
import { can } from '../auth/permissions.js';
import { ROLE_INFO } from '../auth/roles.js';

/** The public pages, for a signed-in person with nothing else to do in Bridge. */
const PUBLIC_TASKS = [
  {
    href: '/advisory-groups',
    text: 'Advisory groups',
    hint: 'Who the independent advisory groups are, when they meet, and their minutes',
  },
  {
    href: '/recommendations',
    text: 'Recommendations and progress',
    hint: 'What reviews and inquiries recommended, and how far each has got',
  },
];

export function registerHomeRoutes({ app, services, renderPage }: RouteDeps): void {
  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    const p = request.principal;
    if (!p || p.kind !== 'user') {
      return renderPage(request, reply, 'platform/views/home-public.njk', {
        title: 'How the police work with the communities they serve',
        width: 'two-thirds',
      });
    }
    const [ownGroups, ownActions, secondTerms, urgent] = await Promise.all([
      services.groups.myMemberships(p),
      services.tracker.myActions(p, { page: 1, limit: 1, offset: 0 }),
      services.groups.secondTermsToDecide(p),
      can(p, 'advice.triage') ? services.advice.urgentWaiting(p) : null,
    ]);
    const tasks = [
      // IAG-08: urgent requests waiting for CTSET come first.
      urgent?.oldest && {
        href: '/advice-requests/triage',
        text: `${urgent.count} urgent ${urgent.count === 1 ? 'request is' : 'requests are'} waiting for triage`,
        hint: `The longest, ${urgent.oldest.reference}: ${urgent.oldest.subject}, has waited ${urgent.oldest.waited}${urgent.oldest.overdue ? ', past its target' : ''}`,
      },
      secondTerms > 0 && {
        href: '/groups/second-terms',
        text: `Second terms to agree (${secondTerms})`,
        hint: 'Members’ second terms waiting for your agreement as chair or Director (IAG-18)',
      },
      ownGroups.length > 0 && {
        href: '/my-groups',
        text: 'Your advisory groups',
        hint: 'The groups you are a member of, and when each term ends',
      },
      ownGroups.length > 0 && {
        href: '/deployments',
        text: 'Your deployments',
        hint: 'Requests you are nominated for: accept or decline; and the days you cannot do',
      },
      can(p, 'expenses.claim') && {
        href: '/expenses',
        text: 'Your expense claims',
        hint: 'Claim back what you paid to take part, within three months of each cost',
      },
      can(p, 'expenses.process') && {
        href: '/expenses/to-decide',
        text: 'Expense claims to decide',
        hint: 'Approve, part-approve or reject advisors’ claims, the longest waiting first',
      },
      can(p, 'expenses.process') && {
        href: '/expenses/payments',
        text: 'Payments',
        hint: 'Put approved claims in a payment batch, export it for the finance system, mark it paid',
      },
      can(p, 'expenses.view-all') && {
        href: '/expenses/budgets',
        text: 'Expenses budgets',
        hint: 'Each group’s budget for the year, spend committed and paid, and the claims for auditors',
      },
      (p.roles.some((g) => g.role === 'chair') || can(p, 'expenses.dispute-final')) && {
        href: '/expenses/disputes',
        text: 'Disputed expense claims',
        hint: 'Advisors’ disputes of decisions on their claims, for you to decide (IAG-13)',
      },
      can(p, 'tracker.view') && {
        href: '/tracker',
        text: 'Recommendations tracker',
        hint: 'Reviews, scrutinies and inquiries: each recommendation’s progress, and the reports to committees',
      },
      ownActions.total > 0 && {
        href: '/tracker/my-actions',
        text: 'Your actions',
        hint: 'Actions on recommendations that you or your unit own: record progress on each',
      },
      p.roles.some((g) => g.role === 'deployment_contact') && {
        href: '/advice-requests/to-nominate',
        text: 'Requests to nominate for',
        hint: 'Requests passed to your group: choose the most suitable advisors',
      },
      can(p, 'advice.equity') && {
        href: '/deployments/equity',
        text: 'Equitable deployment',
        hint: 'Deployments per advisor over a period, the busiest flagged (IAG-10)',
      },
      can(p, 'advice.arrange') && {
        href: '/deployments/arrangements',
        text: 'Advisors to contact',
        hint: 'Nominated advisors to contact and give escorted access (CTSET for urgent requests)',
      },
      can(p, 'advice.triage') && {
        href: '/advice-requests/triage',
        text: 'Requests waiting for triage',
        hint: 'Every request for an advisor, urgent first: pass each to a group or decline it',
      },
      can(p, 'advice.offer') && {
        href: '/advice-offers',
        text: 'Proactive offers',
        hint: 'Offers of independent advice for serious crimes and critical incidents, and the answers',
      },
      can(p, 'advice.request') && {
        href: '/advice-requests',
        text: 'Your requests for advice',
        hint: 'Ask for an independent advisor and follow each request',
      },
      can(p, 'groups.view') && {
        href: '/groups',
        text: 'Advisory groups',
        hint: 'The register of groups: members, terms, chairs, elections and recruitment',
      },
      can(p, 'directory.view') && {
        href: '/directory',
        text: 'Directory',
        hint: 'People and organisations: police units, boroughs, directorates, partners and community groups',
      },
      can(p, 'users.manage') && {
        href: '/admin/users',
        text: 'Users',
        hint: 'Create accounts, give roles, deactivate',
      },
      can(p, 'audit.view') && {
        href: '/admin/audit',
        text: 'Audit trail',
        hint: 'Every change, who made it and when',
      },
      can(p, 'users.manage') && {
        href: '/admin/bank-holidays',
        text: 'Bank holidays',
        hint: 'The years of bank holidays working days are counted with, and adding the coming years',
      },
      can(p, 'api-tokens.manage') && {
        href: '/admin/api-tokens',
        text: 'API tokens',
        hint: 'Let other systems read the directory',
      },
      can(p, 'mail.view-outbox') &&
        !services.mail.delivers && {
          href: '/admin/outbox',
          text: 'Outbox',
          hint: 'E-mails Bridge would have sent',
        },
      {
        href: '/account',
        text: 'Your account',
        hint: 'Password, second factor and where you are signed in',
      },
    ].filter(Boolean);
    // Someone whose roles give them no work in Bridge yet (a lay visitor) is offered the public
    // pages they may use, beside their account.
    if (tasks.length === 1) tasks.unshift(...PUBLIC_TASKS);
    return renderPage(request, reply, 'platform/views/home.njk', {
      title: 'Home',
      // Administrators are warned a year before the bank-holiday data runs out.
      notice: can(p, 'users.manage') ? services.bankHolidays.warning() : null,
      roles: p.roles.map((g) => ROLE_INFO[g.role].label),
      tasks,
    });
  });
}
