import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GroupsRouteDeps as RouteDeps } from './route-deps.js';
import { can } from '../../platform/auth/permissions.js';
import type { FieldError } from '../../platform/errors.js';
import type { Access } from '../../platform/http/types.js';
import { formValues, redirectWithFlash, withFormErrors } from '../../platform/http/render.js';
import { personPickerItems } from '../directory/index.js';
import { groupPaths as paths } from './paths.js';
import { CLEARANCE_LABELS, CLEARANCE_ORDER, MONITORING_QUESTIONS, POLICE_RANKS } from './rules.js';
import { dateParts } from './validation.js';

const T = 'modules/groups/views';
const signedIn = { config: { access: 'signed-in' as const } };
const view = { config: { access: { action: 'groups.view' as const } } };
const manage = { config: { access: { action: 'groups.manage' as const } } };
const balance = { config: { access: { action: 'groups.view-balance' as const } } };
const home = { text: 'Home', href: '/' };
const groupsCrumb = { text: 'Advisory groups', href: paths.list };

type Values = Record<string, string | string[]>;

export function registerMemberRecordRoutes({ app, services, renderPage }: RouteDeps): void {
  const { groups, memberRecords, directory } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;

  /**
   * A form about one member: shown with the member's name and group, posted to the service,
   * then back to the membership page (or the member's own page) with a message.
   */
  function memberForm(options: {
    path: string;
    access: { config: { access: Access } };
    template: string;
    title: (name: string) => string;
    defaults?: () => Values | Promise<Values>;
    extra?: (groupId: string) => Promise<Record<string, unknown>>;
    save: (request: FastifyRequest, groupId: string, membershipId: string) => Promise<unknown>;
    done: string;
  }) {
    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: Values,
      errors?: FieldError[],
      status = 200,
    ) => {
      const { groupId, membershipId } = params(request) as {
        groupId: string;
        membershipId: string;
      };
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
          action: request.url.split('?')[0],
          values: { ...(await options.defaults?.()), ...values },
          errors,
          ...(await options.extra?.(groupId)),
        },
        status,
      );
    };
    app.get(options.path, options.access, async (request, reply) => show(request, reply, {}));
    app.post(options.path, options.access, async (request, reply) => {
      const { groupId, membershipId } = params(request) as {
        groupId: string;
        membershipId: string;
      };
      return withFormErrors(
        async () => {
          await options.save(request, groupId, membershipId);
          const back = can(request.principal, 'group.view', { type: 'group', id: groupId })
            ? paths.membership(groupId, membershipId)
            : paths.myGroups;
          return redirectWithFlash(reply, back, options.done);
        },
        (errors, status) => show(request, reply, body(request), errors, status),
      );
    });
  }

  memberForm({
    path: '/groups/:groupId/members/:membershipId/declarations/new',
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
    path: '/groups/:groupId/members/:membershipId/clearances/new',
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
    path: '/groups/:groupId/members/:membershipId/access-exemptions/new',
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
    path: '/groups/:groupId/members/:membershipId/commendations/new',
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

  // Police attendance (IAG-33)

  const showAttendanceForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors?: FieldError[],
    status = 200,
  ) => {
    const { groupId } = params(request) as { groupId: string };
    const group = await groups.findGroup(services.db, groupId);
    const current = await memberRecords.policeAttendance(request.principal, groupId);
    const q = typeof values.q === 'string' ? values.q : (request.query as Record<string, string>).q;
    const people = await personPickerItems(
      directory,
      request.principal,
      q,
      values.personId as string | undefined,
    );
    return renderPage(
      request,
      reply,
      `${T}/police-attendance.njk`,
      {
        title: `Police attendance: ${group.name}`,
        breadcrumbs: [home, groupsCrumb, { text: group.name, href: paths.group(groupId) }],
        group,
        current,
        q,
        people,
        rankItems: [
          { value: '', text: 'Select rank or band' },
          ...POLICE_RANKS.map((r) => ({ value: r, text: r, selected: r === values.rank })),
        ],
        values,
        errors,
        paths,
      },
      status,
    );
  };

  app.get('/groups/:groupId/police-attendance', manage, async (request, reply) =>
    showAttendanceForm(request, reply, {}),
  );
  app.post('/groups/:groupId/police-attendance', manage, async (request, reply) => {
    const { groupId } = params(request) as { groupId: string };
    return withFormErrors(
      async () => {
        await memberRecords.setPoliceAttendee(
          request.principal,
          groupId,
          formValues(request.body),
          request.id,
        );
        return redirectWithFlash(reply, paths.group(groupId), 'Police attendance has been updated');
      },
      (errors, status) => showAttendanceForm(request, reply, body(request), errors, status),
    );
  });

  // Diversity monitoring (DP-01) and membership balance (IAG-17)

  const ANSWER_LABELS: Record<string, Record<string, string>> = {
    ethnicity: {
      white_british: 'White British',
      white_other: 'Any other White background',
      mixed: 'Mixed or multiple ethnic groups',
      asian: 'Asian or Asian British',
      black: 'Black, Black British, Caribbean or African',
      other: 'Another ethnic group',
    },
    religion: {
      none: 'No religion',
      christian: 'Christian',
      muslim: 'Muslim',
      hindu: 'Hindu',
      sikh: 'Sikh',
      jewish: 'Jewish',
      buddhist: 'Buddhist',
      other: 'Another religion or belief',
    },
    disability: { yes: 'Yes', no: 'No' },
    sexualOrientation: {
      heterosexual: 'Straight or heterosexual',
      gay_lesbian: 'Gay or lesbian',
      bisexual: 'Bisexual',
      other: 'Another sexual orientation',
    },
    transHistory: { yes: 'Yes', no: 'No' },
    ageBand: {
      under_18: 'Under 18',
      '18_24': '18 to 24',
      '25_34': '25 to 34',
      '35_49': '35 to 49',
      '50_64': '50 to 64',
      '65_plus': '65 or over',
    },
  };
  const QUESTIONS: { name: keyof typeof MONITORING_QUESTIONS; legend: string }[] = [
    { name: 'ethnicity', legend: 'What is your ethnic group?' },
    { name: 'religion', legend: 'What is your religion or belief?' },
    { name: 'disability', legend: 'Do you consider yourself to be disabled?' },
    { name: 'sexualOrientation', legend: 'What is your sexual orientation?' },
    { name: 'transHistory', legend: 'Are you trans, or do you have a trans history?' },
    { name: 'ageBand', legend: 'What is your age?' },
  ];

  const showMonitoring = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values | null,
    errors?: FieldError[],
    status = 200,
  ) => {
    const saved = await memberRecords.ownDiversityAnswers(request.principal);
    const current = (values ?? saved ?? {}) as Record<string, string | null>;
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
  };

  app.get(paths.diversity, signedIn, async (request, reply) =>
    showMonitoring(request, reply, null),
  );
  app.post(paths.diversity, signedIn, async (request, reply) =>
    withFormErrors(
      async () => {
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
      (errors, status) => showMonitoring(request, reply, body(request), errors, status),
    ),
  );

  app.get('/groups/:groupId/balance', balance, async (request, reply) => {
    const result = await memberRecords.membershipBalance(
      request.principal,
      params(request).groupId!,
    );
    return renderPage(request, reply, `${T}/balance.njk`, {
      title: `Membership balance: ${result.group.name}`,
      breadcrumbs: [
        home,
        groupsCrumb,
        { text: result.group.name, href: paths.group(result.group.id) },
      ],
      ...result,
    });
  });

  // Clearances expiring (IAG-29) and guides (IAG-24)

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

  app.get(paths.guides, view, async (request, reply) => {
    const guides = await memberRecords.guides(request.principal);
    return renderPage(request, reply, `${T}/guides.njk`, {
      title: 'Guides for advisory groups',
      breadcrumbs: [home, groupsCrumb],
      guides,
      paths,
    });
  });

  app.get('/groups/guides/:documentId', view, async (request, reply) => {
    const detail = await memberRecords.guide(request.principal, params(request).documentId!);
    return renderPage(request, reply, `${T}/guide.njk`, {
      title: detail.document.title,
      breadcrumbs: [home, groupsCrumb, { text: 'Guides', href: paths.guides }],
      ...detail,
      canManage: can(request.principal, 'groups.manage'),
      paths,
    });
  });

  const showGuideForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors?: FieldError[],
    status = 200,
  ) => {
    const detail = await memberRecords.guide(request.principal, params(request).documentId!);
    return renderPage(
      request,
      reply,
      `${T}/guide-form.njk`,
      {
        title: `Review: ${detail.document.title}`,
        breadcrumbs: [home, groupsCrumb, { text: 'Guides', href: paths.guides }],
        ...detail,
        values: {
          body: detail.versions[0]?.body ?? '',
          ...dateParts('agreedOn', groups.today()),
          ...values,
        },
        errors,
        paths,
      },
      status,
    );
  };

  app.get('/groups/guides/:documentId/new', manage, async (request, reply) =>
    showGuideForm(request, reply, {}),
  );
  app.post('/groups/guides/:documentId/new', manage, async (request, reply) => {
    const { documentId } = params(request) as { documentId: string };
    return withFormErrors(
      async () => {
        const version = await memberRecords.reviseGuide(
          request.principal,
          documentId,
          formValues(request.body),
          request.id,
        );
        return redirectWithFlash(
          reply,
          paths.guide(documentId),
          `Version ${version.number} has been saved; the next review is due in a year`,
        );
      },
      (errors, status) => showGuideForm(request, reply, body(request), errors, status),
    );
  });
}
