/** IAG-21: a group's elections of the chair, and recording one with its result. */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { routeAccess } from '../access.js';
import { groupPaths as paths } from '../paths.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { groupCrumbs } from '../register/presenter.js';
import type { GroupsRouteDeps as RouteDeps } from '../route-deps.js';
import { checkedValues } from '../validation.js';

const T = 'modules/groups/elections/views';
const { signedIn, manage } = routeAccess;

type Values = Record<string, string | string[]>;

/** The group's members as checkboxes, a police employee said to be one. */
function memberItems(
  t: Translate,
  members: readonly { personId: string; name: string; police: boolean }[],
  checked: string | string[] | undefined,
) {
  return members.map((m) => ({
    value: m.personId,
    text: m.police ? t('groups:elections.form.police', { name: m.name }) : m.name,
    checked: checkedValues(checked).includes(m.personId),
  }));
}

export function registerElectionRoutes({ app, services, renderPage }: RouteDeps): void {
  const { groups } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;

  app.get(paths.elections.pattern, signedIn, async (request, reply) => {
    const history = await groups.electionHistory(request.principal, params(request).groupId!);
    return renderPage(request, reply, `${T}/elections.njk`, {
      title: request.t('groups:elections.list.title', { name: history.group.name }),
      breadcrumbs: groupCrumbs(request.t, history.group),
      ...history,
      canManage: can(request.principal, 'groups.manage'),
      paths,
    });
  });

  registerFormPage(app, paths.newElection.pattern, manage, {
    show: formShow(renderPage, `${T}/election-form.njk`, async (request, given) => {
      // The candidates and those elected are checkboxes: several values each.
      const values = given as Values;
      const form = await groups.electionForm(request.principal, params(request).groupId!);
      return {
        title: request.t('groups:elections.form.title', { name: form.group.name }),
        breadcrumbs: groupCrumbs(request.t, form.group),
        ...form,
        candidateItems: memberItems(request.t, form.members, values.candidates),
        electedItems: memberItems(request.t, form.members, values.elected),
        values: { agreedByChairs: form.chairNames.join(', '), ...values },
        paths,
      };
    }),
    async submit(request, reply) {
      const { groupId } = params(request) as { groupId: string };
      const body = (request.body ?? {}) as Values;
      await groups.recordElection(request.principal, groupId, body, request.id);
      return redirectWithFlash(
        reply,
        paths.group(groupId),
        request.t('groups:elections.form.done'),
      );
    },
  });
}
