/** IAG-21: a group's elections of the chair, and recording one with its result. */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { routeAccess } from '../access.js';
import { groupPaths as paths } from '../paths.js';
import { groupCrumb, groupsCrumb, home } from '../register/presenter.js';
import type { GroupsRouteDeps as RouteDeps } from '../route-deps.js';
import { checkedValues } from '../validation.js';

const T = 'modules/groups/elections/views';
const { signedIn, manage } = routeAccess;

type Values = Record<string, string | string[]>;

export function registerElectionRoutes({ app, services, renderPage }: RouteDeps): void {
  const { groups } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;

  app.get(paths.elections.pattern, signedIn, async (request, reply) => {
    const history = await groups.electionHistory(request.principal, params(request).groupId!);
    return renderPage(request, reply, `${T}/elections.njk`, {
      title: `Elections of the chair: ${history.group.name}`,
      breadcrumbs: [home, groupsCrumb, groupCrumb(history.group)],
      ...history,
      canManage: can(request.principal, 'groups.manage'),
      paths,
    });
  });

  registerFormPage(app, paths.newElection.pattern, manage, {
    async show(request, reply, given, errors, status = 200) {
      // The candidates and those elected are checkboxes: several values each.
      const values = given as Values;
      const form = await groups.electionForm(request.principal, params(request).groupId!);
      return renderPage(
        request,
        reply,
        `${T}/election-form.njk`,
        {
          title: `Record an election: ${form.group.name}`,
          breadcrumbs: [home, groupsCrumb, groupCrumb(form.group)],
          ...form,
          candidateItems: form.members.map((m) => ({
            value: m.personId,
            text: m.police ? `${m.name} (police employee)` : m.name,
            checked: checkedValues(values.candidates).includes(m.personId),
          })),
          electedItems: form.members.map((m) => ({
            value: m.personId,
            text: m.police ? `${m.name} (police employee)` : m.name,
            checked: checkedValues(values.elected).includes(m.personId),
          })),
          values: { agreedByChairs: form.chairNames.join(', '), ...values },
          errors,
          paths,
        },
        status,
      );
    },
    async submit(request, reply) {
      const { groupId } = params(request) as { groupId: string };
      const body = (request.body ?? {}) as Values;
      await groups.recordElection(request.principal, groupId, body, request.id);
      return redirectWithFlash(
        reply,
        paths.group(groupId),
        'The election and its result have been recorded',
      );
    },
  });
}
