/**
 * Who was consulted (CON-07): a consultation's chosen consultees with why and their
 * invitations, choosing by category or one by one, removing one not yet invited, sending the
 * invitations and the reminder; and the public unsubscribe page of the link each e-mail carries.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import type { FieldError } from '../../../platform/errors.js';
import { fieldErrorsOf } from '../../../platform/errors.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  type FormValues,
} from '../../../platform/http/render.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import { consulteePaths as paths } from './paths.js';
import { categoryItems, invitationWords } from './presenter.js';
import { listCrumbs, officers } from './crumbs.js';

const T = 'modules/consultation/consultees/views';
const publicPage = { config: { access: 'public' as const } };
const consultationOf = (request: FastifyRequest) =>
  (request.params as { consultationId: string }).consultationId;
const tokenOf = (request: FastifyRequest) => (request.params as { token: string }).token;

export function registerChoiceRoutes({ app, services, renderPage }: RouteDeps): void {
  const { consulteeChoice: choice } = services;

  /** The chosen consultees' page, with its forms; a refused form shows it again with why. */
  async function showChosen(
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues = {},
    errors?: FieldError[],
    status = 200,
  ) {
    const t = request.t;
    const id = consultationOf(request);
    const query = request.query as Record<string, unknown>;
    // A refused choice shows again the consultees its search found.
    const q = queryString(query, 'q') ?? queryString(values, 'q');
    const page = pageRequest(query.page);
    const result = await choice.chosen(request.principal, id, { page, q });
    const c = result.consultation;
    const chosenCategory = typeof values.category === 'string' ? values.category : '';
    return renderPage(
      request,
      reply,
      `${T}/chosen.njk`,
      {
        title: t('consultation:consultees.chosen.title', { title: c.title }),
        heading: t('consultation:consultees.chosen.heading'),
        caption: c.title,
        width: 'full',
        breadcrumbs: listCrumbs(request),
        consultation: c,
        dates: t('consultation:consultees.chosen.dates', {
          opens: formatDate(t, c.opensOn),
          closes: formatDate(t, c.closesOn),
        }),
        phaseText: t(`consultation:consultees.phase.${c.phase}`),
        totals: result.totals,
        rows: result.rows.map((r) => ({
          ...r,
          href: paths.consultee(r.consulteeId),
          categoryText: t(`consultation:consultees.categories.${r.category}`),
          chosenOn: formatDate(t, todayInLondon(r.chosenAt)),
          stateText: invitationWords(t, r.invitation, r.leftOut),
          removeHref: r.sentAt ? null : paths.remove(c.id, r.id),
        })),
        pagination: paginationFor(
          paths.chosen(c.id),
          { q },
          page.page,
          page.limit,
          result.totals.chosen,
        ),
        q,
        found: result.found?.map((f) => ({
          value: f.id,
          text: f.name,
          hint: { text: t(`consultation:consultees.categories.${f.category}`) },
          checked: values.consulteeId === f.id,
        })),
        categoryItems: [
          { value: '', text: t('consultation:consultees.form.chooseCategory') },
          ...categoryItems(t, chosenCategory),
        ],
        values,
        errors,
        searchAction: paths.chosen(c.id),
        categoryAction: paths.chooseCategory(c.id),
        oneAction: paths.chooseOne(c.id),
        inviteAction: paths.invite(c.id),
        remindAction: paths.remind(c.id),
        canChoose: c.phase !== 'closed' && c.audience !== 'panel',
        canInvite: c.phase === 'upcoming' || c.phase === 'open',
        canRemind: c.phase === 'open' && result.totals.sent > 0,
      },
      status,
    );
  }

  app.get(paths.chosen.pattern, officers, async (request, reply) => showChosen(request, reply));

  /** A form on the chosen page: done, back to it with a message; refused, the page with why. */
  const onChosenPage = (url: string, act: (request: FastifyRequest) => Promise<string>) =>
    app.post(url, officers, async (request, reply) => {
      try {
        const message = await act(request);
        return redirectWithFlash(reply, paths.chosen(consultationOf(request)), message);
      } catch (error) {
        const errors = fieldErrorsOf(error);
        if (!errors) throw error;
        const status = (error as { status?: number }).status ?? 400;
        return showChosen(request, reply, (request.body ?? {}) as FormValues, errors, status);
      }
    });

  onChosenPage(paths.chooseCategory.pattern, async (request) => {
    const { added, category } = await choice.chooseCategory(
      request.principal,
      consultationOf(request),
      (request.body ?? {}) as FormValues,
      request.id,
    );
    return request.t('consultation:consultees.chosen.categoryAdded', {
      count: added,
      category: request.t(`consultation:consultees.categories.${category}`).toLowerCase(),
    });
  });

  onChosenPage(paths.chooseOne.pattern, async (request) => {
    const chosen = await choice.chooseOne(
      request.principal,
      consultationOf(request),
      (request.body ?? {}) as FormValues,
      request.id,
    );
    return request.t('consultation:consultees.chosen.oneAdded', { name: chosen.name });
  });

  onChosenPage(paths.invite.pattern, async (request) => {
    const { sent, leftOut } = await choice.sendInvitations(
      request.principal,
      consultationOf(request),
      request.id,
    );
    return request.t('consultation:consultees.chosen.invited', { count: sent, leftOut });
  });

  onChosenPage(paths.remind.pattern, async (request) => {
    const { reminded } = await choice.sendReminders(
      request.principal,
      consultationOf(request),
      request.id,
    );
    return request.t('consultation:consultees.chosen.reminded', { count: reminded });
  });

  const chosenIdOf = (request: FastifyRequest) => (request.params as { chosenId: string }).chosenId;
  registerFormPage(app, paths.remove.pattern, officers, {
    show: formShow(renderPage, `${T}/remove.njk`, async (request) => {
      const { consultation, chosen } = await choice.chosenOne(
        request.principal,
        consultationOf(request),
        chosenIdOf(request),
      );
      return {
        title: request.t('consultation:consultees.remove.title'),
        caption: consultation.title,
        breadcrumbs: [
          ...listCrumbs(request),
          {
            text: request.t('consultation:consultees.chosen.heading'),
            href: paths.chosen(consultation.id),
          },
        ],
        chosen,
        action: paths.remove(consultation.id, chosen.id),
        backHref: paths.chosen(consultation.id),
      };
    }),
    async submit(request, reply) {
      const removed = await choice.remove(
        request.principal,
        consultationOf(request),
        chosenIdOf(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.chosen(consultationOf(request)),
        request.t('consultation:consultees.remove.done', { name: removed.name }),
      );
    },
  });

  // The public page of the unsubscribe link: a confirmation, then done.
  const unsubscribeCrumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
  ];
  app.get(paths.unsubscribe.pattern, publicPage, async (request, reply) => {
    const link = await choice.unsubscribeLink(tokenOf(request));
    return renderPage(request, reply, `${T}/unsubscribe.njk`, {
      title: request.t(
        link.alreadyDone
          ? 'consultation:consultees.unsubscribe.doneTitle'
          : 'consultation:consultees.unsubscribe.title',
      ),
      breadcrumbs: unsubscribeCrumbs(request),
      alreadyDone: link.alreadyDone,
      action: paths.unsubscribe(tokenOf(request)),
    });
  });

  app.post(paths.unsubscribe.pattern, publicPage, async (request, reply) => {
    await choice.unsubscribe(tokenOf(request), request.id);
    return reply.redirect(paths.unsubscribe(tokenOf(request)), 303);
  });
}
