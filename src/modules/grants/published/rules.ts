/**
 * Grants awarded, published (issue 27 parts 5 and 6; CON-04, DP-01): what anyone may read of an
 * award, and the same award in the 360Giving Data Standard (https://standard.threesixtygiving.org).
 * Pure. DP-01: an award is published as made to the unit that applied (an engagement group, a
 * partnership, a borough, a community organisation), never naming a person: neither who wrote
 * or sent the application, nor who decided it, nor its free text written for the panel.
 */
import { toLondonDate } from '../../../platform/calendar/index.js';
import type { ApplicantKind } from '../constants.js';
import type { GrantsSettings } from '../settings.js';

/** An awarded application as read for publishing (it may carry more; only these are kept). */
export interface AwardRecord {
  reference: number;
  applicantKind: ApplicantKind;
  engagementGroupId: string | null;
  organisationId: string | null;
  /** The unit's name as it stood when it applied. */
  applicantName: string;
  projectTitle: string;
  fundId: string;
  fundName: string;
  roundTitle: string;
  /** The reporting year of the fund's budget its round was for (2026 for 2026-27). */
  startYear: number;
  awardedPence: number;
  /** Given back since: underspend and clawback. */
  adjustedPence: number;
  decidedAt: Date;
  startsOn: string | null;
  endsOn: string | null;
  borough: string | null;
  updatedAt: Date;
}

/** The fields of an award anyone may read (DP-01): every other is dropped. */
export const PUBLIC_FIELDS = [
  'reference',
  'applicantKind',
  'engagementGroupId',
  'organisationId',
  'applicantName',
  'projectTitle',
  'fundId',
  'fundName',
  'roundTitle',
  'startYear',
  'awardedPence',
  'adjustedPence',
  'decidedAt',
  'startsOn',
  'endsOn',
  'borough',
  'updatedAt',
] as const satisfies readonly (keyof AwardRecord)[];

/**
 * DP-01: the award as published: only its public fields, and the amount it came to after
 * underspend and clawback beside the amount awarded (which stays as the panel decided it).
 */
export function publishedAward(row: AwardRecord) {
  const kept = Object.fromEntries(PUBLIC_FIELDS.map((f) => [f, row[f]])) as unknown as AwardRecord;
  return { ...kept, netPence: Math.max(0, row.awardedPence - row.adjustedPence) };
}
export type PublishedAward = ReturnType<typeof publishedAward>;

/** Pounds, as a number, from whole pence (360Giving's amounts are in the currency's units). */
export function poundsOf(pence: number): number {
  if (!Number.isInteger(pence)) throw new RangeError(`Not a whole number of pence: ${pence}`);
  return pence / 100;
}

/** The grant's identifier in 360Giving: the funder's prefix and the application's reference. */
export const grantIdentifier = (prefix: string, reference: number) => `${prefix}G-${reference}`;

/**
 * DP-01: the recipient, always the unit that applied: an engagement group by its record, any other
 * (partnership, borough, community organisation) by its directory organisation. Never a person.
 */
export function recipientOf(prefix: string, award: AwardRecord): { id: string; name: string } {
  const unit =
    award.applicantKind === 'engagement_group'
      ? award.engagementGroupId && `group-${award.engagementGroupId}`
      : award.organisationId && `org-${award.organisationId}`;
  if (!unit) throw new Error(`Grant G-${award.reference} names no unit that applied`);
  return { id: `${prefix}${unit}`, name: award.applicantName };
}

/**
 * 360Giving's flat form (its spreadsheet's columns): each with Bridge's snake_case name, the
 * standard's heading, and where it sits in the standard's JSON (`plannedDates.0.startDate`).
 */
