/**
 * LEG-04: the snapshots as staff keep them: the list, one's figures by workforce and rank band,
 * a snapshot added for a date, a rank band's counts typed, and a file of snapshots imported.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import { NotFoundError } from '../../../platform/errors.js';
import { ACCEPTED_TEXT_ENCODINGS } from '../../../platform/files/text-encoding.js';
import { registerUploadPage } from '../../../platform/http/files.js';
import { receivedText } from '../../../platform/http/multipart.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import { say } from '../../../platform/i18n/said.js';
import { workforcePaths as paths } from '../paths.js';
import { keptRow } from '../presenter.js';
import type { WorkforceRouteDeps as RouteDeps } from '../route-deps.js';
import {
  ALL_RANK_BANDS,
  bandsOf,
  CSV_COLUMNS,
  ETHNIC_GROUPS,
  SEXES,
  WORKFORCES,
  workforceOf,
  type RankBand,
} from '../rules.js';
import { countField } from './service.js';

const T = 'modules/workforce/snapshots/views';
const viewers = { config: { access: { action: 'workforce.view' as const } } };
const keepers = { config: { access: { action: 'workforce.manage' as const } } };

/** Many years of snapshots at every band, sex and group are well under a megabyte. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

const params = (request: FastifyRequest) => request.params as { snapshotId: string; band?: string };

export function registerSnapshotRoutes({ app, services, renderPage }: RouteDeps): void {
  const { workforceSnapshots: snapshots } = services;
  const crumbs = (t: (k: string) => string) => [
    { text: t('nav.home'), href: '/' },
    { text: t('workforce:list.title'), href: paths.snapshots },
  ];

  app.get(paths.snapshots, viewers, async (request, reply) => {
    const t = request.t;
    const page = pageRequest(queryString(request.query, 'page'));
    const result = await snapshots.list(request.principal, page);
    return renderPage(request, reply, `${T}/list.njk`, {
      title: t('workforce:list.title'),
      breadcrumbs: crumbs(t).slice(0, 1),
      paths,
      canManage: can(request.principal, 'workforce.manage'),
      rows: result.items.map((s) => ({
        href: paths.snapshot(s.id),
        dateText: formatDate(t, s.asAt),
        headcount: s.headcount.toLocaleString('en-GB'),
        source:
          s.source === 'imported'
            ? t('workforce:list.imported', { file: s.fileName ?? '' })
            : t('workforce:list.typed'),
        recordedAt: s.recordedAt,
      })),
      total: result.total,
      pagination: paginationFor(paths.snapshots, {}, page.page, page.limit, result.total),
    });
  });

  registerFormPage(app, paths.add, keepers, {
    show: formShow(renderPage, `${T}/add.njk`, async (request) => ({
      title: request.t('workforce:add.title'),
      breadcrumbs: crumbs(request.t),
      paths,
    })),
    async submit(request, reply) {
      const made = await snapshots.add(
        request.principal,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.snapshot(made.id),
        request.t('workforce:add.done', { date: formatDate(request.t, made.asAt) }),
      );
    },
  });

  registerUploadPage(app, paths.importFile, keepers, MAX_FILE_BYTES, {
    show: formShow(renderPage, `${T}/import.njk`, async (request, _values, errors) => ({
      title: request.t('workforce:import.title'),
      breadcrumbs: crumbs(request.t),
      columns: CSV_COLUMNS,
      codes: [
        ['workforce', WORKFORCES.join(', ')],
        ...WORKFORCES.map((w) => [
          request.t('workforce:import.bandsOf', { workforce: w }),
          bandsOf(w).join(', '),
        ]),
        ['sex', SEXES.join(', ')],
        ['ethnic_group', ETHNIC_GROUPS.join(', ')],
      ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
      encodings: ACCEPTED_TEXT_ENCODINGS,
      // Every bad line is listed beside the field as well as in the summary.
      fileMessages: (errors ?? []).filter((e) => e.field === 'file').map((e) => e.message),
      paths,
    })),
    async submit(request, reply, form) {
      const t = request.t;
      const text = await receivedText(form.file, {
        tooLarge: t('workforce:import.file.tooLarge', { size: MAX_FILE_BYTES / (1024 * 1024) }),
        missing: t('workforce:import.file.missing'),
      });
      const done = await snapshots.importFile(
        request.principal,
        form.file?.filename ?? '',
        text,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.snapshots,
        say(t, {
          key: 'workforce:import.done',
          values: {
            count: done.dates.length,
            dates: done.dates.map((d) => formatDate(t, d)).join(', '),
            replaced: done.replaced,
          },
        }),
      );
    },
  });

  app.get(paths.snapshot.pattern, viewers, async (request, reply) => {
    const t = request.t;
    const { snapshot, counts } = await snapshots.get(request.principal, params(request).snapshotId);
    const canManage = can(request.principal, 'workforce.manage');
    const atText = formatDate(t, snapshot.asAt);
    return renderPage(request, reply, `${T}/snapshot.njk`, {
      title: t('workforce:snapshot.title', { date: atText }),
      breadcrumbs: crumbs(t),
      snapshot,
      atText,
      changing: canManage,
      groups: ETHNIC_GROUPS.map((g) => t(`workforce:groups.${g}`)),
      all: keptRow(t, { kind: 'all' }, counts),
      workforces: WORKFORCES.map((workforce) => ({
        heading: t(`workforce:totals.${workforce}`),
        lines: [
          ...bandsOf(workforce).map((band) => ({
            ...keptRow(t, { kind: 'band', workforce, band }, counts),
            changeHref: canManage ? paths.band(snapshot.id, band) : null,
          })),
          keptRow(t, { kind: 'workforce', workforce }, counts),
        ],
      })),
    });
  });

  registerFormPage(app, paths.band.pattern, keepers, {
    initial: async (request) => {
      const { snapshotId, band } = params(request);
      const { snapshot, counts } = await snapshots.get(request.principal, snapshotId);
      const mine = counts.filter((c) => c.rankBand === band);
      return {
        version: String(snapshot.version),
        ...Object.fromEntries(
          SEXES.flatMap((sex) =>
            ETHNIC_GROUPS.map((g) => [
              countField(sex, g),
              String(mine.find((c) => c.sex === sex && c.ethnicGroup === g)?.headcount ?? 0),
            ]),
          ),
        ),
      };
    },
    show: formShow(renderPage, `${T}/band.njk`, async (request) => {
      const t = request.t;
      const { snapshotId, band } = params(request);
      const { snapshot } = await snapshots.get(request.principal, snapshotId);
      if (!(ALL_RANK_BANDS as readonly string[]).includes(band ?? '')) throw new NotFoundError();
      const rankBand = band as RankBand;
      const atText = formatDate(t, snapshot.asAt);
      return {
        title: t('workforce:band.title', { band: t(`workforce:bands.${rankBand}`) }),
        caption: t('workforce:snapshot.title', { date: atText }),
        breadcrumbs: [
          ...crumbs(t),
          {
            text: t('workforce:snapshot.title', { date: atText }),
            href: paths.snapshot(snapshot.id),
          },
        ],
        action: paths.band(snapshot.id, rankBand),
        backHref: paths.snapshot(snapshot.id),
        workforceText: t(`workforce:totals.${workforceOf(rankBand)}`),
        sexes: SEXES.map((sex) => ({
          legend: t('workforce:band.legend', { sex: t(`workforce:sexes.${sex}`) }),
          fields: ETHNIC_GROUPS.map((g) => ({
            name: countField(sex, g),
            label: t(`workforce:groups.${g}`),
          })),
        })),
      };
    }),
    async submit(request, reply) {
      const { snapshotId, band } = params(request);
      const saved = await snapshots.saveBand(
        request.principal,
        snapshotId,
        band ?? '',
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.snapshot(saved.snapshot.id),
        request.t('workforce:band.saved', {
          band: request.t(`workforce:bands.${saved.rankBand}`),
          count: saved.headcount,
        }),
      );
    },
  });
}
