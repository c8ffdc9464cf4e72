/**
 * ICV-10, LEG-05: the scheme's annual report as a PDF (issue 24 item 7), for the authority's
 * papers and anyone who asks: the year, the scheme's totals, a table by area, the issues raised
 * and resolved, each panel's community activities and recruitment, and the surges. The figures are the statistics page's for the year, in its words. A tagged
 * PDF (headings, paragraphs and table cells marked, the language set) so screen readers can
 * follow it, laid onto pages by the platform's PDF layout as every Bridge PDF is (a heading kept
 * with what follows, rows kept whole, a table's header row repeated on each page it goes on to).
 */
import { formatDate } from '../../../platform/i18n/dates.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  figuresTable,
  renderPdf,
  style,
  textBlock,
  type Block,
  type Doc,
} from '../../../platform/pdf/index.js';
import { ACTIVITY_KINDS } from '../community-rules.js';
import { formatTarget } from '../rules.js';
import {
  publishedSeen,
  type PerformanceLine,
  type Period,
  type ReportFigures,
} from '../statistics-rules.js';
import { panelTotal, type AppliedSurge, type PanelFigures } from './panel-figures.js';
import { figure, percentFigure, periodName, periodDays } from './words.js';

const STYLES = {
  h1: style('Helvetica-Bold', 20),
  h2: style('Helvetica-Bold', 14),
  lead: style('Helvetica', 12.5),
  body: style('Helvetica', 10.5),
  small: style('Helvetica', 9.5),
};

/** What the report is made from: the statistics of one year. */
export interface AnnualFigures {
  period: Period;
  soFar: boolean;
  total: PerformanceLine;
  areas: { area: string; total: PerformanceLine }[];
  reports: ReportFigures;
  surges: AppliedSurge[];
  panels: PanelFigures[];
  allApplications: number;
}

export async function renderAnnualReportPdf(figures: AnnualFigures, t: Translate): Promise<Buffer> {
  const title = t('custody-visiting:statistics.annual.title');
  const year = periodName(t, figures.period);
  return renderPdf({ Title: `${title}, ${year}`, Author: t('layout.serviceName') }, (doc) =>
    annualBlocks(doc, figures, t, title, year),
  );
}

