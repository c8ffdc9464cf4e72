/** How the tracker's pages name its values: source kinds, action results, standings. */
import {
  ACTION_RESULT_LABELS,
  RECOMMENDATION_STATUS_LABELS,
  SOURCE_KIND_LABELS,
} from '../rules.js';

export const labels = {
  kind: SOURCE_KIND_LABELS,
  result: ACTION_RESULT_LABELS,
  standing: RECOMMENDATION_STATUS_LABELS,
};

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
