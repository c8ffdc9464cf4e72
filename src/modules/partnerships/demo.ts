/**
 * The demo register (CDRP-01, CDRP-10, CDRP-15): the 33 London boroughs' partnerships, each with
 * an invented nominated officer and deputy. They are demo people as every module's are: their
 * addresses are at the demo domain (so removing the demo removes them) and their job titles say
 * "(demo)". A few entries are stale and a few protocols overdue or short of the guidance, so the
 * register's filters and tags show something; each partnership has last year's audit and this
 * year's strategy, target and performance.
 */
import { inArray, or } from 'drizzle-orm';
import {
  addCalendarMonths,
  reportingYearOf,
  startOfLondonDay,
  type IsoDate,
} from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import { loadDemoPeople } from '../directory/index.js';
import type { Compliance } from './rules.js';
import { partnershipRecords, partnerships } from './schema.js';

/** The London boroughs (and the City) by their codes, as the directory's reference data has them. */
export const PARTNERSHIP_DEMO_BOROUGHS = [
  'City of London',
  'Barking and Dagenham',
  'Barnet',
  'Bexley',
  'Brent',
  'Bromley',
  'Camden',
  'Croydon',
  'Ealing',
  'Enfield',
  'Greenwich',
  'Hackney',
  'Hammersmith and Fulham',
  'Haringey',
  'Harrow',
  'Havering',
  'Hillingdon',
  'Hounslow',
  'Islington',
  'Kensington and Chelsea',
  'Kingston upon Thames',
  'Lambeth',
  'Lewisham',
  'Merton',
  'Newham',
  'Redbridge',
  'Richmond upon Thames',
  'Southwark',
  'Sutton',
  'Tower Hamlets',
  'Waltham Forest',
  'Wandsworth',
  'Westminster',
].map((name, i) => ({ code: `E09${String(i + 1).padStart(6, '0')}`, name }));

const FIRST = ['Ada', 'Ben', 'Cara', 'Dan', 'Esme', 'Farid', 'Gita', 'Hugh', 'Ines', 'Jon', 'Kemi'];
const LAST = ['Abbott', 'Banerjee', 'Coyle', 'Dunmore', 'Eze', 'Fairley', 'Grant', 'Hollis'];

/** Invented, and different for each of the 66 people: first and last names in turn. */
const inventedName = (n: number) =>
  `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`;

export async function loadPartnershipsDemo(
  tx: Executor,
  boroughIds: ReadonlyMap<string, string>,
  domain: string,
  today: IsoDate,
): Promise<void> {
  const boroughs = PARTNERSHIP_DEMO_BOROUGHS.filter((b) => boroughIds.has(b.code));
  if (!boroughs.length) return;
  const personIds = await loadDemoPeople(
    tx,
    domain,
    boroughs.flatMap((b, i) => [
      { fullName: inventedName(2 * i), jobTitle: `Partnership inspector, ${b.name} (demo)` },
      { fullName: inventedName(2 * i + 1), jobTitle: `Superintendent, ${b.name} (demo)` },
    ]),
  );
  const year = reportingYearOf(today).startYear;
  const rows = await tx
    .insert(partnerships)
    .values(
      boroughs.map((b, i) => {
        // Every seventh entry unconfirmed for eight months (stale); the rest within five.
        const confirmedOn = addCalendarMonths(today, i % 7 === 3 ? -8 : -(i % 5));
        const hasProtocol = i % 11 !== 5;
        const compliance: Compliance = i % 6 === 1 ? 'partly' : i % 10 === 9 ? 'not' : 'compliant';
        const agreedOn = addCalendarMonths(today, -(12 + (i % 24)));
        return {
          boroughId: boroughIds.get(b.code)!,
          name: `${b.name} Community Safety Partnership`,
          officerId: personIds[2 * i]!,
          officerRank: i % 4 === 0 ? 'chief_inspector' : 'inspector',
          deputyId: personIds[2 * i + 1]!,
          deputyRank: 'superintendent',
          // Confirmed at ten in the morning, London time.
          confirmedAt: new Date(startOfLondonDay(confirmedOn).getTime() + 10 * 3_600_000),
          confirmedBy: null,
          ...(hasProtocol && {
            protocolAgreedOn: agreedOn,
            // Reviewed every two years: those agreed over two years ago are overdue.
            protocolReviewOn: addCalendarMonths(agreedOn, 24),
            protocolCompliance: compliance,
            protocolComplianceNote:
              compliance === 'compliant'
                ? null
                : 'The purposes of sharing and the agencies sharing are not yet set out.',
            protocolAssessedOn: addCalendarMonths(today, -3),
          }),
        };
      }),
    )
    .returning({ id: partnerships.id, name: partnerships.name });
  await tx.insert(partnershipRecords).values(
    rows.flatMap((p, i) => {
      const borough = boroughs[i]!.name;
      return [
        {
          partnershipId: p.id,
          startYear: year - 1,
          kind: 'audit',
          title: `${borough} crime and disorder audit`,
        },
        {
          partnershipId: p.id,
          startYear: year,
          kind: 'strategy',
          title: `${borough} crime and disorder reduction strategy`,
        },
        {
          partnershipId: p.id,
          startYear: year,
          kind: 'target',
          title: 'Residential burglary',
          figure: `Down ${5 + (i % 6)}% on last year`,
        },
        {
          partnershipId: p.id,
          startYear: year - 1,
          kind: 'performance',
          title: 'Residential burglary',
          figure: `Down ${2 + (i % 7)}% on the year before`,
        },
      ];
    }),
  );
}

/** The demo entries (those naming a demo person) go before their people. */
export async function removePartnershipsDemo(tx: Executor, personIds: readonly string[]) {
  if (!personIds.length) return;
  await tx
    .delete(partnerships)
    .where(
      or(
        inArray(partnerships.officerId, [...personIds]),
        inArray(partnerships.deputyId, [...personIds]),
      ),
    );
}
