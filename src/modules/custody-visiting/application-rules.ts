/**
 * Applications to become a lay visitor (ICV-01), as pure functions: the declarations, the area
 * applied for, acknowledgements and the decision.
 */
import { type SaidRefusal } from '../../platform/i18n/said.js';
import { sameArea, tidy, type SchemeReach } from './rules.js';

/**
 * ICV-01: what an applicant declares on the public form, each a box they must tick: not a
 * serving police officer or police staff, not otherwise directly involved in the criminal
 * justice system, and aged 18 or over.
 */
export const APPLICATION_DECLARATIONS = ['notPolice', 'notCriminalJustice', 'adult'] as const;

/** ICV-01: each declaration left unticked, refused naming the box (the first one missing). */
export function applicationDeclarationRefusals(ticked: readonly string[]): SaidRefusal[] {
  const missing = APPLICATION_DECLARATIONS.filter((d) => !ticked.includes(d));
  return missing.map((d) => ({
    field: 'declarations',
    key: `custody-visiting:applications.errors.declaration.${d}`,
  }));
}

/** ICV-02: the area an applicant chose: one of the panels' areas, or "not sure" (null). */
export function applicationArea(
  chosen: string | undefined,
  areas: readonly string[],
): { area: string | null; refusal: SaidRefusal | null } {
  const value = tidy(chosen);
  if (value === 'not-sure') return { area: null, refusal: null };
  const area = areas.find((a) => sameArea(a, value));
  if (area) return { area, refusal: null };
  return {
    area: null,
    refusal: { field: 'area', key: 'custody-visiting:applications.errors.area' },
  };
}

/**
 * ICV-02: the acknowledgements one address may be sent in a day, as the advisory groups' form
 * does: nobody has confirmed the address, so the form must not be a way to flood someone's inbox.
 */
export const VISITOR_APPLICATION_MAILS_PER_ADDRESS_PER_DAY = 3;

export function mayAcknowledgeVisitorApplication(sentToAddressToday: number): boolean {
  return sentToAddressToday < VISITOR_APPLICATION_MAILS_PER_ADDRESS_PER_DAY;
}

/**
 * ICV-02: only an application still received can be declined or invited to interview, and a
 * coordinator may invite only to their own panel; declining needs a reason.
 */
export function applicationDecisionRefusals(
  application: { status: string },
  decision: { outcome: string; reason: string; panelId: string | null },
): SaidRefusal[] {
  if (application.status !== 'received')
    return [{ field: 'outcome', key: 'custody-visiting:applications.errors.decided' }];
  if (decision.outcome === 'decline')
    return decision.reason
      ? decision.reason.length > 2000
        ? [
            {
              field: 'reason',
              key: 'custody-visiting:applications.errors.reasonTooLong',
              values: { max: 2000 },
            },
          ]
        : []
      : [{ field: 'reason', key: 'custody-visiting:applications.errors.reason' }];
  if (decision.outcome === 'invite')
    return decision.panelId
      ? []
      : [{ field: 'panelId', key: 'custody-visiting:applications.errors.panel' }];
  return [{ field: 'outcome', key: 'custody-visiting:applications.errors.outcome' }];
}

/** ICV-02: who sees an application: the manager every one, a coordinator their panel's area's. */
export function seesApplication(reach: SchemeReach, application: { area: string | null }): boolean {
  if (reach.manager) return true;
  const area = application.area;
  return area !== null && reach.panelAreas.some((a) => sameArea(a, area));
}

/** The reference an applicant is given: the start of the application's id, in capitals. */
export function applicationReference(id: string): string {
  return `ICV-${id.slice(0, 8).toUpperCase()}`;
}
