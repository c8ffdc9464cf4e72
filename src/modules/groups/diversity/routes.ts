/** DP-01: a member's own diversity monitoring answers; IAG-17: a group's membership balance. */
import { formValues, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { routeAccess } from '../access.js';
import { groupPaths as paths } from '../paths.js';
import { groupCrumb, groupsCrumb, home } from '../register/presenter.js';
import type { GroupsRouteDeps as RouteDeps } from '../route-deps.js';
import { MONITORING_QUESTIONS } from './rules.js';
import { ANSWER_LABELS, QUESTIONS } from './presenter.js';

const T = 'modules/groups/diversity/views';
const { signedIn, balance } = routeAccess;

export function registerDiversityRoutes({ app, services, renderPage }: RouteDeps): void {
  const { memberRecords } = services;

  registerFormPage(app, paths.diversity, signedIn, {
    // First shown with the answers saved; after a refusal, with those posted.
    async show(request, reply, values, errors, status = 200) {
      const saved = await memberRecords.ownDiversityAnswers(request.principal);
      const current = ((errors ? values : null) ?? saved ?? {}) as Record<string, string | null>;
      return renderPage(
        request,
        reply,
        `${T}/diversity.njk`,
        {
          title: 'Diversity monitoring',
          breadcrumbs: [home, { text: 'Your advisory groups', href: paths.myGroups }],
          questions: QUESTIONS.map((q) => ({
            name: q.name,
            legend: q.legend,
            value: current[q.name] ?? undefined,
            items: [
              ...MONITORING_QUESTIONS[q.name]
                .filter((v) => v !== 'prefer_not')
                .map((v) => ({ value: v, text: ANSWER_LABELS[q.name]![v]! })),
              { divider: 'or' },
              { value: 'prefer_not', text: 'Prefer not to say' },
            ],
          })),
          answered: saved !== null,
          errors,
          paths,
        },
        status,
      );
    },
    async submit(request, reply) {
      await memberRecords.saveOwnDiversityAnswers(
        request.principal,
        formValues(request.body),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.myGroups,
        formValues(request.body).erase === 'yes'
          ? 'Your answers have been deleted'
          : 'Thank you. Your answers have been saved',
      );
    },
  });

  app.get(paths.balance.pattern, balance, async (request, reply) => {
    const result = await memberRecords.membershipBalance(
      request.principal,
      (request.params as { groupId: string }).groupId,
    );
    return renderPage(request, reply, `${T}/balance.njk`, {
      title: `Membership balance: ${result.group.name}`,
      breadcrumbs: [home, groupsCrumb, groupCrumb(result.group)],
      ...result,
    });
  });
}