/** The report as blocks to lay out, in the order it is read. */
function annualBlocks(
  doc: Doc,
  figures: AnnualFigures,
  t: Translate,
  title: string,
  year: string,
): Block[] {
  const heading = (words: string) =>
    textBlock(doc, 'H2', [{ text: words, style: STYLES.h2 }], { before: 12 });
  const paragraph = (words: string, s = STYLES.body) =>
    textBlock(doc, 'P', [{ text: words, style: s }], { after: 8 });
  const table = (spec: Parameters<typeof figuresTable>[1]) => figuresTable(doc, spec);

  const c = (key: string) => t(`custody-visiting:statistics.annual.${key}`);
  const percent = (l: PerformanceLine) =>
    l.percentOfTarget === null
      ? t('custody-visiting:statistics.noTarget')
      : t('custody-visiting:statistics.percent', { percent: l.percentOfTarget });
  const r = figures.reports.total;
  // DP-01: as the page publishes them, so the two cannot be set side by side.
  const seen = publishedSeen(figures.reports)(r);
  const v = figures.total;

  const blocks: Block[] = [
    textBlock(doc, 'H1', [{ text: title, style: STYLES.h1 }], { after: 12 }),
    paragraph(
      t('custody-visiting:statistics.annual.year', { year, days: periodDays(t, figures.period) }),
      STYLES.lead,
    ),
  ];
  if (figures.soFar) blocks.push(paragraph(c('soFar')));

  blocks.push(
    heading(c('totals')),
    table({
      title: c('totals'),
      head: [c('measure'), c('figure')],
      shares: [0.7, 0.3],
      rows: [
        [c('made'), String(v.made)],
        [c('target'), String(v.target)],
        [c('ofTarget'), percent(v)],
        [c('missed'), String(v.missed)],
        [c('reports'), String(r.reports)],
        [c('present'), String(r.detaineesPresent)],
        [c('seen'), String(r.seen)],
        // DP-01: published with small numbers suppressed.
        [c('childrenSeen'), seen.childrenSeen],
        [c('vulnerableSeen'), seen.vulnerableSeen],
        [c('delayed'), String(r.delayed)],
        [c('medianDelay'), figure(t, r.medianDelay)],
        [c('longestDelay'), figure(t, r.longestDelay)],
        [c('issuesRaised'), String(r.issuesRaised)],
        [c('issuesResolved'), String(r.issuesResolved)],
        [c('percentResolved'), percentFigure(t, r.percentResolved)],
        [c('medianDays'), figure(t, r.medianDaysToResolve)],
      ],
    }),
  );

  const reportsOf = new Map(figures.reports.areas.map((a) => [a.area, a.total]));
  blocks.push(
    heading(c('byArea')),
    table({
      title: c('byArea'),
      head: [
        t('custody-visiting:statistics.columns.area'),
        t('custody-visiting:statistics.columns.target'),
        t('custody-visiting:statistics.columns.made'),
        t('custody-visiting:statistics.columns.ofTarget'),
        c('reportsShort'),
        c('seenShort'),
        c('delayedShort'),
      ],
      shares: [0.31, 0.1, 0.1, 0.11, 0.12, 0.13, 0.13],
      rows: [
        ...figures.areas.map((a) => {
          const reports = reportsOf.get(a.area);
          return [
            a.area,
            String(a.total.target),
            String(a.total.made),
            percent(a.total),
            String(reports?.reports ?? 0),
            String(reports?.seen ?? 0),
            String(reports?.delayed ?? 0),
          ];
        }),
        [
          v.name,
          String(v.target),
          String(v.made),
          percent(v),
          String(r.reports),
          String(r.seen),
          String(r.delayed),
        ],
      ],
    }),
  );

  blocks.push(
    heading(c('issues')),
    paragraph(
      t('custody-visiting:statistics.issues.summary', {
        raised: r.issuesRaised,
        resolved: r.issuesResolved,
        percent: percentFigure(t, r.percentResolved),
      }),
    ),
    table({
      title: c('issues'),
      head: [
        t('custody-visiting:statistics.columns.area'),
        t('custody-visiting:statistics.columns.issuesRaised'),
        t('custody-visiting:statistics.columns.issuesResolved'),
        t('custody-visiting:statistics.columns.percentResolved'),
        t('custody-visiting:statistics.columns.medianDays'),
      ],
      shares: [0.36, 0.16, 0.16, 0.16, 0.16],
      rows: [...figures.reports.areas.map((a) => a.total), r].map((l) => [
        l.name,
        String(l.issuesRaised),
        String(l.issuesResolved),
        percentFigure(t, l.percentResolved),
        figure(t, l.medianDaysToResolve),
      ]),
    }),
  );

  // LEG-05: how each panel told its community about the scheme, and its recruitment.
  const all = panelTotal(figures.panels, figures.allApplications);
  blocks.push(
    heading(t('custody-visiting:panelFigures.heading')),
    paragraph(t('custody-visiting:panelFigures.lead')),
    table({
      title: t('custody-visiting:panelFigures.caption', { period: year }),
      head: [
        t('custody-visiting:panelFigures.csv.panel'),
        ...ACTIVITY_KINDS.map((k) => t(`custody-visiting:community.kindsPlural.${k}`)),
        t('custody-visiting:panelFigures.columns.reached'),
        t('custody-visiting:panelFigures.columns.applications'),
        t('custody-visiting:panelFigures.columns.appointments'),
        t('custody-visiting:panelFigures.columns.leavers'),
      ],
      shares: [0.22, 0.075, 0.08, 0.095, 0.115, 0.1, 0.135, 0.115, 0.065],
      rows: [
        ...figures.panels.map((p) => [
          p.panel,
          ...p.activities.kinds.map((k) => String(k.count)),
          String(p.activities.reached),
          String(p.applications),
          String(p.appointments),
          String(p.leavers),
        ]),
        [
          t('custody-visiting:panelFigures.allPanels'),
          ...all.kinds.map(String),
          String(all.reached),
          String(all.applications),
          String(all.appointments),
          String(all.leavers),
        ],
      ],
    }),
  );

  // ICV-10: the surges that raised suites' targets in the year (the targets above include them).
  blocks.push(heading(t('custody-visiting:panelFigures.surgesHeading')));
  if (!figures.surges.length) blocks.push(paragraph(t('custody-visiting:panelFigures.noSurges')));
  else
    blocks.push(
      paragraph(t('custody-visiting:panelFigures.surgesLead')),
      table({
        title: t('custody-visiting:panelFigures.surgesCaption', { period: year }),
        head: [
          t('custody-visiting:surges.name'),
          t('custody-visiting:surges.period'),
          t('custody-visiting:surges.suites'),
          t('custody-visiting:surges.target'),
        ],
        shares: [0.25, 0.25, 0.35, 0.15],
        words: [1, 2],
        rows: figures.surges.map((surge) => [
          surge.name,
          t('custody-visiting:panelFigures.surgePeriod', {
            from: formatDate(t, surge.startsOn),
            to: formatDate(t, surge.endsOn),
          }),
          surge.suites.map((x) => `${x.name} (${x.area})`).join(', '),
          formatTarget(surge.visitsPerWeek),
        ]),
      }),
    );

  blocks.push(paragraph(t('custody-visiting:statistics.reportsDefinitions'), STYLES.small));
  return blocks;
}
