/**
 * A member's records: declarations of interests, clearances (IAG-29), access exemptions and
 * commendations, each a form about one member; and the clearances expiring soon.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import type { Access } from '../../../platform/http/types.js';
import { formValues, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { routeAccess } from '../access.js';
import { groupPaths as paths } from '../paths.js';
import { groupsCrumb, home } from '../register/presenter.js';
import type { GroupsRouteDeps as RouteDeps } from '../route-deps.js';
import { CLEARANCE_LABELS, CLEARANCE_ORDER } from '../rules.js';
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
    title: (name: string) => string;
    defaults?: () => Values | Promise<Values>;
    extra?: (groupId: string) => Promise<Record<string, unknown>>;
    save: (request: FastifyRequest, groupId: string, membershipId: string) => Promise<unknown>;
    done: string;
  }) {
    registerFormPage(app, options.path.pattern, options.access, {
      async show(request, reply, values, errors, status = 200) {
        const { groupId, membershipId } = memberOf(request);
        const group = await groups.findGroup(services.db, groupId);
        const records = await memberRecords.records(request.principal, groupId, membershipId);
        const person = (await directory.lookups.people(services.db, [records.personId])).get(
          records.personId,
        );
        const name = person?.fullName ?? 'Member';
        return renderPage(
          request,
          reply,
          `${T}/${options.template}`,
          {
            title: options.title(name),
            breadcrumbs: can(request.principal, 'group.view', { type: 'group', id: groupId })
              ? [home, groupsCrumb, { text: name, href: paths.membership(groupId, membershipId) }]
              : [home, { text: 'Your advisory groups', href: paths.myGroups }],
            group,
            name,
            membershipId,
            action: options.path(groupId, membershipId),
            values: { ...(await options.defaults?.()), ...(values as Values) },
            errors,
            ...(await options.extra?.(groupId)),
          },
          status,
        );
      },
      async submit(request, reply) {
        const { groupId, membershipId } = memberOf(request);
        await options.save(request, groupId, membershipId);
        const back = can(request.principal, 'group.view', { type: 'group', id: groupId })
          ? paths.membership(groupId, membershipId)
          : paths.myGroups;
        return redirectWithFlash(reply, back, options.done);
      },
    });
  }

  memberForm({
    path: paths.declare,
    access: signedIn,
    template: 'declaration-form.njk',
    title: () => 'Declaration of interests',
    save: (request, groupId, membershipId) =>
      memberRecords.declare(
        request.principal,
        groupId,
        membershipId,
        body(request) as Record<string, string>,
        request.id,
      ),
    done: 'The declaration has been recorded',
  });

  memberForm({
    path: paths.addClearance,
    access: manage,
    template: 'clearance-form.njk',
    title: (name) => `Record a clearance for ${name}`,
    extra: async () => ({
      levelItems: CLEARANCE_ORDER.map((l) => ({ value: l, text: CLEARANCE_LABELS[l] })),
      directorateItems: [
        { value: '', text: 'Select the directorate' },
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
    done: 'The clearance has been recorded',
  });

  memberForm({
    path: paths.addExemption,
    access: manage,
    template: 'exemption-form.njk',
    title: (name) => `Record an access exemption for ${name}`,
    defaults: () => dateParts('approvedOn', groups.today()),
    save: (request, groupId, membershipId) =>
      memberRecords.addExemption(
        request.principal,
        groupId,
        membershipId,
        formValues(request.body),
        request.id,
      ),
    done: 'The access exemption has been recorded',
  });

  memberForm({
    path: paths.commend,
    access: manage,
    template: 'commendation-form.njk',
    title: (name) => `Recognise ${name}`,
    defaults: () => dateParts('awardedOn', groups.today()),
    extra: async (groupId) => ({
      consultedItems: [
        { value: '', text: 'Select who was consulted' },
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
    done: 'The recognition has been recorded',
  });

  // Clearances expiring (IAG-29)

  app.get(paths.expiringClearances, manage, async (request, reply) => {
    const expiring = await memberRecords.expiringClearances(request.principal);
    return renderPage(request, reply, `${T}/expiring-clearances.njk`, {
      title: 'Clearances expiring in the next 90 days',
      breadcrumbs: [home, groupsCrumb],
      expiring,
      levels: CLEARANCE_LABELS,
      paths,
    });
  });
}
