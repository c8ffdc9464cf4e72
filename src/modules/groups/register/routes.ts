/**
 * The register: the list of groups (staff's and the public's), a group's page, registering and
 * changing a group (IAG-01), its terms of reference and its deployment contact (IAG-07).
 */
import type { FastifyRequest } from 'fastify';
import { recordHistoryHref } from '../../../platform/audit/links.js';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import {
  formValues,
  formShow,
  redirectWithFlash,
  registerFormPage,
} from '../../../platform/http/render.js';
import type { FieldError } from '../../../platform/errors.js';
import { publicMeetingLinks } from '../../meetings/index.js';
import { routeAccess, type Group } from '../access.js';
import { groupPageHref } from '../links.js';
import {
  ANNUAL_CONFERENCE_ID,
  DIRECTOR_CHAIRS_ID,
  annualConferenceMeetingsPath,
  directorChairsMeetingsPath,
} from '../meeting-body.js';
import { groupPaths as paths } from '../paths.js';
import type { GroupsRouteDeps as RouteDeps } from '../route-deps.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  GROUP_STATUSES,
  GROUP_TYPES,
  isIndependentType,
  MEETING_INTERVALS,
  needsDeploymentContact,
  type GroupType,
} from '../rules.js';
import { namesPoliceAttendance } from '../police-attendance/rules.js';
import {
  groupCrumbs,
  groupFormValues,
  groupsCrumbs,
  groupTypeItems,
  personPicker,
  saveForGroup,
} from './presenter.js';

/** The owners of one kind, as choices: "Camden (borough)". */
function ownerItems(
  t: Translate,
  owners: readonly { id: string; name: string; kind: string }[],
  kind: 'directorate' | 'borough',
  chosen: string | undefined,
) {
  return owners
    .filter((o) => o.kind === kind)
    .map((o) => ({
      value: o.id,
      text: t(`groups:register.form.owner.${kind}`, { name: o.name }),
      selected: o.id === chosen,
    }));
}

const T = 'modules/groups/register/views';
const { signedIn, view, register, manage, publicListing } = routeAccess;

function typeOf(value: string | undefined): GroupType | undefined {
  return value && (GROUP_TYPES as readonly string[]).includes(value)
    ? (value as GroupType)
    : undefined;
}

/** The list's filter by type. */
const typeItems = (t: Translate, selected: string | undefined) => [
  { value: '', text: t('groups:register.allTypes') },
  ...groupTypeItems(t, (type) => ({ selected: type === selected })),
];

