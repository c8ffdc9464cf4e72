/**
 * How the tracker's pages name its values: source kinds, standings and action results as radios
 * and selects offer them, and what a source's items are called (ADR 0015: the words are in the
 * catalogue).
 */
import type { Translate } from '../../../platform/i18n/messages.js';
import { ACTION_RESULTS, RECOMMENDATION_STATUSES, SOURCE_KINDS, type ItemNoun } from '../rules.js';

export const kindItems = (t: Translate) =>
  SOURCE_KINDS.map((k) => ({ value: k, text: t(`tracker:sourceKind.${k}`) }));

export const statusItems = (t: Translate) =>
  RECOMMENDATION_STATUSES.map((s) => ({ value: s, text: t(`tracker:recommendationStatus.${s}`) }));

export const resultItems = (t: Translate) =>
  ACTION_RESULTS.map((r) => ({ value: r, text: t(`tracker:actionResult.${r}`) }));

/** "recommendation" or "objective". */
export const nounOne = (t: Translate, noun: ItemNoun) => t(`tracker:itemNoun.${noun}.one`);

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
