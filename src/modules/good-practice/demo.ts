/**
 * The good-practice library's part of the demonstration dataset (CDRP-08, LEG-06, CON-04): six
 * entries across boroughs and themes, from seed 004's partnership work and seed 001's custody
 * visiting; four public, one withdrawn from the public site, one never published. Recorded by the
 * demo's accounts (by which they are removed); the Camden partnership officer is a contact.
 */
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { SourceKind, Theme } from './rules.js';
import { goodPracticeEntries } from './schema.js';

/** Camden, Hackney, Islington, Lambeth and Southwark (their ONS codes). */
export const DEMO_GOOD_PRACTICE_BOROUGHS = [
  'E09000007',
  'E09000012',
  'E09000019',
  'E09000022',
  'E09000028',
] as const;

export interface GoodPracticeDemoPeople {
  /** The authority officer's account, which records most entries and publishes them. */
  officerUser: string;
  /** The Camden partnership officer's account and directory entry. */
  partnershipUser: string;
  partnership: string;
}

interface DemoEntry {
  title: string;
  summary: string;
  lessons: string | null;
  theme: Theme;
  /** One of DEMO_GOOD_PRACTICE_BOROUGHS, or null for area-wide. */
  borough: string | null;
  source?: { kind: SourceKind; reference: string };
  byPartnership?: boolean;
  contact?: boolean;
  /** Days ago it was recorded; published that many days later, or withdrawn. */
  daysAgo: number;
  publication: 'public' | 'withdrawn' | 'none';
}

const ENTRIES: readonly DemoEntry[] = [
  {
    title: 'Young people question the borough commander',
    summary:
      'The Camden youth forum meets the borough commander every quarter; young people set the agenda and report back to their schools and clubs.',
    lessons:
      'Letting the young people chair the meeting made it theirs. Answers promised at one meeting are reported at the next.',
    theme: 'youth',
    borough: 'E09000007',
    byPartnership: true,
    contact: true,
    daysAgo: 120,
    publication: 'public',
  },
  {
    title: 'Third-party reporting centres for hate crime',
    summary:
      'Community centres, libraries and a synagogue in Hackney take reports of hate crime from people who would not go to a police station, and pass them on with the victim’s consent.',
    lessons:
      'Training the centres’ staff together with the community safety unit built trust both ways. Reports rose in the first year.',
    theme: 'hate-crime',
    borough: 'E09000012',
    source: { kind: 'partnership', reference: 'Hackney Community Safety Partnership' },
    daysAgo: 90,
    publication: 'public',
  },
  {
    title: 'Joint tasking with the council’s antisocial behaviour team',
    summary:
      'Safer Neighbourhoods teams and the council’s antisocial behaviour officers meet weekly in Islington to agree which problems each takes on.',
    lessons: 'One shared list of problem locations stopped work being done twice.',
    theme: 'partnership-working',
    borough: 'E09000019',
    daysAgo: 60,
    publication: 'none',
  },
  {
    title: 'Custody visiting panels telling their communities about the scheme',
    summary:
      'Panels publish a short annual report of their visits in local papers and at community and police engagement group meetings.',
    lessons: 'Recruitment of new visitors rose where the panel spoke at engagement group meetings.',
    theme: 'custody-visiting',
    borough: null,
    daysAgo: 200,
    publication: 'public',
  },
  {
    title: 'Engagement group development plan with local agencies',
    summary:
      'The Lambeth community and police engagement group wrote its development plan with the council, the youth service and victim support, with links to custody visiting.',
    lessons: null,
    theme: 'engagement',
    borough: 'E09000022',
    source: { kind: 'grant', reference: 'Engagement group development grant 2026' },
    daysAgo: 45,
    publication: 'withdrawn',
  },
  {
    title: 'Supporting witnesses through court',
    summary:
      'Southwark’s witness care officers and volunteers trained together so that witnesses meet the same faces from statement to verdict.',
    lessons: 'Fewer witnesses withdrew once they had one named contact.',
    theme: 'victims-witnesses',
    borough: 'E09000028',
    source: { kind: 'training', reference: 'Victim and witness care course' },
    daysAgo: 30,
    publication: 'public',
  },
];

export async function loadGoodPracticeDemo(
  tx: Executor,
  people: GoodPracticeDemoPeople,
  /** DEMO_GOOD_PRACTICE_BOROUGHS' ids by code. */
  boroughs: ReadonlyMap<string, string>,
  now: Date,
): Promise<void> {
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  const rows = ENTRIES.filter((e) => !e.borough || boroughs.has(e.borough)).map((e) => {
    const recordedAt = daysAgo(e.daysAgo);
    const later = daysAgo(Math.max(0, e.daysAgo - 7));
    return {
      title: e.title,
      summary: e.summary,
      lessons: e.lessons,
      theme: e.theme,
      boroughId: e.borough ? boroughs.get(e.borough)! : null,
      sourceKind: e.source?.kind ?? null,
      sourceReference: e.source?.reference ?? null,
      contactId: e.contact ? people.partnership : null,
      recordedBy: e.byPartnership ? people.partnershipUser : people.officerUser,
      recordedAt,
      publishedAt: e.publication === 'public' ? later : null,
      withdrawnAt: e.publication === 'withdrawn' ? later : null,
      createdAt: recordedAt,
      updatedAt: later,
    };
  });
  if (rows.length) await tx.insert(goodPracticeEntries).values(rows);
}

/**
 * Removes the entries the demo's accounts recorded; an entry someone else recorded that names a
 * demo person as its contact stays, no longer naming them.
 */
export async function removeGoodPracticeDemo(
  tx: Executor,
  demoUsers: readonly string[],
  demoPeople: readonly string[],
): Promise<void> {
  if (demoUsers.length)
    await tx
      .delete(goodPracticeEntries)
      .where(inArray(goodPracticeEntries.recordedBy, [...demoUsers]));
  if (demoPeople.length)
    await tx
      .update(goodPracticeEntries)
      .set({ contactId: null })
      .where(inArray(goodPracticeEntries.contactId, [...demoPeople]));
}