export const COLUMNS_360 = [
  ['identifier', 'Identifier', 'id'],
  ['title', 'Title', 'title'],
  ['description', 'Description', 'description'],
  ['currency', 'Currency', 'currency'],
  ['amount_awarded', 'Amount Awarded', 'amountAwarded'],
  ['award_date', 'Award Date', 'awardDate'],
  ['planned_start_date', 'Planned Dates:Start Date', 'plannedDates.0.startDate'],
  ['planned_end_date', 'Planned Dates:End Date', 'plannedDates.0.endDate'],
  ['recipient_org_identifier', 'Recipient Org:Identifier', 'recipientOrganization.0.id'],
  ['recipient_org_name', 'Recipient Org:Name', 'recipientOrganization.0.name'],
  ['beneficiary_location_name', 'Beneficiary Location:Name', 'beneficiaryLocation.0.name'],
  [
    'beneficiary_location_country_code',
    'Beneficiary Location:Country Code',
    'beneficiaryLocation.0.countryCode',
  ],
  ['funding_org_identifier', 'Funding Org:Identifier', 'fundingOrganization.0.id'],
  ['funding_org_name', 'Funding Org:Name', 'fundingOrganization.0.name'],
  ['grant_programme_code', 'Grant Programme:Code', 'grantProgramme.0.code'],
  ['grant_programme_title', 'Grant Programme:Title', 'grantProgramme.0.title'],
  ['last_modified', 'Last modified', 'dateModified'],
] as const;
export type Column360 = (typeof COLUMNS_360)[number][0];
export type Row360 = Record<Column360, string | number | null>;

/**
 * An award in 360Giving's flat form. Its description is made from what is published (the project's
 * title, fund and round), not the applicant's own words to the panel, which may name people.
 */
export function row360(
  settings: GrantsSettings,
  award: AwardRecord,
  describe: (award: AwardRecord) => string,
): Row360 {
  const recipient = recipientOf(settings.prefix360, award);
  return {
    identifier: grantIdentifier(settings.prefix360, award.reference),
    title: award.projectTitle,
    description: describe(award),
    currency: 'GBP',
    amount_awarded: poundsOf(award.awardedPence),
    award_date: toLondonDate(award.decidedAt),
    planned_start_date: award.startsOn,
    planned_end_date: award.endsOn,
    recipient_org_identifier: recipient.id,
    recipient_org_name: recipient.name,
    // An area-wide grant has no one borough: no beneficiary location is claimed.
    beneficiary_location_name: award.borough,
    beneficiary_location_country_code: award.borough ? 'GB' : null,
    funding_org_identifier: settings.funderId,
    funding_org_name: settings.funderName,
    grant_programme_code: `${settings.prefix360}fund-${award.fundId}`,
    grant_programme_title: award.fundName,
    last_modified: award.updatedAt.toISOString(),
  };
}

type Json = string | number | Json[] | { [key: string]: Json };

/**
 * A flat row nested as 360Giving's JSON: each cell put at its path; a cell with no value left out,
 * and an object left with nothing in it dropped (a grant with no dates has no `plannedDates`).
 */
export function grant360(row: Readonly<Record<string, string | number | null>>) {
  const grant: { [key: string]: Json } = {};
  for (const [name, , path] of COLUMNS_360) {
    const value = row[name];
    if (value === null || value === undefined || value === '') continue;
    const keys = path.split('.');
    let at: { [key: string]: Json } = grant;
    keys.slice(0, -1).forEach((key, i) => {
      const next = keys[i + 1]!;
      at[key] ??= /^\d+$/.test(next) ? [] : {};
      at = at[key] as { [key: string]: Json };
    });
    at[keys.at(-1)!] = value;
  }
  return grant;
}

/** The 360Giving data package: the grants, and what the package is. */
export function package360(
  rows: readonly Readonly<Record<string, string | number | null>>[],
  about: { title: string; publisherName: string; licence: string; modified: Date | null },
) {
  return {
    grants: rows.map(grant360),
    title: about.title,
    publisher: { name: about.publisherName },
    license: about.licence,
    ...(about.modified ? { modified: about.modified.toISOString() } : {}),
  };
}
