/**
 * CON-06: the panel's staff pages. The panel in figures with its members (searchable, a page at a
 * time), inviting people by address, the waves with their response rates and sending one: the
 * authority officers'. The balance against the population: anyone who reads consultation.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  type FormValues,
} from '../../../platform/http/render.js';
import { formatShare, publishableBalance } from '../panel-rules.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import { panelPaths as paths } from './paths.js';
import { boroughBalanceRow, DIMENSION_NAMES, monitoringBalanceRow } from './presenter.js';

const T = 'modules/consultation/panel/views';
const managers = { config: { access: { action: 'consultation.manage' as const } } };
const readers = { config: { access: { action: 'consultation.view' as const } } };
const rate = (invited: number, responded: number) =>
  invited ? formatShare(responded / invited) : '–';

export function registerPanelRoutes({ app, services, renderPage }: RouteDeps): void {
  const { consultationPanel: panel, consultationPanelWaves: waves } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('consultation:panel.home.title'), href: paths.home },
  ];

  app.get(paths.home, managers, async (request, reply) => {
    const t = request.t;
    const query = request.query as Record<string, unknown>;
    const page = pageRequest(query.page);
    const q = typeof query.q === 'string' ? query.q : '';
    const [counts, result] = await Promise.all([
      panel.counts(request.principal),
      panel.list(request.principal, { ...page, q }),
    ]);
    return renderPage(request, reply, `${T}/home.njk`, {
      title: t('consultation:panel.home.title'),
      breadcrumbs: crumbs(request).slice(0, 1),
      counts,
      q: result.q,
      total: result.total,
      rows: result.items.map((m) => ({
        ...m,
        joinedBy: t(`consultation:panel.joinedBy.${m.joinedBy}`),
        status: t(`consultation:panel.status.${m.status}`),
      })),
      action: paths.home,
      links: {
        balance: paths.balance,
        invite: paths.invite,
        waves: paths.waves,
        join: paths.join,
      },
      pagination: paginationFor(paths.home, { q: result.q }, page.page, page.limit, result.total),
    });
  });

  app.get(paths.balance, readers, async (request, reply) => {
    const t = request.t;
    const balance = await waves.balance(request.principal);
    return renderPage(request, reply, `${T}/balance.njk`, {
      title: t('consultation:panel.balance.title'),
      // Those who read consultation but do not run it have no panel page to go back to.
      breadcrumbs: crumbs(request).slice(0, can(request.principal, 'consultation.manage') ? 2 : 1),
      members: balance.members,
      sections: [
        {
          id: 'borough',
          heading: t('consultation:panel.balance.borough'),
          rows: balance.borough.map((line) => boroughBalanceRow(line, line.label)),
        },
        ...DIMENSION_NAMES.map((d) => ({
          id: d,
          heading: t(`consultation:panel.monitoring.${d}`),
          answered: balance[d].answered,
          rows: publishableBalance(balance[d].lines).map((line) =>
            monitoringBalanceRow(line, t(`consultation:panel.values.${d}.${line.value}`)),
          ),
        })),
      ],
    });
  });

  registerFormPage(app, paths.invite, managers, {
    show: formShow(renderPage, `${T}/invite.njk`, async (request) => ({
      title: request.t('consultation:panel.invite.title'),
      breadcrumbs: crumbs(request),
      action: paths.invite,
    })),
    async submit(request, reply) {
      const done = await panel.invite(
        request.principal,
        (request.body ?? {}) as FormValues,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.home,
        request.t('consultation:panel.invite.done', {
          count: done.invited,
          known: done.alreadyKnown,
        }),
      );
    },
  });

  app.get(paths.waves, managers, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await waves.list(request.principal, page);
    return renderPage(request, reply, `${T}/waves.njk`, {
      title: request.t('consultation:panel.waves.title'),
      breadcrumbs: crumbs(request),
      newWaveHref: paths.newWave,
      total: result.total,
      rows: result.items.map((w) => ({
        ...w,
        href: paths.wave(w.id),
        kind: request.t(`consultation:panel.kind.${w.kind}`, { size: w.sampleSize ?? 0 }),
        rate: rate(w.invited, w.responded),
      })),
      pagination: paginationFor(paths.waves, {}, page.page, page.limit, result.total),
    });
  });

  registerFormPage(app, paths.newWave, managers, {
    show: formShow(renderPage, `${T}/new-wave.njk`, async (request, values) => {
      const { consultations, members } = await waves.sendable(request.principal);
      return {
        title: request.t('consultation:panel.newWave.title'),
        breadcrumbs: [
          ...crumbs(request),
          { text: request.t('consultation:panel.waves.title'), href: paths.waves },
        ],
        action: paths.newWave,
        members,
        consultationItems: consultations.map((c) => ({
          value: c.id,
          text: c.title,
          checked: values.consultationId === c.id,
        })),
        kindValue: values.kind,
      };
    }),
    async submit(request, reply) {
      const wave = await waves.send(
        request.principal,
        (request.body ?? {}) as FormValues,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.wave(wave.id),
        request.t('consultation:panel.newWave.sent', { count: wave.invited, title: wave.title }),
      );
    },
  });

  app.get(paths.wave.pattern, managers, async (request, reply) => {
    const wave = await waves.get(request.principal, (request.params as { waveId: string }).waveId);
    return renderPage(request, reply, `${T}/wave.njk`, {
      title: request.t('consultation:panel.wave.title', { title: wave.title }),
      breadcrumbs: [
        ...crumbs(request),
        { text: request.t('consultation:panel.waves.title'), href: paths.waves },
      ],
      wave,
      kind: request.t(`consultation:panel.kind.${wave.kind}`, { size: wave.sampleSize ?? 0 }),
      rate: rate(wave.invited, wave.responded),
    });
  });
}
