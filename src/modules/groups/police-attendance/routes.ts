/** IAG-33: naming the police employees who attend a group, and ending their attendance. */
import type { FastifyRequest } from 'fastify';
import { formShow, registerFormPage } from '../../../platform/http/render.js';
import { personPickerItems } from '../../directory/index.js';
import { routeAccess } from '../access.js';
import { groupPaths as paths } from '../paths.js';
import { groupCrumbs, saveForGroup } from '../register/presenter.js';
import type { GroupsRouteDeps as RouteDeps } from '../route-deps.js';
import { POLICE_RANKS } from './rules.js';

const T = 'modules/groups/police-attendance/views';
const { manage } = routeAccess;

type Values = Record<string, string | string[]>;

export function registerPoliceAttendanceRoutes({ app, services, renderPage }: RouteDeps): void {
  const { groups, memberRecords, directory } = services;
  const groupIdOf = (request: FastifyRequest) => (request.params as { groupId: string }).groupId;

  registerFormPage(app, paths.policeAttendance.pattern, manage, {
    show: formShow(renderPage, `${T}/police-attendance.njk`, async (request, given) => {
      const values = given as Values;
      const groupId = groupIdOf(request);
      const group = await groups.findGroup(services.db, groupId);
      const current = await memberRecords.policeAttendance(request.principal, groupId);
      const q =
        typeof values.q === 'string' ? values.q : (request.query as Record<string, string>).q;
      const people = await personPickerItems(
        directory,
        request.principal,
        q,
        values.personId as string | undefined,
      );
      return {
        title: request.t('groups:policeAttendance.title', { name: group.name }),
        breadcrumbs: groupCrumbs(request.t, group),
        group,
        current,
        q,
        people,
        rankItems: [
          { value: '', text: request.t('groups:policeAttendance.selectRank') },
          ...POLICE_RANKS.map((r) => ({ value: r, text: r, selected: r === values.rank })),
        ],
        values,
        paths,
      };
    }),
    submit: saveForGroup(memberRecords.setPoliceAttendee, (groupId, _saved, request) => ({
      to: paths.group(groupId),
      message: request.t('groups:policeAttendance.updated'),
    })),
  });
}
