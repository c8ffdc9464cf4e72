/**
 * A member's records: declarations of interests, clearances (IAG-29), access exemptions and
 * commendations, each a form about one member; and the clearances expiring soon.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import type { Access } from '../../../platform/http/types.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  formValues,
  formShow,
  redirectWithFlash,
  registerFormPage,
} from '../../../platform/http/render.js';
import { routeAccess } from '../access.js';
import { groupPaths as paths } from '../paths.js';
import { groupsCrumbs } from '../register/presenter.js';
import type { GroupsRouteDeps as RouteDeps } from '../route-deps.js';
import { CLEARANCE_ORDER } from '../rules.js';
import { dateParts } from '../validation.js';

const T = 'modules/groups/member-records/views';
const { signedIn, manage } = routeAccess;

type Values = Record<string, string | string[]>;

/** A member's form's address: its pattern, and its link for a group's membership. */
type MemberFormPath = ((groupId: string, membershipId: string) => string) & { pattern: string };

export function registerMemberRecordRoutes({ app, services, renderPage }: RouteDeps): void {
  const { groups, memberRecords, directory } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const memberOf = (request: FastifyRequest) =>
    params(request) as { groupId: string; membershipId: string };

  /**
   * A form about one member: shown with the member's name and group, posted to the service,
   * then back to the membership page (or the member's own page) with a message.
   */
  function memberForm(options: {
    path: MemberFormPath;
    access: { config: { access: Access } };
    template: string;
    /** The page's title, for the member named. */
    title: (t: Translate, name: string) => string;
    defaults?: () => Values | Promise<Values>;
    extra?: (request: FastifyRequest, groupId: string) => Promise<Record<string, unknown>>;
    save: (request: FastifyRequest, groupId: string, membershipId: string) => Promise<unknown>;
    /** The key of the message shown once it is saved. */
    done: string;
  }) {
    registerFormPage(app, options.path.pattern, options.access, {
      show: formShow(renderPage, `${T}/${options.template}`, async (request, values) => {
        const { groupId, membershipId } = memberOf(request);
        const group = await groups.findGroup(services.db, groupId);
        const records = await memberRecords.records(request.principal, groupId, membershipId);
        const person = (await directory.lookups.people(services.db, [records.personId])).get(
          records.personId,
        );
        const name = person?.fullName ?? request.t('groups:memberRecords.member');
        const crumbs = groupsCrumbs(request.t);
        return {
          title: options.title(request.t, name),
          breadcrumbs: can(request.principal, 'group.view', { type: 'group', id: groupId })
            ? [
                crumbs.home,
                crumbs.groups,
                { text: name, href: paths.membership(groupId, membershipId) },
              ]
            : [
                crumbs.home,
                { text: request.t('groups:memberRecords.myGroups'), href: paths.myGroups },
              ],
          group,
          name,
          membershipId,
          action: options.path(groupId, membershipId),
          values: { ...(await options.defaults?.()), ...(values as Values) },
          ...(await options.extra?.(request, groupId)),
        };
      }),
      async submit(request, reply) {
        const { groupId, membershipId } = memberOf(request);
        await options.save(request, groupId, membershipId);
        const back = can(request.principal, 'group.view', { type: 'group', id: groupId })
          ? paths.membership(groupId, membershipId)
          : paths.myGroups;
        return redirectWithFlash(reply, back, request.t(options.done));
      },
    });
  }

  memberForm({
    path: paths.declare,
    access: signedIn,
    template: 'declaration-form.njk',
    title: (t) => t('groups:memberRecords.declaration.title'),
    save: (request, groupId, membershipId) =>
      memberRecords.declare(
        request.principal,
        groupId,
        membershipId,
        body(request) as Record<string, string>,
        request.id,
      ),
    done: 'groups:memberRecords.declaration.done',
  });

  memberForm({
    path: paths.addClearance,
    access: manage,
    template: 'clearance-form.njk',
    title: (t, name) => t('groups:memberRecords.clearance.title', { name }),
    extra: async (request) => ({
      levelItems: CLEARANCE_ORDER.map((l) => ({
        value: l,
        text: request.t(`groups:clearance.${l}`),
      })),
      directorateItems: [
        { value: '', text: request.t('groups:memberRecords.clearance.selectDirectorate') },
        ...(await directory.organisations.options(['directorate'])).map((o) => ({
          value: o.id,
          text: o.name,
        })),
      ],
    }),
    save: (request, groupId, membershipId) =>
      memberRecords.addClearance(
        request.principal,
        groupId,
        membershipId,
        formValues(request.body),
        request.id,
      ),
    done: 'groups:memberRecords.clearance.done',
  });

  memberForm({
    path: paths.addExemption,
    access: manage,
    template: 'exemption-form.njk',
    title: (t, name) => t('groups:memberRecords.exemption.title', { name }),
    defaults: () => dateParts('approvedOn', groups.today()),
    save: (request, groupId, membershipId) =>
      memberRecords.addExemption(
        request.principal,
        groupId,
        membershipId,
        formValues(request.body),
        request.id,
      ),
    done: 'groups:memberRecords.exemption.done',
  });

  memberForm({
    path: paths.commend,
    access: manage,
    template: 'commendation-form.njk',
    title: (t, name) => t('groups:memberRecords.commendation.title', { name }),
    defaults: () => dateParts('awardedOn', groups.today()),
    extra: async (request, groupId) => ({
      consultedItems: [
        { value: '', text: request.t('groups:memberRecords.commendation.selectConsulted') },
        ...(await groups.currentMemberOptions(services.db, groupId)).map((m) => ({
          value: m.personId,
          text: m.name,
        })),
      ],
    }),
    save: (request, groupId, membershipId) =>
      memberRecords.commend(
        request.principal,
        groupId,
        membershipId,
        formValues(request.body),
        request.id,
      ),
    done: 'groups:memberRecords.commendation.done',
  });

  // Clearances expiring (IAG-29)

  app.get(paths.expiringClearances, manage, async (request, reply) => {
    const expiring = await memberRecords.expiringClearances(request.principal);
    return renderPage(request, reply, `${T}/expiring-clearances.njk`, {
      title: request.t('groups:memberRecords.expiring.title'),
      breadcrumbs: [groupsCrumbs(request.t).home, groupsCrumbs(request.t).groups],
      expiring,
      paths,
    });
  });
}
