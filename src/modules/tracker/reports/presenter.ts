/**
 * The committee's progress report in words: everything the report page and its PDF show, worded
 * once, in the order both show it. The page (report.njk) and the PDF (pdf.ts) draw the report
 * only from this, so a line added here appears in both; each adds only what belongs to its medium
 * (the page its date form, links and buttons; the PDF its metadata and "(continued)"). A test
 * reads the PDF back and compares its text with the page's.
 */
import { type IsoDate } from '../../../platform/calendar/index.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { type Said, say } from '../../../platform/i18n/said.js';
import type { ActionChange, ActionResult, ItemNoun, RecommendationStatus } from '../rules.js';
import { formattedBlocks, type FormattedBlock } from '../formatted-text.js';
import { formatDate } from '../../../platform/i18n/dates.js';

/**
 * What a progress report holds (service.ts builds it): written out here, not imported, so that
 * the service may use this presenter for its PDF without the two importing each other.
 */
export interface ReportToPresent {
  source: {
    title: string;
    reportsTo: string | null;
    noun: ItemNoun;
    summary: string | null;
    introduction: string | null;
    /** Why it was withdrawn, if it was by the report's date (issue 23). */
    withdrawnReason?: string | null;
  };
  asOf: IsoDate;
  /** Why nothing shows as at the date, though the source has actions (issue 23 item 10). */
  nothingYet: { asOf: IsoDate; entered: IsoDate | null; firstUpdate: IsoDate | null } | null;
  previous: { asOf: IsoDate } | null | undefined;
  counts: { total: number };
  summary: readonly { result: ActionResult; count: number }[];
  recommendationsComplete: number;
  /** Those not withdrawn (issue 23); all of them when not given. */
  recommendationsCounted?: number;
  changes: number;
  recommendations: readonly {
    id: string;
    /**
     * The part of the source it is numbered in (issue 23), if the source has parts; why it was
     * withdrawn, if it was by the report's date.
     */
    part: { id: string; title: string; withdrawnReason?: string | null } | null;
    number: string;
    section: string | null;
    text: string;
    status: RecommendationStatus;
    progress: 'complete' | 'in_progress' | 'no_actions';
    /** Why it was withdrawn, if it was by the report's date (issue 23). */
    withdrawnReason?: string | null;
    supersededByNumber: string | null;
    rationale: string | null;
    /** Its actions directly under it, with no key point (issue 23). */
    actions: readonly ActionToPresent[];
    keyPoints: readonly {
      number: string | null;
      text: string;
      leadName: string | null;
      withdrawnReason?: string | null;
      actions: readonly ActionToPresent[];
    }[];
  }[];
}

interface ActionToPresent {
  id: string;
  /** Why it was withdrawn, if it was by the report's date (issue 23). */
  withdrawnReason?: string | null;
  number: string | null;
  description: string | null;
  ownerName: string | null;
  dueOn: IsoDate | null;
  resultLabel: Said;
  change: ActionChange['kind'] | null;
  narrative: string | null;
}

/** An item's own number before its words (2.1 Staffing), where the source numbers it. */
const numbered = (number: string | null, words: string) =>
  number ? (words ? `${number} ${words}` : number) : words;

/** A GOV.UK tag: a few words set apart, in a colour that says what kind of mark it is. */
export interface ReportTag {
  text: string;
  colour: 'grey' | 'green' | 'blue';
}

export interface ReportAction {
  /** The page for recording progress on it, for someone who may (the page only). */
  href: string | null;
  description: string;
  owner: string | null;
  due: string | null;
  result: string;
  change: ReportTag | null;
  narrative: string | null;
  /** "Withdrawn: <reason>" (issue 23). */
  withdrawn: string | null;
}

export interface ReportKeyPoint {
  text: string;
  lead: string | null;
  withdrawn: string | null;
  actions: ReportAction[];
  /** Said in place of the actions when there are none. */
  noActions: string | null;
}

export interface ReportItem {
  /** Its id, for the page's anchor (numbers repeat from part to part). */
  id: string;
  number: string;
  /** The title of the part it starts (issue 23): given on the first item of each part. */
  part: string | null;
  /** The part it starts withdrawn (issue 23): its tag, and "Withdrawn: <reason>". */
  partTag: ReportTag | null;
  partWithdrawn: string | null;
  /** It is in a part: its heading is one level below the part's. */
  inPart: boolean;
  heading: string;
  tag: ReportTag | null;
  withdrawn: string | null;
  section: string | null;
  text: string;
  superseded: string | null;
  notAccepted: { label: string; rationale: string } | null;
  /** The table of key points, actions and results, or what is said when there are none. */
  table: {
    caption: string;
    head: [keyPoints: string, actions: string, results: string];
    keyPoints: ReportKeyPoint[];
  } | null;
  noKeyPoints: string | null;
}

export interface PresentedReport {
  /** The line above the title: "Progress report to the …". */
  caption: string;
  title: string;
  /** "Withdrawn: <reason>", when the source was withdrawn by the report's date (issue 23). */
  withdrawn: string | null;
  /** What the source is, in a sentence or two (plain words), if it says. */
  sourceSummary: string | null;
  /** The source's introduction: paragraphs and lists, shown above the summary and items. */
  introduction: FormattedBlock[];
  summary: {
    heading: string;
    caption: string;
    head: [result: string, actions: string];
    rows: { label: string; count: number }[];
    total: { label: string; count: number };
  };
  complete: string;
  since: string;
  /** Said when nothing had been recorded by the date: the source was entered, or updated, later. */
  nothingYet: string | null;
  items: ReportItem[];
}

