import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GroupsRouteDeps as RouteDeps } from './route-deps.js';
import type { FieldError } from '../../platform/errors.js';
import { formValues, redirectWithFlash, withFormErrors } from '../../platform/http/render.js';
import { groupPaths as paths } from './paths.js';
import { addCalendarMonths, formatDate } from '../../platform/calendar/index.js';
import { checkedValues, dateParts } from './validation.js';

const T = 'modules/groups/views';
const signedIn = { config: { access: 'signed-in' as const } };
const manage = { config: { access: { action: 'groups.manage' as const } } };
// The public form is open to anyone, so it is rate-limited per address.
const publicForm = {
  config: { access: 'public' as const, rateLimit: { max: 20, timeWindow: '1 minute' } },
};
const publicPage = { config: { access: 'public' as const } };

const home = { text: 'Home', href: '/' };
const groupsCrumb = { text: 'Advisory groups', href: paths.list };

export const APPLICATION_STATUS_LABELS: Record<string, string> = {
  submitted: 'Waiting for the panel',
  recommended: 'Recommended by the panel',
  not_recommended: 'Not recommended by the panel',
  accepted: 'Accepted by the Director',
  declined: 'Declined',
};

const STATE_LABELS = { upcoming: 'Not open yet', open: 'Open', closed: 'Closed' };

