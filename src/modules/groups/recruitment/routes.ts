/**
 * Recruitment (IAG-16, IAG-17, IAG-20): a group's rounds, opening one, the applications with the
 * panel's assessment and the Director's decision, and the public form to apply.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addCalendarMonths } from '../../../platform/calendar/index.js';
import type { FieldError } from '../../../platform/errors.js';
import {
  formValues,
  formShow,
  redirectWithFlash,
  registerFormPage,
} from '../../../platform/http/render.js';
import { routeAccess } from '../access.js';
import { groupPaths as paths } from '../paths.js';
import { groupCrumbs, groupsCrumbs } from '../register/presenter.js';
import type { GroupsRouteDeps as RouteDeps } from '../route-deps.js';
import { checkedValues, dateParts } from '../validation.js';
import { formatDate } from '../../../platform/i18n/dates.js';

const T = 'modules/groups/recruitment/views';
const { signedIn, manage, publicPage, publicForm } = routeAccess;

type Values = Record<string, string | string[]>;

export function registerRecruitmentRoutes({ app, services, renderPage }: RouteDeps): void {
  const { recruitment, groups } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;

  app.get(paths.recruitment.pattern, signedIn, async (request, reply) => {
    const result = await recruitment.rounds(request.principal, params(request).groupId!);
    return renderPage(request, reply, `${T}/recruitment.njk`, {
      title: request.t('groups:recruitment.list.title', { group: result.group.name }),
      breadcrumbs: groupCrumbs(request.t, result.group),
      ...result,
      paths,
    });
  });

  registerFormPage(app, paths.newRound.pattern, manage, {
    show: formShow(renderPage, `${T}/round-form.njk`, async (request, values) => {
      const group = await groups.findGroup(services.db, params(request).groupId!);
      const today = groups.today();
      return {
        title: request.t('groups:recruitment.roundForm.title', { group: group.name }),
        breadcrumbs: groupCrumbs(request.t, group),
        group,
        values: {
          ...dateParts('opensOn', today),
          ...dateParts('closesOn', addCalendarMonths(today, 1)),
          ...dateParts('appointmentDate', addCalendarMonths(today, 3)),
          ...formValues(values),
        },
        paths,
      };
    }),
    async submit(request, reply) {
      const { groupId } = params(request) as { groupId: string };
      const { round, told, noCommander } = await recruitment.openRound(
        request.principal,
        groupId,
        formValues(request.body),
        request.id,
      );
      const message =
        told || noCommander.length
          ? request.t('groups:recruitment.roundForm.openedTold', { count: told }) +
            (noCommander.length
              ? request.t('groups:recruitment.roundForm.noCommander', {
                  count: noCommander.length,
                })
              : '')
          : request.t('groups:recruitment.roundForm.opened');
      return redirectWithFlash(reply, paths.round(groupId, round.id), message);
    },
  });

  app.get(paths.round.pattern, signedIn, async (request, reply) => {
    const { groupId, roundId } = params(request) as { groupId: string; roundId: string };
    const detail = await recruitment.round(request.principal, groupId, roundId);
    return renderPage(request, reply, `${T}/round.njk`, {
      title: request.t('groups:recruitment.round.title', {
        date: formatDate(request.t, detail.round.opensOn),
        group: detail.group.name,
      }),
      width: 'full',
      breadcrumbs: [
        ...groupCrumbs(request.t, detail.group),
        { text: request.t('groups:recruitment.list.heading'), href: paths.recruitment(groupId) },
      ],
      ...detail,
      paths,
    });
  });

  const applicationOf = (request: FastifyRequest) =>
    params(request) as { groupId: string; roundId: string; applicationId: string };

  /** An application's page; the panel's assessment and the Director's decision are on it. */
  const showApplication = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    status = 200,
  ) => {
    const { groupId, roundId, applicationId } = applicationOf(request);
    const detail = await recruitment.application(
      request.principal,
      groupId,
      roundId,
      applicationId,
    );
    return renderPage(
      request,
      reply,
      `${T}/application.njk`,
      {
        title: request.t('groups:recruitment.application.title', {
          name: detail.application.fullName || request.t('groups:recruitment.removed'),
        }),
        breadcrumbs: [
          ...groupCrumbs(request.t, detail.group),
          {
            text: request.t('groups:recruitment.round.heading'),
            href: paths.round(groupId, roundId),
          },
        ],
        ...detail,
        values: formValues(request.body),
        errors,
        paths,
      },
      status,
    );
  };

  app.get(paths.application.pattern, signedIn, async (request, reply) =>
    showApplication(request, reply),
  );

  /**
   * A form on an application's page (the panel's assessment, the Director's decision): the
   * service's action on the application, then back to its page with the message `done` keys.
   */
  function applicationForm<R>(
    pattern: string,
    act: (
      principal: FastifyRequest['principal'],
      groupId: string,
      roundId: string,
      applicationId: string,
      input: ReturnType<typeof formValues>,
      requestId: string,
    ) => Promise<R>,
    done: (result: R) => string,
  ) {
    registerFormPage(app, pattern, signedIn, {
      shownElsewhere: true,
      show: (request, reply, _values, errors, status) =>
        showApplication(request, reply, errors, status),
      async submit(request, reply) {
        const { groupId, roundId, applicationId } = applicationOf(request);
        const result = await act(
          request.principal,
          groupId,
          roundId,
          applicationId,
          formValues(request.body),
          request.id,
        );
        return redirectWithFlash(
          reply,
          paths.application(groupId, roundId, applicationId),
          request.t(done(result)),
        );
      },
    });
  }

  applicationForm(paths.assess.pattern, recruitment.assess, () => 'groups:recruitment.assess.done');
  applicationForm(paths.decide.pattern, recruitment.decide, (result) =>
    result.membershipId
      ? 'groups:recruitment.decide.accepted'
      : 'groups:recruitment.decide.declined',
  );

  // The public form

  const showApplyForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
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
        title: request.t('groups:recruitment.apply.title', { group: detail.group.name }),
        breadcrumbs: [
          groupsCrumbs(request.t).home,
          { text: request.t('groups:recruitment.apply.groupsCrumb'), href: paths.publicList },
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

  // Shown to anyone; the posted form is rate-limited per address (publicForm).
  app.get(paths.apply.pattern, publicPage, async (request, reply) =>
    showApplyForm(request, reply, {}),
  );
  registerFormPage(app, paths.apply.pattern, publicForm, {
    shownElsewhere: true,
    show: (request, reply, values, errors, status) =>
      showApplyForm(request, reply, values as Values, errors, status),
    async submit(request, reply) {
      const { groupId } = params(request) as { groupId: string };
      await recruitment.apply(groupId, (request.body ?? {}) as Values, request.id);
      return reply.redirect(paths.applied(groupId), 303);
    },
  });

  app.get(paths.applied.pattern, publicPage, async (request, reply) => {
    const { groupId } = params(request) as { groupId: string };
    const detail = await groups.publicGet(groupId);
    return renderPage(request, reply, `${T}/applied.njk`, {
      title: request.t('groups:recruitment.applied.title'),
      group: detail.group,
      paths,
    });
  });
}