/** The line above a report's title: to whom it reports, if the source says. */
export function reportCaption(source: { reportsTo: string | null }, t: Translate): string {
  return source.reportsTo
    ? t('tracker:reports.captionTo', { committee: source.reportsTo })
    : t('tracker:reports.caption');
}

/** The report as at its date, in the words of `t` (the request's, or the service's for the PDF). */
export function presentReport(
  report: ReportToPresent,
  t: Translate,
  /** The address for recording progress on an action, where the reader may (issue 23 item 10). */
  actionHref: (actionId: string) => string | null = () => null,
): PresentedReport {
  const { source } = report;
  const noun = t(`tracker:itemNoun.${source.noun}.one`);
  const head: [string, string, string] = [
    t('tracker:tree.keyPoints'),
    t('tracker:tree.actions'),
    t('tracker:tree.results'),
  ];
  const withdrawnLine = (reason: string | null | undefined) =>
    reason ? t('tracker:editing.withdrawn.reason', { reason }) : null;
  return {
    caption: reportCaption(source, t),
    title: source.title,
    withdrawn: withdrawnLine(source.withdrawnReason),
    sourceSummary: source.summary,
    introduction: formattedBlocks(source.introduction),
    summary: {
      heading: t('tracker:reports.summary.heading', { date: formatDate(t, report.asOf) }),
      caption: t('tracker:reports.summary.caption'),
      head: [t('tracker:reports.summary.result'), t('tracker:sources.list.head.actions')],
      rows: report.summary.map((s) => ({
        label: t(`tracker:actionResult.${s.result}`),
        count: s.count,
      })),
      total: { label: t('tracker:reports.summary.every'), count: report.counts.total },
    },
    complete: t('tracker:reports.complete', {
      complete: report.recommendationsComplete,
      total: report.recommendationsCounted ?? report.recommendations.length,
      nouns: t(`tracker:itemNoun.${source.noun}.many`),
    }),
    since: report.previous
      ? t('tracker:reports.since', {
          date: formatDate(t, report.previous.asOf),
          count: report.changes,
        })
      : t('tracker:reports.noEarlier'),
    nothingYet: nothingYetSentence(report.nothingYet, t),
    items: report.recommendations.map((r, i) => {
      const action = (a: ActionToPresent): ReportAction => ({
        href: actionHref(a.id),
        description: numbered(a.number, a.description ?? ''),
        owner: a.ownerName ? t('tracker:tree.owner', { name: a.ownerName }) : null,
        due: a.dueOn ? t('tracker:tree.due', { date: formatDate(t, a.dueOn) }) : null,
        result: say(t, a.resultLabel),
        change: a.change ? { text: t(`tracker:changeKind.${a.change}`), colour: 'blue' } : null,
        narrative: a.narrative || null,
        withdrawn: withdrawnLine(a.withdrawnReason),
      });
      // Its own actions (issue 23) first, as a group of their own, then each key point's.
      const own: ReportKeyPoint[] = r.actions.length
        ? [
            {
              text: t('tracker:reports.noKeyPoint'),
              lead: null,
              withdrawn: null,
              actions: r.actions.map(action),
              noActions: null,
            },
          ]
        : [];
      const keyPoints = [
        ...own,
        ...r.keyPoints.map((k): ReportKeyPoint => ({
          text: numbered(k.number, k.text),
          lead: k.leadName ? t('tracker:tree.lead', { name: k.leadName }) : null,
          withdrawn: withdrawnLine(k.withdrawnReason),
          actions: k.actions.map(action),
          noActions: k.actions.length ? null : t('tracker:tree.noActions'),
        })),
      ];
      const before = i > 0 ? report.recommendations[i - 1]! : null;
      const startsPart = r.part && r.part.id !== before?.part?.id ? r.part : null;
      return {
        id: r.id,
        part: startsPart?.title ?? null,
        partTag: startsPart?.withdrawnReason
          ? { text: t('tracker:editing.withdrawn.tag'), colour: 'grey' }
          : null,
        partWithdrawn: withdrawnLine(startsPart?.withdrawnReason),
        inPart: r.part !== null,
        number: r.number,
        heading: `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${r.number}`,
        tag: r.withdrawnReason
          ? { text: t('tracker:editing.withdrawn.tag'), colour: 'grey' }
          : r.status !== 'accepted'
            ? { text: t(`tracker:recommendationStatus.${r.status}`), colour: 'grey' }
            : r.progress === 'complete'
              ? { text: t('tracker:tree.complete'), colour: 'green' }
              : null,
        withdrawn: withdrawnLine(r.withdrawnReason),
        section: r.section || null,
        text: r.text,
        superseded:
          r.status === 'superseded'
            ? t('tracker:tree.supersededBy', { noun, number: r.supersededByNumber ?? '' })
            : null,
        notAccepted:
          r.status === 'not_accepted'
            ? { label: t('tracker:tree.notAccepted'), rationale: r.rationale ?? '' }
            : null,
        table: keyPoints.length
          ? {
              caption: t('tracker:tree.caption', { noun, number: r.number }),
              head,
              keyPoints,
            }
          : null,
        noKeyPoints: keyPoints.length ? null : t('tracker:tree.noKeyPoints'),
      };
    }),
  };
}

/** Why a report as at a date shows nothing: the source was entered, or first updated, after it. */
export function nothingYetSentence(nothing: ReportToPresent['nothingYet'], t: Translate) {
  if (!nothing) return null;
  return nothing.entered
    ? t('tracker:reports.nothingYet.entered', {
        date: formatDate(t, nothing.asOf),
        entered: formatDate(t, nothing.entered),
      })
    : t('tracker:reports.nothingYet.firstUpdate', {
        date: formatDate(t, nothing.asOf),
        first: formatDate(t, nothing.firstUpdate!),
      });
}
