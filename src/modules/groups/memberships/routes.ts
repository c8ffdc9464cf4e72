/**
 * Memberships (IAG-18): a group's members past and present, appointing and importing members,
 * a membership's page, ending it, second terms and their agreement, and a person's own groups.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordHistoryHref } from '../../../platform/audit/links.js';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import { ForbiddenError, type FieldError } from '../../../platform/errors.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { isUuid } from '../../../platform/http/params.js';
import {
  field,
  formValues,
  formShow,
  redirectWithFlash,
  registerFormPage,
  type FormShow,
} from '../../../platform/http/render.js';
import { routeAccess } from '../access.js';
import { groupPaths as paths } from '../paths.js';
import { groupCrumbs, groupsCrumbs, personPicker, saveForGroup } from '../register/presenter.js';
import type { GroupsRouteDeps as RouteDeps } from '../route-deps.js';
import { dateParts } from '../validation.js';
import { formatDate } from '../../../platform/i18n/dates.js';

const T = 'modules/groups/memberships/views';
const { signedIn, manage } = routeAccess;

export function registerMembershipRoutes({ app, services, renderPage, config }: RouteDeps): void {
  const { groups, directory } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;

  app.get(paths.members.pattern, signedIn, async (request, reply) => {
    const { groupId } = params(request) as { groupId: string };
    const page = pageRequest((request.query as Record<string, unknown>).page, 50);
    const result = await groups.memberHistory(request.principal, groupId, page);
    return renderPage(request, reply, `${T}/members.njk`, {
      title: request.t('groups:memberships.members.title', { name: result.group.name }),
      width: 'full',
      breadcrumbs: groupCrumbs(request.t, result.group),
      result,
      paths,
      pagination: paginationFor(paths.members(groupId), {}, page.page, page.limit, result.total),
    });
  });

  registerFormPage(app, paths.appoint.pattern, manage, {
    show: formShow(renderPage, `${T}/appoint.njk`, async (request, given) => {
      const values = formValues(given);
      const { groupId } = params(request) as { groupId: string };
      const detail = await groups.get(request.principal, groupId);
      return {
        title: request.t('groups:memberships.appoint.title', { name: detail.group.name }),
        breadcrumbs: groupCrumbs(request.t, detail.group),
        group: detail.group,
        ...(await personPicker(directory, request, values)),
        values: { ...dateParts('startsOn', groups.today()), ...values },
        paths,
      };
    }),
    submit: saveForGroup(groups.appoint, (groupId, membership, request) => ({
      to: paths.group(groupId),
      message: request.t('groups:memberships.appoint.done', {
        endsOn: formatDate(request.t, membership.endsOn),
      }),
    })),
  });

  registerFormPage(app, paths.importMembers.pattern, manage, {
    show: formShow(renderPage, `${T}/import-members.njk`, async (request, values, errors) => {
      const detail = await groups.get(request.principal, params(request).groupId!);
      return {
        title: request.t('groups:memberships.import.title', { name: detail.group.name }),
        breadcrumbs: groupCrumbs(request.t, detail.group),
        group: detail.group,
        rulesAgreedOn: config.groups.rulesAgreedOn,
        // Every bad line is listed beside the field as well as in the summary.
        csvMessages: (errors ?? []).filter((e) => e.field === 'csv').map((e) => e.message),
        values: formValues(values),
        paths,
      };
    }),
    async submit(request, reply) {
      const { groupId } = params(request) as { groupId: string };
      const result = await groups.importMembers(
        request.principal,
        groupId,
        field(request.body, 'csv'),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.members(groupId),
        request.t('groups:memberships.import.done', { ...result, count: result.imported }) +
          (result.awaitingAgreement
            ? request.t('groups:memberships.import.awaiting', { count: result.awaitingAgreement })
            : ''),
      );
    },
  });

  /** A membership's page: with its records for those who may see them. */
  const showMembership = async (
    request: FastifyRequest,
    reply: FastifyReply,
    groupId: string,
    membershipId: string,
    errors?: FieldError[],
    status = 200,
  ) => {
    const detail = await groups.membership(request.principal, groupId, membershipId);
    const name = detail.person?.fullName ?? request.t('groups:memberships.membership.member');
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
        title: request.t('groups:memberships.membership.title', { name, group: detail.group.name }),
        breadcrumbs: groupCrumbs(request.t, detail.group),
        ...detail,
        name,
        records,
        historyHref: recordHistoryHref(request.principal, 'membership', membershipId),
        errors,
        values: formValues(request.body),
        paths,
      },
      status,
    );
  };
  const membershipOf = (request: FastifyRequest) =>
    params(request) as { groupId: string; membershipId: string };

  app.get(paths.membership.pattern, signedIn, async (request, reply) => {
    const { groupId, membershipId } = membershipOf(request);
    return showMembership(request, reply, groupId, membershipId);
  });

  registerFormPage(app, paths.endMembership.pattern, manage, {
    show: formShow(renderPage, `${T}/end-membership.njk`, async (request, values) => {
      const { groupId, membershipId } = membershipOf(request);
      const detail = await groups.membership(request.principal, groupId, membershipId);
      return {
        title: request.t('groups:memberships.end.title', {
          name: detail.person?.fullName ?? request.t('groups:memberships.end.thisMember'),
        }),
        breadcrumbs: groupCrumbs(request.t, detail.group),
        ...detail,
        values: { ...dateParts('leftOn', groups.today()), ...formValues(values) },
        paths,
      };
    }),
    async submit(request, reply) {
      const { groupId, membershipId } = membershipOf(request);
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
        request.t('groups:memberships.end.done'),
      );
    },
  });

  // Second terms (IAG-18)

  registerFormPage(app, paths.proposeSecondTerm.pattern, manage, {
    shownElsewhere: true,
    async show(request, reply, _values, errors, status) {
      const { groupId, membershipId } = membershipOf(request);
      return showMembership(request, reply, groupId, membershipId, errors, status);
    },
    async submit(request, reply) {
      const { groupId, membershipId } = membershipOf(request);
      await groups.proposeSecondTerm(request.principal, groupId, membershipId, request.id);
      return redirectWithFlash(
        reply,
        paths.membership(groupId, membershipId),
        request.t('groups:memberships.secondTerms.proposed'),
      );
    },
  });

  const showSecondTerms = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    status = 200,
  ) => {
    const pending = await groups.pendingAgreements(request.principal);
    const principal = request.principal;
    const crumbs = groupsCrumbs(request.t);
    return renderPage(
      request,
      reply,
      `${T}/second-terms.njk`,
      {
        title: request.t('groups:register.list.secondTerms'),
        breadcrumbs: [crumbs.home, ...(can(principal, 'groups.view') ? [crumbs.groups] : [])],
        pending,
        errors,
        paths,
      },
      status,
    );
  };

  app.get(paths.secondTerms, signedIn, async (request, reply) => showSecondTerms(request, reply));

  /**
   * An agreement is posted from the membership page (which says which) or from the list of
   * second terms: a refusal shows that page again.
   */
  const postedFrom = (request: FastifyRequest) => {
    const posted = field(request.body, 'membershipId');
    return isUuid(posted) ? posted : '';
  };
  const agreementRefused: FormShow = async (request, reply, _values, errors, status) => {
    const membershipId = postedFrom(request);
    return membershipId
      ? showMembership(request, reply, params(request).groupId!, membershipId, errors, status)
      : showSecondTerms(request, reply, errors, status);
  };

  registerFormPage(app, paths.agreeSecondTerm.pattern, signedIn, {
    shownElsewhere: true,
    show: agreementRefused,
    async submit(request, reply) {
      const { groupId, reappointmentId } = params(request) as {
        groupId: string;
        reappointmentId: string;
      };
      const membershipId = postedFrom(request);
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
        request.t(
          result.agreed
            ? 'groups:memberships.secondTerms.agreed'
            : 'groups:memberships.secondTerms.oneAgreement',
        ),
      );
    },
  });

  registerFormPage(app, paths.declineSecondTerm.pattern, signedIn, {
    shownElsewhere: true,
    show: agreementRefused,
    async submit(request, reply) {
      const { groupId, reappointmentId } = params(request) as {
        groupId: string;
        reappointmentId: string;
      };
      const membershipId = postedFrom(request);
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
        request.t('groups:memberships.secondTerms.declined'),
      );
    },
  });

  app.get(paths.myGroups, signedIn, async (request, reply) => {
    const own = await groups.myMemberships(request.principal);
    return renderPage(request, reply, `${T}/my-groups.njk`, {
      title: request.t('groups:common.yourGroups'),
      breadcrumbs: [groupsCrumbs(request.t).home],
      memberships: own,
      today: groups.today(),
      paths,
    });
  });
}
