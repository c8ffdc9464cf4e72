/** DP-03: the administrator's retention schedule, legal holds, and what was done under it. */
import type { FastifyRequest } from 'fastify';
import type { RouteDeps } from '../modules.js';
import { roleLabel } from '../auth/roles.js';
import { pageRequest } from '../db/search.js';
import { NotFoundError } from '../errors.js';
import { sendCsv } from '../http/csv.js';
import { paginationFor } from '../http/pagination.js';
import { isUuid } from '../http/params.js';
import { formShow, redirectWithFlash, registerFormPage } from '../http/render.js';
import type { Translate } from '../i18n/messages.js';
import { retentionPaths as paths } from './paths.js';
import { actionWord, periodText } from './words.js';
import type { RetentionService } from './service.js';

const manage = { config: { access: { action: 'retention.manage' as const } } };
const T = 'platform/views/admin';
/** Rows in the CSV of what was done, at most: years of daily runs. */
const CSV_ROWS = 50_000;

export function registerRetentionRoutes(
  { app, renderPage }: RouteDeps,
  retention: RetentionService,
  warningDays: number,
): void {
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('admin.retention.title'), href: paths.page },
  ];
  const kindName = (key: string) => retention.parts.find((p) => p.key === key)?.name ?? key;
  const actionText = (t: Translate, action: string) =>
    action === 'deleted' ? t('admin.retention.done.deleted') : t('admin.retention.done.anonymised');

  app.get(paths.page, manage, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const holdsPage = pageRequest(query.holds);
    const upcomingPage = pageRequest(query.upcoming);
    const donePage = pageRequest(query.done);
    const [schedule, holds, upcoming, done] = await Promise.all([
      retention.schedule(),
      retention.holds(holdsPage),
      retention.upcoming(upcomingPage),
      retention.actions(donePage),
    ]);
    const t = request.t;
    const others = { holds: query.holds, upcoming: query.upcoming, done: query.done } as Record<
      string,
      string | undefined
    >;
    const without = (name: string) => ({ ...others, [name]: undefined });
    return renderPage(request, reply, `${T}/retention.njk`, {
      title: t('admin.retention.title'),
      width: 'full',
      breadcrumbs: [{ text: t('nav.home'), href: '/' }],
      warningDays,
      schedule: schedule.map((e) => ({
        key: e.part.key,
        name: e.part.name,
        trigger: e.part.trigger,
        reason: e.part.reason,
        action: actionWord(t, e.part.action),
        keeps: e.part.keeps,
        owner: roleLabel(t, e.part.ownerRole),
        defaultPeriod: periodText(t, e.part.defaultPeriod),
        period: periodText(t, e.period),
        changed: e.changed,
        href: paths.kind(e.part.key),
      })),
      holds: holds.items.map((h) => ({
        ...h,
        on: h.personId
          ? t('admin.retention.holds.person', { id: h.personId })
          : t('admin.retention.holds.record', { kind: kindName(h.kindKey!), id: h.recordId! }),
        liftAction: paths.liftHold(h.id),
      })),
      holdsPagination: paginationFor(
        paths.page,
        without('holds'),
        holdsPage.page,
        holdsPage.limit,
        holds.total,
        { pageParam: 'holds' },
      ),
      upcoming: upcoming.items.map((w) => ({ ...w, kind: kindName(w.kindKey) })),
      upcomingPagination: paginationFor(
        paths.page,
        without('upcoming'),
        upcomingPage.page,
        upcomingPage.limit,
        upcoming.total,
        { pageParam: 'upcoming' },
      ),
      done: done.items.map((d) => ({
        ...d,
        kind: kindName(d.kindKey),
        action: actionText(t, d.action),
      })),
      donePagination: paginationFor(
        paths.page,
        without('done'),
        donePage.page,
        donePage.limit,
        done.total,
        { pageParam: 'done' },
      ),
      paths,
    });
  });

  app.get(paths.actionsCsv, manage, async (request, reply) => {
    const t = request.t;
    const { items } = await retention.actions({ limit: CSV_ROWS, offset: 0 });
    return sendCsv(reply, 'retention-done.csv', [
      [
        t('admin.retention.done.when'),
        t('admin.retention.done.kindKey'),
        t('admin.retention.done.kind'),
        t('admin.retention.done.action'),
        t('admin.retention.done.records'),
        t('admin.retention.done.startedBy'),
        t('admin.retention.done.run'),
      ],
      ...items.map((d) => [
        d.doneAt.toISOString(),
        d.kindKey,
        kindName(d.kindKey),
        actionText(t, d.action),
        String(d.records),
        d.startedBy,
        d.runId,
      ]),
    ]);
  });

  const keyOf = (request: FastifyRequest) => {
    const { kindKey } = request.params as { kindKey: string };
    if (!retention.parts.some((p) => p.key === kindKey)) throw new NotFoundError();
    return kindKey;
  };

  registerFormPage(app, paths.kind.pattern, manage, {
    initial: async (request) => {
      const e = await retention.entry(keyOf(request));
      return { count: String(e.period.count), unit: e.period.unit, version: String(e.version) };
    },
    show: formShow(renderPage, `${T}/retention-kind.njk`, async (request, values) => {
      const e = await retention.entry(keyOf(request));
      const t = request.t;
      return {
        title: t('admin.retention.kind.title', { kind: e.part.name }),
        breadcrumbs: crumbs(request),
        part: e.part,
        defaultPeriod: periodText(t, e.part.defaultPeriod),
        period: periodText(t, e.period),
        units: [
          { value: 'months', text: t('admin.retention.units.months') },
          { value: 'days', text: t('admin.retention.units.days') },
        ].map((u) => ({ ...u, checked: values.unit === u.value })),
        action: paths.kind(e.part.key),
        backHref: paths.page,
      };
    }),
    async submit(request, reply) {
      const key = keyOf(request);
      await retention.setPeriod(
        request.principal,
        key,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.page,
        request.t('admin.retention.kind.changed', { kind: kindName(key) }),
      );
    },
  });

  registerFormPage(app, paths.newHold, manage, {
    initial: (request) => {
      const q = request.query as Record<string, unknown>;
      return typeof q.kind === 'string' ? { on: 'record', kindKey: q.kind } : {};
    },
    show: formShow(renderPage, `${T}/retention-hold.njk`, async (request, values) => ({
      title: request.t('admin.retention.holds.new'),
      breadcrumbs: crumbs(request),
      kinds: [
        { value: '', text: request.t('admin.retention.holds.chooseKind') },
        ...retention.parts.map((p) => ({
          value: p.key,
          text: p.name,
          selected: values.kindKey === p.key,
        })),
      ],
      action: paths.newHold,
      backHref: paths.page,
    })),
    async submit(request, reply) {
      await retention.placeHold(
        request.principal,
        (request.body ?? {}) as Record<string, unknown>,
        request.id,
      );
      return redirectWithFlash(reply, paths.page, request.t('admin.retention.holds.placed'));
    },
  });

  app.post(paths.liftHold.pattern, manage, async (request, reply) => {
    const { holdId } = request.params as { holdId: string };
    if (!isUuid(holdId)) throw new NotFoundError();
    await retention.liftHold(request.principal, holdId, request.id);
    return redirectWithFlash(reply, paths.page, request.t('admin.retention.holds.lifted'));
  });
}
