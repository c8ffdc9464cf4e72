/**
 * CON-04: staff's pages of applications: every submitted application across rounds (filtered by
 * fund, round, status, borough and words), and an application as submitted, read only.
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { APPLICATION_STATUSES } from '../constants.js';
import { fundPaths } from '../funds/paths.js';
import type { GrantsRouteDeps as RouteDeps } from '../route-deps.js';
import { applicationPaths as paths } from './paths.js';
import { applicationView } from './presenter.js';
import { can } from '../../../platform/auth/permissions.js';
import { awardPaths } from '../assessment/paths.js';
import { monitoringPaths } from '../monitoring/paths.js';
import { tiedToView } from '../links/presenter.js';

const T = 'modules/grants/applications/views';
const readers = { config: { access: { action: 'grants.view' as const } } };

export function registerStaffApplicationRoutes({ app, services, renderPage }: RouteDeps): void {
  const { grantApplications: applications, grantFunds: funds, directory } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('grants:funds.home.title'), href: fundPaths.home },
    { text: request.t('grants:applications.list.title'), href: paths.list },
  ];
  const options = (
    request: FastifyRequest,
    anyKey: string,
    list: { value: string; text: string }[],
    chosen: string | undefined,
  ) => [
    { value: '', text: request.t(anyKey) },
    ...list.map((o) => ({ ...o, selected: o.value === chosen })),
  ];

  app.get(paths.list, readers, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const page = pageRequest(query.page);
    const filter = {
      fund: queryString(query, 'fund'),
      round: queryString(query, 'round'),
      status: queryString(query, 'status'),
      borough: queryString(query, 'borough'),
      q: queryString(query, 'q'),
    };
    const [list, fundList, roundList, boroughs] = await Promise.all([
      applications.list(request.principal, filter, page),
      funds.fundOptions(request.principal),
      funds.roundOptions(request.principal),
      directory.scopeCatalogue.options('borough'),
    ]);
    return renderPage(request, reply, `${T}/staff-list.njk`, {
      title: request.t('grants:applications.list.title'),
      breadcrumbs: crumbs(request).slice(0, 2),
      rows: list.items.map((a) => ({
        ...a,
        href: paths.staffApplication(a.id),
        statusName: request.t(`grants:applications.statuses.${a.status}`),
      })),
      total: list.total,
      requestedPence: list.requestedPence,
      filter,
      fundItems: options(
        request,
        'grants:applications.list.anyFund',
        fundList.map((f) => ({ value: f.id, text: f.name })),
        filter.fund,
      ),
      roundItems: options(
        request,
        'grants:applications.list.anyRound',
        roundList.map((r) => ({ value: r.id, text: `${r.title} (${r.fundName})` })),
        filter.round,
      ),
      statusItems: options(
        request,
        'grants:applications.anyStatus',
        APPLICATION_STATUSES.filter((s) => s !== 'draft').map((s) => ({
          value: s,
          text: request.t(`grants:applications.statuses.${s}`),
        })),
        filter.status,
      ),
      boroughItems: options(
        request,
        'grants:applications.list.anyBorough',
        boroughs.map((b) => ({ value: b.id, text: b.name })),
        filter.borough,
      ),
      showRound: true,
      action: paths.list,
      pagination: paginationFor(paths.list, filter, page.page, page.limit, list.total),
    });
  });

  app.get(paths.staffApplication.pattern, readers, async (request, reply) => {
    const found = await applications.staffView(
      request.principal,
      (request.params as { applicationId: string }).applicationId,
    );
    const a = found.application;
    return renderPage(request, reply, `${T}/staff-application.njk`, {
      title: a.projectTitle,
      section: request.t('grants:applications.referenceText', { reference: a.reference }),
      breadcrumbs: crumbs(request),
      ...found,
      view: applicationView(request, found),
      canChange: false,
      roundHref: fundPaths.round(found.round.id),
      fundHref: fundPaths.fund(found.fund.id),
      // What comes after submission: assessment and the panel (officers), then the award.
      canManage: can(request.principal, 'grants.manage'),
      assessorsHref: awardPaths.assessors(a.id),
      decisionHref: awardPaths.decision(a.id),
      letterHref: awardPaths.letter(a.id),
      monitoringHref: monitoringPaths.grant(a.id),
      // CON-04: what an awarded grant served (meetings, recommendations, consultations).
      tiedTo:
        a.status === 'awarded'
          ? await tiedToView(request, services.grantLinks, a.id, 'application')
          : null,
    });
  });
}
