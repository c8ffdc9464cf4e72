/**
 * A rule's refusals as the error the page shows: about a field of the form, the form again with
 * that field's message; about the record's state (no field), said without a link, since the
 * page may show no such field (an agreed plan has no Agree button, a closed issue no answer form).
 */
import { ConflictError, ValidationError } from '../../platform/errors.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { fieldErrors, say, type Said, type SaidRefusal } from '../../platform/i18n/said.js';

export function refusedBy(
  t: Translate,
  refusals: readonly (Said | SaidRefusal | null)[],
): ConflictError | ValidationError | null {
  const state = refusals.find((r) => r && !('field' in r));
  if (state) return new ConflictError(say(t, state));
  const fields = refusals.filter((r): r is SaidRefusal => !!r && 'field' in r);
  return fields.length ? new ValidationError(fieldErrors(t, fields)) : null;
}
