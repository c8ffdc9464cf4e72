/** CDRP-11: the numbers trained by course and borough in a reporting year, as a page and CSV. */
import type { FastifyRequest } from 'fastify';
import { sendCsv } from '../../../platform/http/csv.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { pageRequest } from '../../../platform/db/search.js';
import { trainingPaths as paths } from '../paths.js';
import type { TrainingRouteDeps as RouteDeps } from '../route-deps.js';

const T = 'modules/training/numbers/views';
const readers = { config: { access: { action: 'training.view' as const } } };
/** Rows of the table a page at a time: a year has a row per course and borough it reached. */
const ROWS_PER_PAGE = 50;

export function registerNumbersRoutes({ app, services, renderPage }: RouteDeps): void {
  const { trainingNumbers: numbers, trainingCourses: courses } = services;

  const filterOf = (request: FastifyRequest) => {
    const query = request.query as Record<string, unknown>;
    return {
      year: numbers.yearOf(queryString(query, 'year')),
      courseId: queryString(query, 'course'),
      boroughId: queryString(query, 'borough'),
    };
  };

  app.get(paths.numbers, readers, async (request, reply) => {
    const filter = filterOf(request);
    const query = request.query as Record<string, unknown>;
    const [result, years, courseOptions, boroughs] = await Promise.all([
      numbers.numbers(request.principal, filter),
      numbers.years(request.principal),
      courses.options(request.principal),
      courses.boroughs(),
    ]);
    const page = pageRequest(query.page, ROWS_PER_PAGE);
    const kept = {
      year: String(result.year.startYear),
      course: filter.courseId,
      borough: filter.boroughId,
    };
    const csv = new URLSearchParams(
      Object.entries(kept).filter((e): e is [string, string] => Boolean(e[1])),
    );
    return renderPage(request, reply, `${T}/numbers.njk`, {
      title: request.t('training:numbers.title'),
      breadcrumbs: [
        { text: request.t('nav.home'), href: '/' },
        { text: request.t('training:courses.title'), href: paths.courses },
      ],
      year: result.year,
      rows: result.rows.slice(page.offset, page.offset + page.limit).map((r) => ({
        ...r,
        href: paths.course(r.courseId),
      })),
      total: result.total,
      rowCount: result.rows.length,
      yearItems: years.map((y) => ({
        value: String(y.startYear),
        text: y.label,
        selected: y.startYear === result.year.startYear,
      })),
      courseItems: [
        { value: '', text: request.t('training:numbers.anyCourse') },
        ...courseOptions.map((c) => ({
          value: c.id,
          text: c.title,
          selected: c.id === filter.courseId,
        })),
      ],
      boroughItems: [
        { value: '', text: request.t('training:numbers.anyBorough') },
        ...boroughs.map((b) => ({
          value: b.id,
          text: b.name,
          selected: b.id === filter.boroughId,
        })),
      ],
      action: paths.numbers,
      csvHref: `${paths.numbersCsv}?${csv.toString()}`,
      pagination: paginationFor(paths.numbers, kept, page.page, page.limit, result.rows.length),
    });
  });

  app.get(paths.numbersCsv, readers, async (request, reply) => {
    const result = await numbers.numbers(request.principal, filterOf(request));
    const t = request.t;
    return sendCsv(reply, `training-numbers-${result.year.label}.csv`, [
      [
        t('training:numbers.csv.year'),
        t('training:numbers.csv.course'),
        t('training:numbers.csv.borough'),
        t('training:numbers.csv.people'),
      ],
      ...result.rows.map((r) => [result.year.label, r.course, r.borough, String(r.people)]),
    ]);
  });
}
