import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GroupsRouteDeps as RouteDeps } from './route-deps.js';
import { recordHistoryHref } from '../../platform/audit/links.js';
import { can } from '../../platform/auth/permissions.js';
import { formatDate } from '../../platform/calendar/index.js';
import { pageRequest } from '../../platform/db/search.js';
import { isUuid } from '../../platform/http/params.js';
import { ForbiddenError, type FieldError } from '../../platform/errors.js';
import { paginationFor, queryString } from '../../platform/http/pagination.js';
import {
  field,
  formValues,
  redirectWithFlash,
  withFormErrors,
} from '../../platform/http/render.js';
import { personPickerItems } from '../directory/index.js';
import { publicMeetingLinks } from '../meetings/index.js';
import {
  ANNUAL_CONFERENCE_ID,
  DIRECTOR_CHAIRS_ID,
  annualConferenceMeetingsPath,
  directorChairsMeetingsPath,
} from './meeting-body.js';
import { groupPageHref } from './links.js';
import { groupPaths as paths } from './paths.js';
import {
  CLEARANCE_LABELS,
  GROUP_STATUS_LABELS,
  GROUP_STATUSES,
  GROUP_TYPE_LABELS,
  GROUP_TYPES,
  isIndependentType,
  MEETING_INTERVAL_LABELS,
  MEETING_INTERVALS,
  namesPoliceAttendance,
  needsDeploymentContact,
  type GroupType,
} from './rules.js';
import type { Group } from './service.js';
import { checkedValues, dateParts } from './validation.js';

const T = 'modules/groups/views';
const signedIn = { config: { access: 'signed-in' as const } };
const view = { config: { access: { action: 'groups.view' as const } } };
const register = { config: { access: { action: 'groups.register' as const } } };
const manage = { config: { access: { action: 'groups.manage' as const } } };
const publicPage = { config: { access: 'public' as const } };

const home = { text: 'Home', href: '/' };
const groupsCrumb = { text: 'Advisory groups', href: paths.list };
const groupCrumb = (g: { id: string; name: string }) => ({ text: g.name, href: paths.group(g.id) });

const MEMBERSHIP_STATUS_LABELS: Record<string, string> = {
  current: 'Current',
  ended: 'Term ended',
  withdrawn: 'Withdrawn',
  resigned: 'Resigned',
};

const labels = {
  types: GROUP_TYPE_LABELS,
  statuses: GROUP_STATUS_LABELS,
  intervals: MEETING_INTERVAL_LABELS,
  membership: MEMBERSHIP_STATUS_LABELS,
};

function typeOf(value: string | undefined): GroupType | undefined {
  return value && (GROUP_TYPES as readonly string[]).includes(value)
    ? (value as GroupType)
    : undefined;
}

function groupFormValues(g: Group): Record<string, string> {
  return {
    name: g.name,
    type: g.type,
    status: g.status,
    ownerId: g.ownerId ?? '',
    parentGroupId: g.parentGroupId ?? '',
    purpose: g.purpose,
    focus: g.focus ?? '',
    meetingIntervalMonths: String(g.meetingIntervalMonths),
    minAge: g.minAge === null ? '' : String(g.minAge),
    maxAge: g.maxAge === null ? '' : String(g.maxAge),
    version: String(g.version),
  };
}

