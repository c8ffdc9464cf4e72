/** DP-01: a member's own diversity monitoring answers; IAG-17: a group's membership balance. */
import {
  formValues,
  formShow,
  redirectWithFlash,
  registerFormPage,
} from '../../../platform/http/render.js';
import { routeAccess } from '../access.js';
import { groupPaths as paths } from '../paths.js';
import { groupCrumbs, groupsCrumbs } from '../register/presenter.js';
import type { GroupsRouteDeps as RouteDeps } from '../route-deps.js';
import { MONITORING_QUESTIONS } from './rules.js';

const QUESTIONS = Object.keys(MONITORING_QUESTIONS) as (keyof typeof MONITORING_QUESTIONS)[];

const T = 'modules/groups/diversity/views';
const { signedIn, balance } = routeAccess;

export function registerDiversityRoutes({ app, services, renderPage }: RouteDeps): void {
  const { memberRecords } = services;

  registerFormPage(app, paths.diversity, signedIn, {
    // First shown with the answers saved; after a refusal, with those posted.
    show: formShow(renderPage, `${T}/diversity.njk`, async (request, values, errors) => {
      const saved = await memberRecords.ownDiversityAnswers(request.principal);
      const current = ((errors ? values : null) ?? saved ?? {}) as Record<string, string | null>;
      const t = request.t;
      const crumbs = groupsCrumbs(t);
      return {
        title: t('groups:diversity.form.title'),
        breadcrumbs: [crumbs.home, { text: t('groups:common.yourGroups'), href: paths.myGroups }],
        questions: QUESTIONS.map((name) => ({
          name,
          legend: t(`groups:diversity.form.question.${name}`),
          value: current[name] ?? undefined,
          items: [
            ...MONITORING_QUESTIONS[name]
              .filter((v) => v !== 'prefer_not')
              .map((v) => ({ value: v, text: t(`groups:answer.${name}.${v}`) })),
            { divider: t('groups:diversity.form.or') },
            { value: 'prefer_not', text: t('groups:diversity.form.preferNot') },
          ],
        })),
        answered: saved !== null,
        paths,
      };
    }),
    async submit(request, reply) {
      await memberRecords.saveOwnDiversityAnswers(
        request.principal,
        formValues(request.body),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.myGroups,
        request.t(
          formValues(request.body).erase === 'yes'
            ? 'groups:diversity.form.deleted'
            : 'groups:diversity.form.saved',
        ),
      );
    },
  });

  app.get(paths.balance.pattern, balance, async (request, reply) => {
    const result = await memberRecords.membershipBalance(
      request.principal,
      (request.params as { groupId: string }).groupId,
    );
    return renderPage(request, reply, `${T}/balance.njk`, {
      title: request.t('groups:diversity.balance.title', { name: result.group.name }),
      breadcrumbs: groupCrumbs(request.t, result.group),
      ...result,
    });
  });
}