export function registerRecruitmentRoutes({ app, services, renderPage }: RouteDeps): void {
  const { recruitment, groups } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const crumbs = (group: { id: string; name: string }) => [
    home,
    groupsCrumb,
    { text: group.name, href: paths.group(group.id) },
  ];

  app.get('/groups/:groupId/recruitment', signedIn, async (request, reply) => {
    const result = await recruitment.rounds(request.principal, params(request).groupId!);
    return renderPage(request, reply, `${T}/recruitment.njk`, {
      title: `Recruitment: ${result.group.name}`,
      breadcrumbs: crumbs(result.group),
      ...result,
      stateLabels: STATE_LABELS,
      paths,
    });
  });

  const showRoundForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors?: FieldError[],
    status = 200,
  ) => {
    const group = await groups.findGroup(services.db, params(request).groupId!);
    const today = groups.today();
    return renderPage(
      request,
      reply,
      `${T}/round-form.njk`,
      {
        title: `Open a recruitment round: ${group.name}`,
        breadcrumbs: crumbs(group),
        group,
        values: {
          ...dateParts('opensOn', today),
          ...dateParts('closesOn', addCalendarMonths(today, 1)),
          ...dateParts('appointmentDate', addCalendarMonths(today, 3)),
          ...values,
        },
        errors,
        paths,
      },
      status,
    );
  };

  app.get('/groups/:groupId/recruitment/new', manage, async (request, reply) =>
    showRoundForm(request, reply, {}),
  );

  app.post('/groups/:groupId/recruitment/new', manage, async (request, reply) => {
    const { groupId } = params(request) as { groupId: string };
    return withFormErrors(
      async () => {
        const { round, told, noCommander } = await recruitment.openRound(
          request.principal,
          groupId,
          formValues(request.body),
          request.id,
        );
        const message =
          told || noCommander.length
            ? `The recruitment round has been set up. ${told} borough ${told === 1 ? 'commander has' : 'commanders have'} been told${noCommander.length ? `; ${noCommander.length} ${noCommander.length === 1 ? 'borough has' : 'boroughs have'} no commander in the directory` : ''}`
            : 'The recruitment round has been set up';
        return redirectWithFlash(reply, paths.round(groupId, round.id), message);
      },
      (errors, status) => showRoundForm(request, reply, formValues(request.body), errors, status),
    );
  });

  app.get('/groups/:groupId/recruitment/:roundId', signedIn, async (request, reply) => {
    const { groupId, roundId } = params(request) as { groupId: string; roundId: string };
    const detail = await recruitment.round(request.principal, groupId, roundId);
    return renderPage(request, reply, `${T}/round.njk`, {
      title: `Recruitment round opening ${formatDate(detail.round.opensOn)}: ${detail.group.name}`,
      width: 'full',
      breadcrumbs: [
        ...crumbs(detail.group),
        { text: 'Recruitment', href: paths.recruitment(groupId) },
      ],
      ...detail,
      statusLabels: APPLICATION_STATUS_LABELS,
      stateLabels: STATE_LABELS,
      paths,
    });
  });

  const showApplication = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    status = 200,
  ) => {
    const { groupId, roundId, applicationId } = params(request) as Record<string, string>;
    const detail = await recruitment.application(
      request.principal,
      groupId!,
      roundId!,
      applicationId!,
    );
    return renderPage(
      request,
      reply,
      `${T}/application.njk`,
      {
        title: `Application from ${detail.application.fullName}`,
        breadcrumbs: [
          ...crumbs(detail.group),
          { text: 'Recruitment round', href: paths.round(groupId!, roundId!) },
        ],
        ...detail,
        statusLabels: APPLICATION_STATUS_LABELS,
        values: formValues(request.body),
        errors,
        paths,
      },
      status,
    );
  };

  app.get(
    '/groups/:groupId/recruitment/:roundId/applications/:applicationId',
    signedIn,
    async (request, reply) => showApplication(request, reply),
  );

  app.post(
    '/groups/:groupId/recruitment/:roundId/applications/:applicationId/assess',
    signedIn,
    async (request, reply) => {
      const { groupId, roundId, applicationId } = params(request) as Record<string, string>;
      return withFormErrors(
        async () => {
          await recruitment.assess(
            request.principal,
            groupId!,
            roundId!,
            applicationId!,
            formValues(request.body),
            request.id,
          );
          return redirectWithFlash(
            reply,
            paths.application(groupId!, roundId!, applicationId!),
            'The panel’s assessment has been recorded',
          );
        },
        (errors, status) => showApplication(request, reply, errors, status),
      );
    },
  );

  app.post(
    '/groups/:groupId/recruitment/:roundId/applications/:applicationId/decide',
    signedIn,
    async (request, reply) => {
      const { groupId, roundId, applicationId } = params(request) as Record<string, string>;
      return withFormErrors(
        async () => {
          const result = await recruitment.decide(
            request.principal,
            groupId!,
            roundId!,
            applicationId!,
            formValues(request.body),
            request.id,
          );
          return redirectWithFlash(
            reply,
            paths.application(groupId!, roundId!, applicationId!),
            result.membershipId
              ? 'You have accepted the appointment. It has been recorded and the applicant told'
              : 'You have declined the application. The applicant has been told',
          );
        },
        (errors, status) => showApplication(request, reply, errors, status),
      );
    },
  );

  // The public form

  const showApplyForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string | string[]>,
    errors?: FieldError[],
    status = 200,
  ) => {
    const { groupId } = params(request) as { groupId: string };
    const detail = await groups.publicGet(groupId);
    const round = await recruitment.openRoundFor(groupId);
    const confirm = checkedValues(values.confirm);
    return renderPage(
      request,
      reply,
      `${T}/apply.njk`,
      {
        title: `Apply to join the ${detail.group.name}`,
        breadcrumbs: [
          home,
          { text: 'Advisory groups', href: paths.publicList },
          { text: detail.group.name, href: paths.publicGroup(groupId) },
        ],
        group: detail.group,
        round,
        values,
        confirm,
        errors,
        paths,
      },
      round ? status : 404,
    );
  };

  app.get('/advisory-groups/:groupId/apply', publicPage, async (request, reply) =>
    showApplyForm(request, reply, {}),
  );

  app.post('/advisory-groups/:groupId/apply', publicForm, async (request, reply) => {
    const { groupId } = params(request) as { groupId: string };
    const body = (request.body ?? {}) as Record<string, string | string[]>;
    return withFormErrors(
      async () => {
        await recruitment.apply(groupId, body, request.id);
        return reply.redirect(paths.applied(groupId), 303);
      },
      (errors, status) => showApplyForm(request, reply, body, errors, status),
    );
  });

  app.get('/advisory-groups/:groupId/applied', publicPage, async (request, reply) => {
    const { groupId } = params(request) as { groupId: string };
    const detail = await groups.publicGet(groupId);
    return renderPage(request, reply, `${T}/applied.njk`, {
      title: 'Application received',
      group: detail.group,
      paths,
    });
  });
}
