/**
 * The rota (ICV-03): a panel's rota for a quarter with its actions (asking for availability, the
 * draw, a swap, a missed visit re-drawn), for the scheme manager and the panel's coordinator;
 * and a lay visitor's own visits, their availability and the day and time their pair fixes. The
 * custody inspector reaches none of it: no police user sees a visit before it happens.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import type { FieldError } from '../../../platform/errors.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  saveFor,
  type FormValues,
} from '../../../platform/http/render.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import { reportPaths } from '../reports/paths.js';
import { clockText } from '../report-rules.js';
import { panelCrumbs } from '../crumbs.js';
import { quarterWords as wordsOfQuarter } from '../days-words.js';
import { custodyPaths as paths } from '../paths.js';
import type { CustodyVisitingRouteDeps as RouteDeps } from '../route-deps.js';

const T = 'modules/custody-visiting/rota/views';
const keepers = { config: { access: { action: 'custody.rota.manage' as const } } };
const visitors = { config: { access: { action: 'custody.visits.own' as const } } };

const param = (request: FastifyRequest, name: string) =>
  (request.params as Record<string, string>)[name]!;
/** The rota's forms save what was sent about the panel, visit or quarter in their address. */
const saveForPanel = saveFor('panelId');
const saveForVisit = saveFor('visitId');
const saveForQuarter = saveFor('quarter');
/** A panel's rota for the quarter: where its keepers go back to. */
const rotaOf = (panelId: string, quarter: string) =>
  `${paths.panelRota(panelId)}?quarter=${quarter}`;
const queryOf = (request: FastifyRequest) => request.query as Record<string, string | undefined>;

