/**
 * LEG-04: a reporting year of stop and search, for anyone: the searches by month and by each
 * breakdown police.uk gives, the arrest and no-further-action rates, and each ethnic group's
 * rate per 1,000 people and disproportionality against White. Each chart has a table beside it
 * with the same figures.
 */
import type { FastifyRequest } from 'fastify';
import { barChart } from '../../../platform/charts/bar-chart.js';
import { reportingYearOf, todayInLondon } from '../../../platform/calendar/index.js';
import { NotFoundError } from '../../../platform/errors.js';
import { formatDate, formatMonth } from '../../../platform/i18n/dates.js';
import { queryString } from '../../../platform/http/pagination.js';
import { BREAKDOWNS, type Count } from './service.js';
import { stopSearchPaths as paths } from '../paths.js';
import { percentText, perThousandText, ratioText, wholeNumber } from '../presenter.js';
import type { StopSearchRouteDeps as RouteDeps } from '../route-deps.js';
import { can } from '../../../platform/auth/permissions.js';
import { keptPage } from '../../../platform/http/route-options.js';

const T = 'modules/stop-search/figures/views';
// Read by anyone, the same for all not signed in: kept while the data is unchanged (ADR 0016).
const publicPage = keptPage('year', 'borough');

export function registerFigureRoutes(
  { app, services, renderPage }: RouteDeps,
  threshold: number,
  now: () => Date,
): void {
  const {
    stopSearchFigures: figures,
    stopSearchImports: imports,
    stopSearchReference: reference,
  } = services;

  app.get(paths.figures, publicPage, async (request: FastifyRequest, reply) => {
    const t = request.t;
    const years = await imports.years();
    const asked = Number(queryString(request.query, 'year'));
    // A year asked for is shown even with nothing imported (the page says so); else the latest.
    const startYear =
      Number.isInteger(asked) && asked >= 1000 && asked <= 9998
        ? asked
        : (years[0] ?? reportingYearOf(todayInLondon(now())).startYear);
    // LEG-04: a borough's figures once its boundary is loaded; until then the force's only.
    const [boroughs, boundaries] = await Promise.all([
      reference.boroughsWithBoundaries(),
      reference.file('boundaries'),
    ]);
    const askedBorough = queryString(request.query, 'borough');
    const borough = askedBorough ? boroughs.find((b) => b.id === askedBorough) : undefined;
    if (askedBorough && !borough) throw new NotFoundError();
    const year = await figures.year(startYear, borough?.id ?? null);
    const share = (n: number) => (year.total ? percentText(n / year.total) : '');
    const valueText = (k: string, c: Count) =>
      c.value === null
        ? t('stop-search:figures.blank')
        : k === 'selfDefinedGroup'
          ? t(`stop-search:groups.${c.value}`)
          : c.value;
    const monthRows = year.months.map((m) => ({
      label: formatMonth(t, m.month),
      value: m.searches,
      shown: m.imported ? wholeNumber(m.searches) : t('stop-search:figures.notImported'),
      imported: m.imported,
    }));
    const groups = (year.groups ?? []).map((g) => ({
      ...g,
      name: t(`stop-search:groups.${g.group}`),
      searchesText: wholeNumber(g.searches),
      populationText: g.population === null ? '' : wholeNumber(g.population),
      perThousandText: perThousandText(g.perThousand),
      ratioText: g.against ? ratioText(g.against.ratio) : '',
      intervalText: g.against
        ? t('stop-search:figures.interval', {
            lower: ratioText(g.against.lower),
            upper: ratioText(g.against.upper),
          })
        : '',
    }));
    return renderPage(request, reply, `${T}/figures.njk`, {
      title: t('stop-search:figures.title'),
      breadcrumbs: [{ text: t('nav.home'), href: '/' }],
      paths,
      canImport: can(request.principal, 'stop-search.import'),
      borough: borough ?? null,
      boroughs: boroughs.length
        ? [
            { value: '', text: t('stop-search:figures.wholeArea'), selected: !borough },
            ...boroughs.map((b) => ({ value: b.id, text: b.name, selected: b.id === borough?.id })),
          ]
        : [],
      boundariesLoaded: boundaries !== null,
      stillPlacing: boundaries !== null && boundaries.placedAt === null,
      years: years.map((y) => ({
        value: String(y),
        text: `${y}-${String((y + 1) % 100).padStart(2, '0')}`,
        selected: y === startYear,
      })),
      year: year.year,
      total: wholeNumber(year.total),
      hasSearches: year.total > 0,
      months: monthRows,
      monthChart: barChart(monthRows),
      summary: [
        [t('stop-search:figures.total'), wholeNumber(year.total)],
        [
          t('stop-search:figures.monthsImported'),
          t('stop-search:figures.monthsOf', {
            count: year.months.filter((m) => m.imported).length,
          }),
        ],
        [
          t('stop-search:figures.arrestRate'),
          t('stop-search:figures.rateOf', {
            rate: percentText(year.outcomes.arrestRate),
            count: wholeNumber(year.outcomes.arrests),
          }),
        ],
        [
          t('stop-search:figures.noFurtherActionRate'),
          t('stop-search:figures.rateOf', {
            rate: percentText(year.outcomes.noFurtherActionRate),
            count: wholeNumber(year.outcomes.noFurtherAction),
          }),
        ],
        [t('stop-search:figures.outcomeNotRecorded'), wholeNumber(year.outcomes.notRecorded)],
        // A borough's searches all have a location: those without are the force's only.
        ...(borough
          ? []
          : [[t('stop-search:figures.withoutLocation'), wholeNumber(year.withoutLocation)]]),
        ...(borough || !boundaries
          ? []
          : [[t('stop-search:figures.outsideBoroughs'), wholeNumber(year.outsideBoroughs)]]),
      ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
      ethnicityNotStated: {
        count: year.ethnicityNotStated,
        shown: wholeNumber(year.ethnicityNotStated),
      },
      groups,
      groupChart: barChart(
        groups.map((g) => ({
          label: g.name,
          value: g.perThousand ?? 0,
          shown: g.perThousandText,
          flagged: g.flagged,
        })),
      ),
      threshold: ratioText(threshold),
      population: year.population && {
        source: year.population.source,
        asOf: year.population.asOf ? formatDate(t, year.population.asOf) : '',
      },
      // Without a population to read them against, the groups' searches are still counted.
      breakdowns: BREAKDOWNS.filter((k) => k !== 'selfDefinedGroup' || !year.groups).map((k) => ({
        key: k,
        heading: t(`stop-search:breakdowns.${k}`),
        rows: year.by[k].map((c) => ({
          value: valueText(k, c),
          searches: wholeNumber(c.searches),
          share: share(c.searches),
        })),
      })),
    });
  });
}
