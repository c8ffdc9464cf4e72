/**
 * IAG-34: the training needs shown against what was delivered, recording one, and a person's own
 * training (the sessions they attended and their needs).
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import { personPickerItems } from '../../directory/index.js';
import { needCrumbs } from '../crumbs.js';
import { trainingPaths as paths } from '../paths.js';
import type { TrainingRouteDeps as RouteDeps } from '../route-deps.js';
import { NEED_AREAS } from '../rules.js';
import type { NeedRow } from './service.js';

const T = 'modules/training/needs/views';
const readers = { config: { access: { action: 'training.view' as const } } };
const keepers = { config: { access: { action: 'training.manage' as const } } };
const own = { config: { access: { action: 'training.own' as const } } };

const STATUS_TAG = { met: 'govuk-tag--green', open: 'govuk-tag--blue', overdue: 'govuk-tag--red' };

export function registerNeedRoutes({ app, services, renderPage }: RouteDeps): void {
  const { trainingNeeds: needs, trainingCourses: courses, directory } = services;

  /** A need as its row reads: whom, and its standing against what was delivered. */
  const needRow = (request: FastifyRequest, n: NeedRow) => ({
    ...n,
    whom: n.person ?? request.t('training:needs.wholeRole'),
    areaName: request.t(`training:areas.${n.area}`),
    courseHref: paths.course(n.courseId),
    statusText:
      n.status === 'met' && n.metOn
        ? request.t('training:needs.status.metOn', { date: formatDate(request.t, n.metOn) })
        : request.t(`training:needs.status.${n.status}`),
    statusClass: STATUS_TAG[n.status],
  });

  app.get(paths.needs, readers, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const page = pageRequest(query.page);
    const filter = { area: queryString(query, 'area'), courseId: queryString(query, 'course') };
    const [result, courseOptions] = await Promise.all([
      needs.list(request.principal, filter, page),
      courses.options(request.principal),
    ]);
    return renderPage(request, reply, `${T}/list.njk`, {
      title: request.t('training:needs.title'),
      breadcrumbs: needCrumbs(request).slice(0, 1),
      rows: result.items.map((n) => needRow(request, n)),
      total: result.total,
      areaItems: [
        { value: '', text: request.t('training:needs.anyArea') },
        ...NEED_AREAS.map((a) => ({
          value: a,
          text: request.t(`training:areas.${a}`),
          selected: a === result.area,
        })),
      ],
      courseItems: [
        { value: '', text: request.t('training:numbers.anyCourse') },
        ...courseOptions.map((c) => ({
          value: c.id,
          text: c.title,
          selected: c.id === result.courseId,
        })),
      ],
      canManage: can(request.principal, 'training.manage'),
      paths,
      pagination: paginationFor(
        paths.needs,
        { area: result.area ?? undefined, course: result.courseId ?? undefined },
        page.page,
        page.limit,
        result.total,
      ),
    });
  });

  registerFormPage(app, paths.newNeed, keepers, {
    show: formShow(renderPage, `${T}/form.njk`, async (request, values) => {
      const q = typeof values.q === 'string' ? values.q : queryString(request.query, 'q');
      const [people, courseOptions] = await Promise.all([
        personPickerItems(
          directory,
          request.principal,
          q,
          typeof values.personId === 'string' ? values.personId : undefined,
        ),
        courses.options(request.principal),
      ]);
      return {
        title: request.t('training:needs.add'),
        breadcrumbs: needCrumbs(request),
        q,
        people: people.map((p) => ({ ...p, checked: p.value === values.personId })),
        areaItems: NEED_AREAS.map((a) => ({
          value: a,
          text: request.t(`training:areas.${a}`),
          checked: a === values.area,
        })),
        courseItems: [
          { value: '', text: request.t('training:needs.chooseCourse') },
          ...courseOptions.map((c) => ({
            value: c.id,
            text: c.title,
            selected: c.id === values.courseId,
          })),
        ],
        action: paths.newNeed,
        backHref: paths.needs,
      };
    }),
    async submit(request, reply) {
      await needs.record(
        request.principal,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(reply, paths.needs, request.t('training:needs.added'));
    },
  });

  app.get(paths.yours, own, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await needs.own(request.principal, page);
    return renderPage(request, reply, `${T}/yours.njk`, {
      title: request.t('training:yours.title'),
      breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
      sessions: result.sessions,
      total: result.total,
      needs: result.needs.map((n) => needRow(request, n)),
      pagination: paginationFor(paths.yours, {}, page.page, page.limit, result.total),
    });
  });
}
