/**
 * CON-07: what the outcome pages show of the choices and links: the body types and minutes to
 * choose the decision from, the tracker sources to choose the promised change's from, and the
 * decision and the source's actions as their modules give them now.
 */
import { toLondonDate } from '../../../platform/calendar/index.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { say } from '../../../platform/i18n/said.js';
import { BODY_TYPES, type BodyType, type MinuteReference } from '../../meetings/index.js';
import type { TrackerSourceChoice, TrackerSourceProgress } from '../../tracker/index.js';

interface Item {
  value: string;
  text: string;
  selected?: boolean;
}

export function bodyTypeItems(t: Translate, chosen: BodyType): Item[] {
  return BODY_TYPES.map((type) => ({
    value: type,
    text: t(`consultation:outcomes.bodyTypes.${type}`),
    selected: type === chosen,
  }));
}

/** How a minute is named in a list: its meeting, the meeting's date and its heading. */
function minuteText(t: Translate, m: MinuteReference): string {
  return say(t, {
    key: 'consultation:outcomes.minuteChoice',
    values: {
      meeting: m.meetingTitle,
      date: { date: toLondonDate(m.startsAt) },
      heading: m.heading,
    },
  });
}

/**
 * The minutes to choose from, "none yet" first; the one chosen is offered even when it is of
 * another body type than those listed.
 */
export function minuteItems(
  t: Translate,
  choices: readonly MinuteReference[],
  current: MinuteReference | null,
  typed: string | undefined,
): Item[] {
  const chosen = typed ?? current?.minuteItemId ?? '';
  const listed =
    current && !choices.some((m) => m.minuteItemId === current.minuteItemId)
      ? [current, ...choices]
      : choices;
  return [
    { value: '', text: t('consultation:outcomes.noMinute') },
    ...listed.map((m) => ({
      value: m.minuteItemId,
      text: minuteText(t, m),
      selected: m.minuteItemId === chosen,
    })),
  ];
}

/** The tracker sources to choose from, "none" first, the one chosen always among them. */
export function sourceItems(
  t: Translate,
  choices: readonly TrackerSourceChoice[],
  current: TrackerSourceChoice | null,
  typed: string | undefined,
): Item[] {
  const chosen = typed ?? current?.id ?? '';
  const listed =
    current && !choices.some((s) => s.id === current.id) ? [current, ...choices] : choices;
  return [
    { value: '', text: t('consultation:outcomes.noSource') },
    ...listed.map((s) => ({
      value: s.id,
      text: t('consultation:outcomes.sourceChoice', { title: s.title, kind: s.kindLabel }),
      selected: s.id === chosen,
    })),
  ];
}

/** The decision and the promised change's source as the pages show them. */
export function linksView(links: {
  decision: MinuteReference | null;
  source: TrackerSourceProgress | null;
}) {
  return { decision: links.decision, source: links.source };
}
