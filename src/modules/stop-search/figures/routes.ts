/**
 * LEG-04: a reporting year of stop and search, for anyone: the searches by month and by each
 * breakdown police.uk gives, the arrest and no-further-action rates, and each ethnic group's
 * rate per 1,000 people and disproportionality against White. Each chart has a table beside it
 * with the same figures.
 */
import type { FastifyRequest } from 'fastify';
import { barChart } from '../../../platform/charts/bar-chart.js';
import { reportingYearOf, todayInLondon } from '../../../platform/calendar/index.js';
import { formatMonth } from '../../../platform/i18n/dates.js';
import { queryString } from '../../../platform/http/pagination.js';
import { BREAKDOWNS, type Count } from './service.js';
import { stopSearchPaths as paths } from '../paths.js';
import { percentText, perThousandText, ratioText, wholeNumber } from '../presenter.js';
import type { StopSearchRouteDeps as RouteDeps } from '../route-deps.js';
import type { PopulationFigures } from '../population.js';
import { can } from '../../../platform/auth/permissions.js';

const T = 'modules/stop-search/figures/views';
const publicPage = { config: { access: 'public' as const } };

export function registerFigureRoutes(
  { app, services, renderPage }: RouteDeps,
  population: PopulationFigures,
  threshold: number,
  now: () => Date,
): void {
  const { stopSearchFigures: figures, stopSearchImports: imports } = services;

  app.get(paths.figures, publicPage, async (request: FastifyRequest, reply) => {
    const t = request.t;
    const years = await imports.years();
    const asked = Number(queryString(request.query, 'year'));
    // A year asked for is shown even with nothing imported (the page says so); else the latest.
    const startYear =
      Number.isInteger(asked) && asked >= 1000 && asked <= 9998
        ? asked
        : (years[0] ?? reportingYearOf(todayInLondon(now())).startYear);
    const year = await figures.year(startYear, null);
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
      years: years.map((y) => ({
        value: String(y),
        text: `${y}-${String((y + 1) % 100).padStart(2, '0')}`,
        selected: y === startYear,
      })),
      year: year.year,
      total: wholeNumber(year.total),
      hasSearches: year.total > 0,
      monthsImported: year.months.filter((m) => m.imported).length,
      months: monthRows,
      monthChart: barChart(monthRows),
      outcomes: {
        arrests: wholeNumber(year.outcomes.arrests),
        arrestRate: percentText(year.outcomes.arrestRate),
        noFurtherAction: wholeNumber(year.outcomes.noFurtherAction),
        noFurtherActionRate: percentText(year.outcomes.noFurtherActionRate),
        notRecorded: wholeNumber(year.outcomes.notRecorded),
      },
      withoutLocation: wholeNumber(year.withoutLocation),
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
      population,
      breakdowns: BREAKDOWNS.filter((k) => k !== 'selfDefinedGroup').map((k) => ({
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