export function registerRotaRoutes({ app, services, renderPage }: RouteDeps): void {
  const { custodyRota: rota } = services;
  const quarterWords = (request: FastifyRequest, quarter: string) =>
    wordsOfQuarter(request.t, quarter);

  /** The rota page; its forms' refusals show on it again. */
  async function showRota(
    request: FastifyRequest,
    reply: FastifyReply,
    panelId: string,
    quarter: string | undefined,
    errors?: FieldError[],
    status = 200,
  ) {
    const t = request.t;
    const page = pageRequest(queryOf(request).page);
    const r = await rota.rota(request.principal, panelId, quarter, page);
    const here = paths.panelRota(r.panel.id);
    const words = quarterWords(request, r.quarter);
    return renderPage(
      request,
      reply,
      `${T}/rota.njk`,
      {
        title: t('custody-visiting:rota.title', { quarter: words }),
        breadcrumbs: [
          ...panelCrumbs(request),
          { text: r.panel.name, href: paths.panel(r.panel.id) },
        ],
        ...r,
        quarterWords: words,
        eligibleCount: r.shares.filter((s) => s.eligibility === null).length,
        previousHref: `${here}?quarter=${r.previous}`,
        nextHref: `${here}?quarter=${r.next}`,
        askAction: paths.rotaAsk(r.panel.id),
        drawAction: paths.rotaDraw(r.panel.id),
        visits: r.visits.map((v) => ({
          ...v,
          swapHref: paths.visitSwap(v.id),
          missedAction: paths.visitMissed(v.id),
        })),
        pagination: paginationFor(here, { quarter: r.quarter }, page.page, page.limit, r.total),
        errors,
      },
      status,
    );
  }

  app.get(paths.panelRota.pattern, keepers, (request, reply) =>
    showRota(request, reply, param(request, 'panelId'), queryOf(request).quarter),
  );

  const onRota = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors?: FieldError[],
    status?: number,
  ) =>
    showRota(
      request,
      reply,
      param(request, 'panelId'),
      values.quarter as string | undefined,
      errors,
      status,
    );

  registerFormPage(app, paths.rotaAsk.pattern, keepers, {
    shownElsewhere: true,
    show: onRota,
    submit: saveForPanel(rota.askAvailability, (_id, { panel, quarter }, request) => ({
      to: rotaOf(panel.id, quarter),
      message: request.t('custody-visiting:rota.flash.asked'),
    })),
  });

  registerFormPage(app, paths.rotaDraw.pattern, keepers, {
    shownElsewhere: true,
    show: onRota,
    submit: saveForPanel(rota.draw, (_id, done, { t }) => ({
      to: rotaOf(done.panel.id, done.quarter),
      message: [
        t('custody-visiting:rota.flash.drawn', { count: done.drawn }),
        ...(done.short ? [t('custody-visiting:rota.flash.short', { count: done.short })] : []),
      ].join('. '),
    })),
  });

  registerFormPage(app, paths.visitSwap.pattern, keepers, {
    initial: async (request) => ({
      version: String(
        (await rota.swapForm(request.principal, param(request, 'visitId'))).visit.version,
      ),
    }),
    show: formShow(renderPage, `${T}/swap.njk`, async (request) => {
      const form = await rota.swapForm(request.principal, param(request, 'visitId'));
      const rotaHref = rotaOf(form.panel.id, form.visit.quarterStart);
      return {
        title: request.t('custody-visiting:rota.swap.title'),
        breadcrumbs: [
          ...panelCrumbs(request),
          { text: form.panel.name, href: paths.panel(form.panel.id) },
          { text: request.t('custody-visiting:rota.heading'), href: rotaHref },
        ],
        ...form,
        action: paths.visitSwap(form.visit.id),
        backHref: rotaHref,
      };
    }),
    submit: saveForVisit(rota.swap, (_id, { visit, incoming }, request) => ({
      to: rotaOf(visit.panelId, visit.quarterStart),
      message: request.t('custody-visiting:rota.flash.swapped', { name: incoming }),
    })),
  });

  registerFormPage(app, paths.visitMissed.pattern, keepers, {
    shownElsewhere: true,
    async show(request, reply, _values, errors, status) {
      const { visit } = await rota.swapForm(request.principal, param(request, 'visitId'));
      return showRota(request, reply, visit.panelId, visit.quarterStart, errors, status);
    },
    submit: saveForVisit(rota.missed, (_id, { visit, replacement }, { t }) => ({
      to: rotaOf(visit.panelId, visit.quarterStart),
      message: replacement
        ? t('custody-visiting:rota.flash.missed', { date: formatDate(t, replacement.weekStarting) })
        : t('custody-visiting:rota.flash.missedGap'),
    })),
  });

  // ---- A lay visitor's own visits ----

  async function showYourVisits(
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    status = 200,
  ) {
    const t = request.t;
    const page = pageRequest(queryOf(request).page);
    const mine = await rota.yourVisits(request.principal, page);
    return renderPage(
      request,
      reply,
      `${T}/your-visits.njk`,
      {
        title: t('custody-visiting:rota.your.title'),
        breadcrumbs: [{ text: t('nav.home'), href: '/' }],
        mine,
        asked: (mine?.asked ?? []).map((a) => ({
          ...a,
          words: quarterWords(request, a.quarter),
          href: paths.yourAvailability(a.quarter),
        })),
        visits: (mine?.visits ?? []).map((v) => ({
          ...v,
          timeText: v.visitMinutes === null ? '' : clockText(v.visitMinutes),
          timeHref: paths.visitTime(v.id),
          madeAction: paths.visitMade(v.id),
          reportHref: v.reportable ? reportPaths.newReportOf(v.id) : null,
        })),
        pagination: mine
          ? paginationFor(paths.yourVisits, {}, page.page, page.limit, mine.total)
          : null,
        errors,
      },
      status,
    );
  }

  app.get(paths.yourVisits, visitors, (request, reply) => showYourVisits(request, reply));

  const yourCrumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('custody-visiting:rota.your.title'), href: paths.yourVisits },
  ];

  registerFormPage(app, paths.yourAvailability.pattern, visitors, {
    initial: async (request) => {
      const form = await rota.availabilityForm(request.principal, param(request, 'quarter'));
      return {
        unavailable: [...(form.given?.unavailableWeeks ?? [])],
        note: form.given?.note ?? '',
      };
    },
    show: formShow(renderPage, `${T}/availability.njk`, async (request, values) => {
      const form = await rota.availabilityForm(request.principal, param(request, 'quarter'));
      const chosen = ([] as string[]).concat(values.unavailable ?? []);
      return {
        title: request.t('custody-visiting:rota.availability.title', {
          quarter: quarterWords(request, form.quarter),
        }),
        breadcrumbs: yourCrumbs(request),
        weekItems: form.weeks.map((w) => ({
          value: w,
          text: request.t('custody-visiting:rota.availability.week', {
            date: formatDate(request.t, w),
          }),
          checked: chosen.includes(w),
        })),
        action: paths.yourAvailability(form.quarter),
        backHref: paths.yourVisits,
      };
    }),
    submit: saveForQuarter(rota.giveAvailability, (_quarter, _saved, request) => ({
      to: paths.yourVisits,
      message: request.t('custody-visiting:rota.flash.availability'),
    })),
  });

  registerFormPage(app, paths.visitTime.pattern, visitors, {
    initial: async (request) => {
      const { visit } = await rota.ownVisit(request.principal, param(request, 'visitId'));
      if (!visit.visitOn) return {};
      const [year, month, day] = visit.visitOn.split('-');
      const minutes = visit.visitMinutes ?? 0;
      return {
        'visitOn-day': String(Number(day)),
        'visitOn-month': String(Number(month)),
        'visitOn-year': year,
        visitTime: clockText(minutes),
      };
    },
    show: formShow(renderPage, `${T}/time.njk`, async (request) => {
      const own = await rota.ownVisit(request.principal, param(request, 'visitId'));
      return {
        title: request.t('custody-visiting:rota.time.title'),
        breadcrumbs: yourCrumbs(request),
        ...own,
        action: paths.visitTime(own.visit.id),
        backHref: paths.yourVisits,
      };
    }),
    submit: saveForVisit(rota.fixTime, (_id, _saved, request) => ({
      to: paths.yourVisits,
      message: request.t('custody-visiting:rota.flash.time'),
    })),
  });

  registerFormPage(app, paths.visitMade.pattern, visitors, {
    shownElsewhere: true,
    show: (request, reply, _values, errors, status) =>
      showYourVisits(request, reply, errors, status),
    async submit(request, reply) {
      await rota.markMade(request.principal, param(request, 'visitId'), request.id);
      return redirectWithFlash(
        reply,
        paths.yourVisits,
        request.t('custody-visiting:rota.flash.made'),
      );
    },
  });
}