export function registerGroupRoutes({ app, services, renderPage, config }: RouteDeps): void {
  const { groups, directory } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;

  const typeItems = (selected: string | undefined, blank: string) => [
    { value: '', text: blank },
    ...GROUP_TYPES.map((t) => ({ value: t, text: GROUP_TYPE_LABELS[t], selected: t === selected })),
  ];

  // The register

  app.get(paths.list, view, async (request, reply) => {
    const q = queryString(request.query, 'q');
    const type = typeOf(queryString(request.query, 'type'));
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await groups.list(request.principal, {
      q,
      type,
      limit: page.limit,
      offset: page.offset,
    });
    const [directorChairsNotices, conferenceNotices] = await Promise.all([
      services.meetings.bodyNotices('director_chairs', DIRECTOR_CHAIRS_ID),
      services.meetings.bodyNotices('annual_conference', ANNUAL_CONFERENCE_ID),
    ]);
    return renderPage(request, reply, `${T}/list.njk`, {
      title: 'Register of advisory groups',
      directorChairs: { href: directorChairsMeetingsPath, notices: directorChairsNotices },
      conference: { href: annualConferenceMeetingsPath, notices: conferenceNotices },
      width: 'full',
      breadcrumbs: [home],
      q,
      type,
      typeItems: typeItems(type, 'All types'),
      result,
      labels,
      paths,
      canRegister: can(request.principal, 'groups.register'),
      canManage: can(request.principal, 'groups.manage'),
      groupHref: (id: string) => groupPageHref(request.principal, id),
      canSeeSecondTerms:
        can(request.principal, 'groups.manage') ||
        can(request.principal, 'groups.director-agreement') ||
        (request.principal?.kind === 'user' &&
          request.principal.roles.some((g) => g.role === 'chair')),
      pagination: paginationFor(paths.list, { q, type }, page.page, page.limit, result.total),
    });
  });

  const showGroupForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      group?: Group;
      values: Record<string, string>;
      errors?: FieldError[];
      status?: number;
    },
  ) => {
    const [owners, parents] = await Promise.all([
      directory.organisations.options(['directorate', 'borough']),
      groups.parentOptions(),
    ]);
    const v = options.values;
    return renderPage(
      request,
      reply,
      `${T}/group-form.njk`,
      {
        title: options.group ? `Change ${options.group.name}` : 'Register an advisory group',
        breadcrumbs: options.group
          ? [home, groupsCrumb, groupCrumb(options.group)]
          : [home, groupsCrumb],
        action: options.group ? paths.edit(options.group.id) : paths.register,
        values: v,
        errors: options.errors,
        typeItems: GROUP_TYPES.map((t) => ({
          value: t,
          text: GROUP_TYPE_LABELS[t],
          checked: t === v.type,
        })),
        statusItems: GROUP_STATUSES.map((s) => ({
          value: s,
          text: GROUP_STATUS_LABELS[s],
          selected: s === (v.status || 'active'),
        })),
        intervalItems: [
          { value: '', text: 'Select how often' },
          ...MEETING_INTERVALS.map((m) => ({
            value: String(m),
            text: MEETING_INTERVAL_LABELS[m],
            selected: String(m) === v.meetingIntervalMonths,
          })),
        ],
        ownerItems: [
          { value: '', text: 'Select the owner' },
          ...owners
            .filter((o) => o.kind === 'directorate')
            .map((o) => ({
              value: o.id,
              text: `${o.name} (directorate)`,
              selected: o.id === v.ownerId,
            })),
          ...owners
            .filter((o) => o.kind === 'borough')
            .map((o) => ({
              value: o.id,
              text: `${o.name} (borough)`,
              selected: o.id === v.ownerId,
            })),
        ],
        parentItems: [
          { value: '', text: 'Not a sub-group' },
          ...parents
            .filter((p) => p.id !== options.group?.id)
            .map((p) => ({ value: p.id, text: p.name, selected: p.id === v.parentGroupId })),
        ],
      },
      options.status ?? 200,
    );
  };

  app.get(paths.register, register, async (request, reply) =>
    showGroupForm(request, reply, { values: { status: 'active' } }),
  );

  app.post(paths.register, register, async (request, reply) =>
    withFormErrors(
      async () => {
        const created = await groups.create(
          request.principal,
          formValues(request.body),
          request.id,
        );
        return redirectWithFlash(
          reply,
          paths.group(created.id),
          `${created.name} has been registered`,
        );
      },
      (errors, status) =>
        showGroupForm(request, reply, { values: formValues(request.body), errors, status }),
    ),
  );

  const showSecondTerms = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    status = 200,
  ) => {
    const pending = await groups.pendingAgreements(request.principal);
    const principal = request.principal;
    return renderPage(
      request,
      reply,
      `${T}/second-terms.njk`,
      {
        title: 'Second terms awaiting agreement',
        breadcrumbs: [home, ...(can(principal, 'groups.view') ? [groupsCrumb] : [])],
        pending,
        errors,
        paths,
      },
      status,
    );
  };

  app.get(paths.secondTerms, signedIn, async (request, reply) => showSecondTerms(request, reply));

  app.get('/groups/:groupId', signedIn, async (request, reply) => {
    const detail = await groups.get(request.principal, params(request).groupId!);
    const policeAttendance = namesPoliceAttendance(detail.group.type)
      ? await services.memberRecords.policeAttendance(request.principal, detail.group.id)
      : null;
    return renderPage(request, reply, `${T}/group.njk`, {
      policeAttendance,
      canSeeBalance: can(request.principal, 'groups.view-balance'),
      title: detail.group.name,
      width: 'full',
      breadcrumbs: [home, ...(can(request.principal, 'groups.view') ? [groupsCrumb] : [])],
      ...detail,
      independent: isIndependentType(detail.group.type),
      needsDeploymentContact: needsDeploymentContact(detail.group.type),
      groupHref: (id: string) => groupPageHref(request.principal, id),
      historyHref: recordHistoryHref(request.principal, 'group', detail.group.id),
      labels,
      paths,
    });
  });

  app.get('/groups/:groupId/edit', manage, async (request, reply) => {
    const detail = await groups.get(request.principal, params(request).groupId!);
    return showGroupForm(request, reply, {
      group: detail.group,
      values: groupFormValues(detail.group),
    });
  });

  app.post('/groups/:groupId/edit', manage, async (request, reply) => {
    const { groupId } = params(request) as { groupId: string };
    return withFormErrors(
      async () => {
        const updated = await groups.update(
          request.principal,
          groupId,
          formValues(request.body),
          request.id,
        );
        return redirectWithFlash(reply, paths.group(groupId), `${updated.name} has been updated`);
      },
      async (errors, status) => {
        const detail = await groups.get(request.principal, groupId);
        return showGroupForm(request, reply, {
          group: detail.group,
          values: formValues(request.body),
          errors,
          status,
        });
      },
    );
  });

  // Terms of reference

  app.get('/groups/:groupId/terms-of-reference', signedIn, async (request, reply) => {
    const { group, versions } = await groups.termsOfReference(
      request.principal,
      params(request).groupId!,
    );
    return renderPage(request, reply, `${T}/terms-of-reference.njk`, {
      title: `Terms of reference: ${group.name}`,
      breadcrumbs: [home, groupsCrumb, groupCrumb(group)],
      group,
      versions,
      canManage: can(request.principal, 'groups.manage'),
      paths,
    });
  });

  const showTermsForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors?: FieldError[],
    status = 200,
  ) => {
    const { group, versions } = await groups.termsOfReference(
      request.principal,
      params(request).groupId!,
    );
    return renderPage(
      request,
      reply,
      `${T}/terms-of-reference-form.njk`,
      {
        title: 'New version of the terms of reference',
        breadcrumbs: [home, groupsCrumb, groupCrumb(group)],
        group,
        latest: versions[0] ?? null,
        values: { body: versions[0]?.body ?? '', ...values },
        errors,
        action: paths.newTermsOfReference(group.id),
      },
      status,
    );
  };

  app.get('/groups/:groupId/terms-of-reference/new', manage, async (request, reply) =>
    showTermsForm(request, reply, {}),
  );

  app.post('/groups/:groupId/terms-of-reference/new', manage, async (request, reply) => {
    const { groupId } = params(request) as { groupId: string };
    return withFormErrors(
      async () => {
        const version = await groups.addTermsOfReference(
          request.principal,
          groupId,
          formValues(request.body),
          request.id,
        );
        return redirectWithFlash(
          reply,
          paths.termsOfReference(groupId),
          `Version ${version.number} of the terms of reference has been saved`,
        );
      },
      (errors, status) => showTermsForm(request, reply, formValues(request.body), errors, status),
    );
  });

  // Members

  app.get('/groups/:groupId/members', signedIn, async (request, reply) => {
    const { groupId } = params(request) as { groupId: string };
    const page = pageRequest((request.query as Record<string, unknown>).page, 50);
    const result = await groups.memberHistory(request.principal, groupId, page);
    return renderPage(request, reply, `${T}/members.njk`, {
      title: `Members, past and present: ${result.group.name}`,
      width: 'full',
      breadcrumbs: [home, groupsCrumb, groupCrumb(result.group)],
      result,
      labels,
      paths,
      pagination: paginationFor(paths.members(groupId), {}, page.page, page.limit, result.total),
    });
  });

  /** A person picker without JavaScript: search the directory, then choose from the matches. */
  const peopleMatching = (request: FastifyRequest, q: string | undefined, selected: string) =>
    personPickerItems(directory, request.principal, q, selected);

  const showAppointForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors?: FieldError[],
    status = 200,
  ) => {
    const { groupId } = params(request) as { groupId: string };
    const detail = await groups.get(request.principal, groupId);
    const q = values.q ?? queryString(request.query, 'q');
    return renderPage(
      request,
      reply,
      `${T}/appoint.njk`,
      {
        title: `Appoint a member to the ${detail.group.name}`,
        breadcrumbs: [home, groupsCrumb, groupCrumb(detail.group)],
        group: detail.group,
        q,
        people: await peopleMatching(request, q, values.personId ?? ''),
        values: { ...dateParts('startsOn', groups.today()), ...values },
        errors,
        paths,
      },
      status,
    );
  };

  app.get('/groups/:groupId/members/new', manage, async (request, reply) =>
    showAppointForm(request, reply, {}),
  );

  app.post('/groups/:groupId/members/new', manage, async (request, reply) => {
    const { groupId } = params(request) as { groupId: string };
    return withFormErrors(
      async () => {
        const membership = await groups.appoint(
          request.principal,
          groupId,
          formValues(request.body),
          request.id,
        );
        return redirectWithFlash(
          reply,
          paths.group(groupId),
          `The appointment has been recorded. The first term ends on ${formatDate(membership.endsOn)}`,
        );
      },
      (errors, status) => showAppointForm(request, reply, formValues(request.body), errors, status),
    );
  });

  const showImportForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors?: FieldError[],
    status = 200,
  ) => {
    const detail = await groups.get(request.principal, params(request).groupId!);
    return renderPage(
      request,
      reply,
      `${T}/import-members.njk`,
      {
        title: `Import existing members of the ${detail.group.name}`,
        breadcrumbs: [home, groupsCrumb, groupCrumb(detail.group)],
        group: detail.group,
        rulesAgreedOn: config.groups.rulesAgreedOn,
        // Every bad line is listed beside the field as well as in the summary.
        csvMessages: (errors ?? []).filter((e) => e.field === 'csv').map((e) => e.message),
        values,
        errors,
        paths,
      },
      status,
    );
  };

  app.get('/groups/:groupId/members/import', manage, async (request, reply) =>
    showImportForm(request, reply, {}),
  );

  app.post('/groups/:groupId/members/import', manage, async (request, reply) => {
    const { groupId } = params(request) as { groupId: string };
    return withFormErrors(
      async () => {
        const result = await groups.importMembers(
          request.principal,
          groupId,
          field(request.body, 'csv'),
          request.id,
        );
        return redirectWithFlash(
          reply,
          paths.members(groupId),
          `Imported ${result.imported} ${result.imported === 1 ? 'member' : 'members'}: ${result.current} current, ${result.ended} whose service has ended, ${result.transitional} kept on for a year under the transition (IAG-19)${result.awaitingAgreement ? `, ${result.awaitingAgreement} whose second term awaits the agreement of the chair and the Director (IAG-18)` : ''}`,
        );
      },
      (errors, status) => showImportForm(request, reply, formValues(request.body), errors, status),
    );
  });

  const showMembership = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    status = 200,
  ) => {
    const { groupId, membershipId } = params(request) as { groupId: string; membershipId: string };
    const detail = await groups.membership(request.principal, groupId, membershipId);
    const name = detail.person?.fullName ?? 'Member';
    // Declarations, vetting and recognition: for the coordination unit and the Director only.
    const records = await services.memberRecords
      .records(request.principal, groupId, membershipId)
      .catch((error: unknown) => {
        if (error instanceof ForbiddenError) return null;
        throw error;
      });
    return renderPage(
      request,
      reply,
      `${T}/membership.njk`,
      {
        title: `${name}: membership of the ${detail.group.name}`,
        breadcrumbs: [home, groupsCrumb, groupCrumb(detail.group)],
        ...detail,
        name,
        records,
        clearanceLabels: CLEARANCE_LABELS,
        historyHref: recordHistoryHref(request.principal, 'membership', membershipId),
        errors,
        values: formValues(request.body),
        labels,
        paths,
      },
      status,
    );
  };

  app.get('/groups/:groupId/members/:membershipId', signedIn, async (request, reply) =>
    showMembership(request, reply),
  );

  const showEndForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors?: FieldError[],
    status = 200,
  ) => {
    const { groupId, membershipId } = params(request) as { groupId: string; membershipId: string };
    const detail = await groups.membership(request.principal, groupId, membershipId);
    return renderPage(
      request,
      reply,
      `${T}/end-membership.njk`,
      {
        title: `End ${detail.person?.fullName ?? 'this member'}’s membership`,
        breadcrumbs: [home, groupsCrumb, groupCrumb(detail.group)],
        ...detail,
        values: { ...dateParts('leftOn', groups.today()), ...values },
        errors,
        paths,
      },
      status,
    );
  };

  app.get('/groups/:groupId/members/:membershipId/end', manage, async (request, reply) =>
    showEndForm(request, reply, {}),
  );

  app.post('/groups/:groupId/members/:membershipId/end', manage, async (request, reply) => {
    const { groupId, membershipId } = params(request) as { groupId: string; membershipId: string };
    return withFormErrors(
      async () => {
        await groups.endMembership(
          request.principal,
          groupId,
          membershipId,
          formValues(request.body),
          request.id,
        );
        return redirectWithFlash(
          reply,
          paths.membership(groupId, membershipId),
          'The membership has ended',
        );
      },
      (errors, status) => showEndForm(request, reply, formValues(request.body), errors, status),
    );
  });

  app.post('/groups/:groupId/members/:membershipId/second-term', manage, async (request, reply) => {
    const { groupId, membershipId } = params(request) as { groupId: string; membershipId: string };
    return withFormErrors(
      async () => {
        await groups.proposeSecondTerm(request.principal, groupId, membershipId, request.id);
        return redirectWithFlash(
          reply,
          paths.membership(groupId, membershipId),
          'The second term has been proposed. It needs the agreement of the chair (or a co-chair) and of the Director',
        );
      },
      (errors, status) => showMembership(request, reply, errors, status),
    );
  });

  /** The membership page an agreement was posted from, to go back to (if it is one). */
  const membershipOfReappointment = async (request: FastifyRequest) => {
    const { groupId } = params(request) as { groupId: string };
    const posted = field(request.body, 'membershipId');
    return { groupId, membershipId: isUuid(posted) ? posted : '' };
  };

  app.post(
    '/groups/:groupId/second-terms/:reappointmentId/agree',
    signedIn,
    async (request, reply) => {
      const { groupId, reappointmentId } = params(request) as {
        groupId: string;
        reappointmentId: string;
      };
      const { membershipId } = await membershipOfReappointment(request);
      return withFormErrors(
        async () => {
          const result = await groups.agreeSecondTerm(
            request.principal,
            groupId,
            reappointmentId,
            field(request.body, 'capacity'),
            request.id,
          );
          const back = membershipId
            ? paths.membership(groupId, result.newMembershipId ?? membershipId)
            : paths.secondTerms;
          return redirectWithFlash(
            reply,
            back,
            result.agreed
              ? 'The second term is agreed and has been recorded'
              : 'Your agreement has been recorded. The second term also needs the other agreement',
          );
        },
        (errors, status) =>
          membershipId
            ? showMembershipFor(request, reply, groupId, membershipId, errors, status)
            : showSecondTerms(request, reply, errors, status),
      );
    },
  );

  app.post(
    '/groups/:groupId/second-terms/:reappointmentId/decline',
    signedIn,
    async (request, reply) => {
      const { groupId, reappointmentId } = params(request) as {
        groupId: string;
        reappointmentId: string;
      };
      const { membershipId } = await membershipOfReappointment(request);
      return withFormErrors(
        async () => {
          await groups.declineSecondTerm(
            request.principal,
            groupId,
            reappointmentId,
            formValues(request.body),
            request.id,
          );
          return redirectWithFlash(
            reply,
            membershipId ? paths.membership(groupId, membershipId) : paths.secondTerms,
            'The second term has not been agreed. The reason has been recorded',
          );
        },
        (errors, status) =>
          membershipId
            ? showMembershipFor(request, reply, groupId, membershipId, errors, status)
            : showSecondTerms(request, reply, errors, status),
      );
    },
  );

  /** The membership page again, for a refusal posted from it. */
  const showMembershipFor = async (
    request: FastifyRequest,
    reply: FastifyReply,
    groupId: string,
    membershipId: string,
    errors: FieldError[],
    status: number,
  ) => {
    (request.params as Record<string, string>).membershipId = membershipId;
    (request.params as Record<string, string>).groupId = groupId;
    return showMembership(request, reply, errors, status);
  };

  // Elections

  app.get('/groups/:groupId/elections', signedIn, async (request, reply) => {
    const history = await groups.electionHistory(request.principal, params(request).groupId!);
    return renderPage(request, reply, `${T}/elections.njk`, {
      title: `Elections of the chair: ${history.group.name}`,
      breadcrumbs: [home, groupsCrumb, groupCrumb(history.group)],
      ...history,
      canManage: can(request.principal, 'groups.manage'),
      paths,
    });
  });

  const showElectionForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string | string[]>,
    errors?: FieldError[],
    status = 200,
  ) => {
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
  };

  app.get('/groups/:groupId/elections/new', manage, async (request, reply) =>
    showElectionForm(request, reply, {}),
  );

  app.post('/groups/:groupId/elections/new', manage, async (request, reply) => {
    const { groupId } = params(request) as { groupId: string };
    const body = (request.body ?? {}) as Record<string, string | string[]>;
    return withFormErrors(
      async () => {
        await groups.recordElection(request.principal, groupId, body, request.id);
        return redirectWithFlash(
          reply,
          paths.group(groupId),
          'The election and its result have been recorded',
        );
      },
      (errors, status) => showElectionForm(request, reply, body, errors, status),
    );
  });

  // Deployment contact (IAG-07)

  const showContactForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors?: FieldError[],
    status = 200,
  ) => {
    const detail = await groups.get(request.principal, params(request).groupId!);
    const q = values.q ?? queryString(request.query, 'q');
    return renderPage(
      request,
      reply,
      `${T}/deployment-contact.njk`,
      {
        title: `Deployment contact for the ${detail.group.name}`,
        breadcrumbs: [home, groupsCrumb, groupCrumb(detail.group)],
        group: detail.group,
        current: detail.deploymentContact,
        q,
        people: await peopleMatching(request, q, values.personId ?? ''),
        values,
        errors,
        paths,
      },
      status,
    );
  };

  app.get('/groups/:groupId/deployment-contact', manage, async (request, reply) =>
    showContactForm(request, reply, {}),
  );

  app.post('/groups/:groupId/deployment-contact', manage, async (request, reply) => {
    const { groupId } = params(request) as { groupId: string };
    return withFormErrors(
      async () => {
        await groups.setDeploymentContact(
          request.principal,
          groupId,
          formValues(request.body),
          request.id,
        );
        return redirectWithFlash(
          reply,
          paths.group(groupId),
          'The deployment contact has been named',
        );
      },
      (errors, status) => showContactForm(request, reply, formValues(request.body), errors, status),
    );
  });

  app.get('/my-groups', signedIn, async (request, reply) => {
    const own = await groups.myMemberships(request.principal);
    return renderPage(request, reply, `${T}/my-groups.njk`, {
      title: 'Your advisory groups',
      breadcrumbs: [home],
      memberships: own,
      today: groups.today(),
      labels,
      paths,
    });
  });

  // Public pages

  app.get(paths.publicList, publicPage, async (request, reply) => {
    const q = queryString(request.query, 'q');
    const type = typeOf(queryString(request.query, 'type'));
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await groups.publicList({ q, type, limit: page.limit, offset: page.offset });
    return renderPage(request, reply, `${T}/public-list.njk`, {
      title: 'Advisory groups',
      breadcrumbs: [home],
      q,
      type,
      typeItems: typeItems(type, 'All types'),
      result,
      labels,
      paths,
      pagination: paginationFor(paths.publicList, { q, type }, page.page, page.limit, result.total),
    });
  });

  app.get('/advisory-groups/:groupId', publicPage, async (request, reply) => {
    const detail = await groups.publicGet(params(request).groupId!);
    const [openRound, meetings] = await Promise.all([
      services.recruitment.openRoundFor(detail.group.id),
      services.publicMeetings.list('advisory_group', detail.group.id),
    ]);
    return renderPage(request, reply, `${T}/public-group.njk`, {
      title: detail.group.name,
      section: 'Advisory groups',
      openRound,
      meetings: publicMeetingLinks(paths.publicList, detail.group.id, meetings),
      breadcrumbs: [home, { text: 'Advisory groups', href: paths.publicList }],
      ...detail,
      independent: isIndependentType(detail.group.type),
      labels,
      paths,
    });
  });
}
