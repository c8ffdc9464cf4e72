/**
 * LEG-04: the workforce's equality figures, for anyone: the shares of minority-ethnic and of
 * female personnel over time, for everyone or one workforce, as line charts with the same figures
 * in tables; and a snapshot by rank band. DP-01: counts below 10 are "fewer than 10", and a count
 * or share that would give one away is not shown.
 */
import { barChart } from '../../../platform/charts/bar-chart.js';
import { lineChart } from '../../../platform/charts/line-chart.js';
import { NotFoundError } from '../../../platform/errors.js';
import { queryString } from '../../../platform/http/pagination.js';
import { formatDate, formatMonth } from '../../../platform/i18n/dates.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { workforcePaths as paths } from '../paths.js';
import { countText, lineName, lineRow, shareText } from '../presenter.js';
import type { WorkforceRouteDeps as RouteDeps } from '../route-deps.js';
import {
  ETHNIC_GROUPS,
  lineFor,
  WORKFORCES,
  type PublishedLine,
  type Workforce,
} from '../rules.js';
import { WORKFORCE_DATASET } from '../open-data.js';
import { keptPage } from '../../../platform/http/route-options.js';

const T = 'modules/workforce/public/views';
// Read by anyone, the same for all not signed in: kept while the data is unchanged (ADR 0016).
const publicPage = keptPage('workforce', 'at');

const WHO = ['all', ...WORKFORCES] as const;
type Who = (typeof WHO)[number];

/** A share on the chart, in percent, and as the table writes it. */
const point = (t: Translate, asAt: string, share: number | null) => ({
  label: formatMonth(t, asAt),
  value: share === null ? null : Math.round(share * 1000) / 10,
  shown: shareText(t, share),
});

const countOf = (shown: string | undefined) => (shown === undefined ? undefined : countText(shown));

/** An axis's share: "12.5%", "6.3%". */
const percentAxis = (v: number) => `${Number(v.toFixed(1))}%`;

export function registerPublicRoutes({ app, services, renderPage }: RouteDeps): void {
  const { workforcePublic: published } = services;

  app.get(paths.publicFigures, publicPage, async (request, reply) => {
    const t = request.t;
    const askedWho = queryString(request.query, 'workforce') ?? 'all';
    if (!(WHO as readonly string[]).includes(askedWho)) throw new NotFoundError();
    const who = askedWho as Who;
    const { dates, at, series } = await published.figures(queryString(request.query, 'at'));
    const whoName = t(`workforce:totals.${who}`);
    const rows = series.map(({ asAt, published: p }) => {
      const line = lineFor(p, who);
      return {
        asAt,
        dateText: formatDate(t, asAt),
        line,
        headcount: countOf(line?.shown.headcount) ?? t('workforce:figures.noneCounted'),
        female: countOf(line?.shown.female) ?? '',
        minority: countOf(line?.shown.minority) ?? '',
        white: countOf(line?.shown.white) ?? '',
        femaleShare: line ? shareText(t, line.femaleShare) : '',
        minorityShare: line ? shareText(t, line.minorityShare) : '',
      };
    });
    const latest = series.at(-1);
    const from = rows[0]?.dateText ?? '';
    const to = rows.at(-1)?.dateText ?? '';
    // The snapshot by rank band (one workforce), or by workforce (everyone).
    let lines: PublishedLine[] = [];
    if (latest && who === 'all')
      lines = [...latest.published.workforces.map((w) => w.total), latest.published.all];
    else if (latest) {
      const mine = latest.published.workforces.find((w) => w.workforce === (who as Workforce));
      lines = mine ? [...mine.bands, mine.total] : [];
    }
    const parts = lines.filter(
      (l) => l.key.kind !== 'all' && (who === 'all' || l.key.kind === 'band'),
    );
    const bars = (pick: (l: PublishedLine) => number | null) =>
      barChart(
        // DP-01: a withheld share draws no bar (a bar of nothing would read as 0%); the table
        // beside the chart says "not shown".
        parts
          .filter((l) => pick(l) !== null)
          .map((l) => ({
            label: lineName(t, l.key),
            value: pick(l)! * 100,
            shown: shareText(t, pick(l)),
          })),
      );
    return renderPage(request, reply, `${T}/figures.njk`, {
      title: t('workforce:public.title'),
      breadcrumbs: [{ text: t('nav.home'), href: '/' }],
      paths,
      openDataHref: `/open-data/${WORKFORCE_DATASET}`,
      whoItems: WHO.map((w) => ({
        value: w,
        text: t(`workforce:totals.${w}`),
        selected: w === who,
      })),
      dateItems: dates.map((d) => ({ value: d, text: formatDate(t, d), selected: d === at })),
      whoName,
      atText: at ? formatDate(t, at) : '',
      rows,
      rowsNewestFirst: [...rows].reverse(),
      minorityChart: lineChart(
        rows.map((r) => point(t, r.asAt, r.line?.minorityShare ?? null)),
        percentAxis,
      ),
      femaleChart: lineChart(
        rows.map((r) => point(t, r.asAt, r.line?.femaleShare ?? null)),
        percentAxis,
      ),
      range: { from, to, who: whoName },
      byWho: who === 'all' ? 'workforce' : 'band',
      lines: lines.map((l) => lineRow(t, l)),
      groups: ETHNIC_GROUPS.map((g) => t(`workforce:groups.${g}`)),
      minorityBars: bars((l) => l.minorityShare),
      femaleBars: bars((l) => l.femaleShare),
    });
  });
}
