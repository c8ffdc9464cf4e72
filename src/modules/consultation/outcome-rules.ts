/**
 * CON-07 "You said, we did": what came of a consultation is on record (transparent) and the
 * authority or police answer what people said (accountable). Seed 003: "the selection of
 * consultees and the outcomes of engagement be a matter of record"; seed 001 para 19: the
 * consultation on withdrawing the recording of stop and account "demonstrated how the community
 * voice can positively influence decision-making".
 */
import type { SaidRefusal } from '../../platform/i18n/said.js';
import type { ConsultationPhase } from './rules.js';

/** The longest "you said" or "we did" kept. */
export const OUTCOME_TEXT_MAX = 10_000;

export interface OutcomeInput {
  youSaid?: string | undefined;
  weDid?: string | undefined;
  /** 'yes' or 'no': whether a change was promised. */
  changePromised?: string | undefined;
  /** The tracker source whose actions show the change happening (its id only). */
  trackerSourceId?: string | undefined;
  /** The meeting minute recording the decision the consultation fed. */
  decisionMinuteItemId?: string | undefined;
}

export interface OutcomeValue {
  youSaid: string;
  weDid: string;
  changePromised: boolean;
  trackerSourceId: string | null;
  decisionMinuteItemId: string | null;
}

const tidy = (value: string | undefined) => (value ?? '').replace(/\r\n/g, '\n').trim();
const orNull = (value: string | undefined) => tidy(value) || null;

/** CON-07: what came of a consultation is written only once it has closed. */
export function outcomePhaseRefusal(phase: ConsultationPhase): SaidRefusal | null {
  return phase === 'closed'
    ? null
    : { field: 'youSaid', key: 'consultation:outcomes.errors.notClosed' };
}

/**
 * CON-07: an outcome as written: both what was heard and what was done as a result; a change
 * promised names the tracker source whose actions show it happening (none when none was
 * promised). `knownSourceIds` and `knownMinuteIds` are those found of the ones given.
 */
export function validateOutcome(
  input: OutcomeInput,
  known: { sourceIds: readonly string[]; minuteIds: readonly string[] },
): { refusals: SaidRefusal[]; value: OutcomeValue } {
  const refusals: SaidRefusal[] = [];
  const youSaid = tidy(input.youSaid);
  const weDid = tidy(input.weDid);
  for (const [field, text] of [
    ['youSaid', youSaid],
    ['weDid', weDid],
  ] as const) {
    if (!text) refusals.push({ field, key: `consultation:outcomes.errors.${field}Missing` });
    else if (text.length > OUTCOME_TEXT_MAX)
      refusals.push({
        field,
        key: 'consultation:outcomes.errors.tooLong',
        values: { max: OUTCOME_TEXT_MAX },
      });
  }
  const promised = input.changePromised;
  if (promised !== 'yes' && promised !== 'no')
    refusals.push({ field: 'changePromised', key: 'consultation:outcomes.errors.promisedMissing' });
  const changePromised = promised === 'yes';
  let trackerSourceId = changePromised ? orNull(input.trackerSourceId) : null;
  if (changePromised && !trackerSourceId)
    refusals.push({ field: 'trackerSourceId', key: 'consultation:outcomes.errors.sourceMissing' });
  else if (trackerSourceId && !known.sourceIds.includes(trackerSourceId)) {
    refusals.push({ field: 'trackerSourceId', key: 'consultation:outcomes.errors.sourceUnknown' });
    trackerSourceId = null;
  }
  let decisionMinuteItemId = orNull(input.decisionMinuteItemId);
  if (decisionMinuteItemId && !known.minuteIds.includes(decisionMinuteItemId)) {
    refusals.push({
      field: 'decisionMinuteItemId',
      key: 'consultation:outcomes.errors.minuteUnknown',
    });
    decisionMinuteItemId = null;
  }
  return {
    refusals,
    value: { youSaid, weDid, changePromised, trackerSourceId, decisionMinuteItemId },
  };
}

/**
 * CON-07: an outcome is published (and stays published when edited) only with the minute of the
 * decision it fed, so the public can read where it was decided.
 */
export function publishRefusal(value: { decisionMinuteItemId: string | null }): SaidRefusal | null {
  return value.decisionMinuteItemId
    ? null
    : { field: 'decisionMinuteItemId', key: 'consultation:outcomes.errors.minuteMissing' };
}