export function registerGroupRoutes({ app, services, renderPage }: RouteDeps): void {
  const { groups, directory } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;

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
      title: request.t('groups:register.list.title'),
      directorChairs: { href: directorChairsMeetingsPath, notices: directorChairsNotices },
      conference: { href: annualConferenceMeetingsPath, notices: conferenceNotices },
      width: 'full',
      breadcrumbs: [groupsCrumbs(request.t).home],
      q,
      type,
      typeItems: typeItems(request.t, type),
      result,
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

  /** The form to register a group, or to change one (`group`). */
  const showGroupForm = async (
    request: FastifyRequest,
    options: {
      group?: Group;
      values: Record<string, string>;
      errors?: FieldError[] | undefined;
    },
  ) => {
    const [owners, parents] = await Promise.all([
      directory.organisations.options(['directorate', 'borough']),
      groups.parentOptions(),
    ]);
    const v = options.values;
    const t = request.t;
    const crumbs = groupsCrumbs(t);
    return {
      title: options.group
        ? t('groups:register.form.changeTitle', { name: options.group.name })
        : t('groups:register.form.registerTitle'),
      breadcrumbs: options.group ? groupCrumbs(t, options.group) : [crumbs.home, crumbs.groups],
      action: options.group ? paths.edit(options.group.id) : paths.register,
      values: v,
      errors: options.errors,
      typeItems: groupTypeItems(t, (type) => ({ checked: type === v.type })),
      statusItems: GROUP_STATUSES.map((s) => ({
        value: s,
        text: t(`groups:groupStatus.${s}`),
        selected: s === (v.status || 'active'),
      })),
      intervalItems: [
        { value: '', text: t('groups:register.form.selectInterval') },
        ...MEETING_INTERVALS.map((m) => ({
          value: String(m),
          text: t(`groups:meetingInterval.${m}`),
          selected: String(m) === v.meetingIntervalMonths,
        })),
      ],
      ownerItems: [
        { value: '', text: t('groups:register.form.selectOwner') },
        ...ownerItems(t, owners, 'directorate', v.ownerId),
        ...ownerItems(t, owners, 'borough', v.ownerId),
      ],
      parentItems: [
        { value: '', text: t('groups:register.form.notSubGroup') },
        ...parents
          .filter((p) => p.id !== options.group?.id)
          .map((p) => ({ value: p.id, text: p.name, selected: p.id === v.parentGroupId })),
      ],
    };
  };

  registerFormPage(app, paths.register, register, {
    initial: () => ({ status: 'active' }),
    show: formShow(renderPage, `${T}/group-form.njk`, async (request, values, errors) =>
      showGroupForm(request, { values: formValues(values), errors }),
    ),
    async submit(request, reply) {
      const created = await groups.create(request.principal, formValues(request.body), request.id);
      return redirectWithFlash(
        reply,
        paths.group(created.id),
        request.t('groups:register.form.registered', { name: created.name }),
      );
    },
  });

  app.get(paths.group.pattern, signedIn, async (request, reply) => {
    const detail = await groups.get(request.principal, params(request).groupId!);
    const crumbs = groupsCrumbs(request.t);
    const [policeAttendance, recordNotes] = await Promise.all([
      namesPoliceAttendance(detail.group.type)
        ? services.memberRecords.policeAttendance(request.principal, detail.group.id)
        : null,
      // What other modules say of the group (the FOI requests concerning it), for this person.
      services.recordNotes.of(request.principal, { type: 'group', id: detail.group.id }, request.t),
    ]);
    return renderPage(request, reply, `${T}/group.njk`, {
      policeAttendance,
      recordNotes,
      canSeeBalance: can(request.principal, 'groups.view-balance'),
      title: detail.group.name,
      width: 'full',
      breadcrumbs: [crumbs.home, ...(can(request.principal, 'groups.view') ? [crumbs.groups] : [])],
      ...detail,
      independent: isIndependentType(detail.group.type),
      needsDeploymentContact: needsDeploymentContact(detail.group.type),
      groupHref: (id: string) => groupPageHref(request.principal, id),
      historyHref: recordHistoryHref(request.principal, 'group', detail.group.id),
      paths,
    });
  });

  registerFormPage(app, paths.edit.pattern, manage, {
    show: formShow(renderPage, `${T}/group-form.njk`, async (request, values, errors) => {
      const detail = await groups.get(request.principal, params(request).groupId!);
      // First shown with the group as it is; after a refusal, as it was typed.
      return showGroupForm(request, {
        group: detail.group,
        values: errors ? formValues(values) : groupFormValues(detail.group),
        errors,
      });
    }),
    submit: saveForGroup(groups.update, (groupId, updated, request) => ({
      to: paths.group(groupId),
      message: request.t('groups:register.form.updated', { name: updated.name }),
    })),
  });

  // Terms of reference

  app.get(paths.termsOfReference.pattern, signedIn, async (request, reply) => {
    const { group, versions } = await groups.termsOfReference(
      request.principal,
      params(request).groupId!,
    );
    return renderPage(request, reply, `${T}/terms-of-reference.njk`, {
      title: request.t('groups:register.termsOfReference.title', { name: group.name }),
      breadcrumbs: groupCrumbs(request.t, group),
      group,
      versions,
      canManage: can(request.principal, 'groups.manage'),
      paths,
    });
  });

  registerFormPage(app, paths.newTermsOfReference.pattern, manage, {
    show: formShow(renderPage, `${T}/terms-of-reference-form.njk`, async (request, values) => {
      const { group, versions } = await groups.termsOfReference(
        request.principal,
        params(request).groupId!,
      );
      return {
        title: request.t('groups:register.torForm.title'),
        breadcrumbs: groupCrumbs(request.t, group),
        group,
        latest: versions[0] ?? null,
        values: { body: versions[0]?.body ?? '', ...formValues(values) },
        action: paths.newTermsOfReference(group.id),
      };
    }),
    submit: saveForGroup(groups.addTermsOfReference, (groupId, version, request) => ({
      to: paths.termsOfReference(groupId),
      message: request.t('groups:register.termsOfReference.saved', { number: version.number }),
    })),
  });

  // Deployment contact (IAG-07)

  registerFormPage(app, paths.deploymentContact.pattern, manage, {
    show: formShow(renderPage, `${T}/deployment-contact.njk`, async (request, given) => {
      const values = formValues(given);
      const detail = await groups.get(request.principal, params(request).groupId!);
      return {
        title: request.t('groups:register.deploymentContact.title', { name: detail.group.name }),
        breadcrumbs: groupCrumbs(request.t, detail.group),
        group: detail.group,
        current: detail.deploymentContact,
        ...(await personPicker(directory, request, values)),
        values,
        paths,
      };
    }),
    submit: saveForGroup(groups.setDeploymentContact, (groupId, _saved, request) => ({
      to: paths.group(groupId),
      message: request.t('groups:register.deploymentContact.named'),
    })),
  });

  // Public pages

  app.get(paths.publicList, publicListing, async (request, reply) => {
    const q = queryString(request.query, 'q');
    const type = typeOf(queryString(request.query, 'type'));
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await groups.publicList({ q, type, limit: page.limit, offset: page.offset });
    return renderPage(request, reply, `${T}/public-list.njk`, {
      title: request.t('groups:common.advisoryGroups'),
      breadcrumbs: [groupsCrumbs(request.t).home],
      q,
      type,
      typeItems: typeItems(request.t, type),
      result,
      paths,
      pagination: paginationFor(paths.publicList, { q, type }, page.page, page.limit, result.total),
    });
  });

  app.get(paths.publicGroup.pattern, publicListing, async (request, reply) => {
    const detail = await groups.publicGet(params(request).groupId!);
    const [openRound, meetings] = await Promise.all([
      services.recruitment.openRoundFor(detail.group.id),
      services.publicMeetings.list('advisory_group', detail.group.id),
    ]);
    return renderPage(request, reply, `${T}/public-group.njk`, {
      title: detail.group.name,
      section: request.t('groups:common.advisoryGroups'),
      openRound,
      meetings: publicMeetingLinks(paths.publicList, detail.group.id, meetings, request.t),
      breadcrumbs: [
        groupsCrumbs(request.t).home,
        { text: request.t('groups:common.advisoryGroups'), href: paths.publicList },
      ],
      ...detail,
      independent: isIndependentType(detail.group.type),
      paths,
    });
  });
}
