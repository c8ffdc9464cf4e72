/**
 * The busiest pages, each on a real record of the generated data, and who reads it: the
 * coordination unit's group page, meeting and expenses queue; CTSET's queue of requests; the
 * deployment contact's nomination list; the equity report; the committee's progress report; the
 * directory search; the public list of groups; the administrator's audit search; and custody
 * visiting's quarterly statistics and the scheme manager's review queue (issue 24); a public
 * consultation, its response form and its analysis (issue 25); grant spending per borough, the
 * grant applications register and the engagement groups' register (issue 26); a year of stop
 * and search (issue 27).
 */
import type pg from 'pg';
import type { Role } from '../../src/platform/auth/roles.js';

export interface BenchPage {
  name: string;
  path: string;
  /** Whose page it is: a demo account's role, or null for the public. */
  role: Role | null;
  /** What only the filled page shows, so a sign-in page or an empty list is never timed. */
  shows: RegExp;
  /** A public page that must stand a surge (issue 27): its throughput at 32 connections is a budget. */
  surge?: boolean;
}

async function one(client: pg.ClientBase, sql: string, what: string): Promise<string> {
  const { rows } = await client.query(sql);
  if (!rows[0]) throw new Error(`The generated data has no ${what}: fix its generator`);
  return Object.values(rows[0])[0] as string;
}

export async function benchPages(client: pg.ClientBase, asOf: string): Promise<BenchPage[]> {
  const group = await one(
    client,
    `select g.id from advisory_groups g join memberships m on m.group_id = g.id
     where m.status = 'current' group by g.id order by count(*) desc, g.name limit 1`,
    'group with members',
  );
  const race = await one(
    client,
    `select id from advisory_groups where code = 'iag-race'`,
    'Race IAG',
  );
  const toNominate = await one(
    client,
    `select r.id from advice_requests r
     join advice_request_routes rr on rr.request_id = r.id and rr.group_id = '${race}'
     where r.status = 'routed'
     -- The one with the most advisors to rank: no clearance or experience asked for, if any.
     order by (r.clearance_needed is null) desc, cardinality(r.experience_needed), r.submitted_at desc
     limit 1`,
    'request routed to the Race IAG',
  );
  const meeting = await one(
    client,
    `select m.id from meetings m join minutes n on n.meeting_id = m.id and n.status = 'approved'
     where m.status = 'held'
     order by (select count(*) from meeting_attendance a where a.meeting_id = m.id) desc, m.starts_at desc
     limit 1`,
    'held meeting with approved minutes',
  );
  const source = await one(
    client,
    `select s.id from tracker_sources s join tracker_actions a on a.source_id = s.id
     group by s.id order by count(*) desc, s.title limit 1`,
    'tracker source with actions',
  );
  const surname = await one(
    client,
    `select split_part(full_name, ' ', 2) from people where email like 'officer.%' and full_name not like '%''%'
     group by 1 order by count(*) desc, 1 limit 1`,
    'officer',
  );
  // Issue 25: the open consultation with the most responses, and a response to it left unfinished,
  // whose link to finish it the generator made from its id.
  const consultation = await one(
    client,
    `select c.id from consultations c join consultation_responses r on r.consultation_id = c.id
     where c.launched_at is not null and c.audience = 'public'
       and c.opens_on <= '${asOf}' and c.closes_on >= '${asOf}'
     group by c.id order by count(*) desc limit 1`,
    'open public consultation with responses',
  );
  const unfinished = await one(
    client,
    `select id from consultation_responses
     where consultation_id = '${consultation}' and submitted_at is null
       and resume_token_hash is not null
     order by id limit 1`,
    'unfinished response',
  );
  const yearAgo = new Date(Date.parse(asOf) - 365 * 86_400_000).toISOString().slice(0, 10);
  // Issue 26: the last reporting year whose grants were decided, and the fund with the most.
  // The last whole reporting year (April to March) of stop and search before the data ends.
  const searchYear = await one(
    client,
    `select (extract(year from max(month)) - case when extract(month from max(month)) < 3 then 2 else 1 end)::int
     from stop_search_imports`,
    'stop and search',
  );
  const grantYear = await one(
    client,
    `select max(r.start_year)::text from grant_rounds r
     join grant_applications a on a.round_id = r.id and a.status = 'awarded'`,
    'awarded grant',
  );
  const busiestFund = await one(
    client,
    `select r.fund_id from grant_rounds r join grant_applications a on a.round_id = r.id
     group by r.fund_id order by count(*) desc limit 1`,
    'fund with applications',
  );
  return [
    {
      name: 'Group page',
      path: `/groups/${group}`,
      role: 'coordination_unit',
      shows: /Current members<\/caption>/,
    },
    {
      name: 'Advice queue (triage)',
      path: '/advice-requests/triage',
      role: 'ctset',
      shows: /href="\/advice-requests\/[0-9a-f-]{36}"/,
    },
    {
      name: 'Nomination list',
      path: `/advice-requests/${toNominate}/groups/${race}/nominate`,
      role: 'deployment_contact',
      shows: /members? (is|are) suitable/,
    },
    {
      name: 'Equity report',
      path: '/deployments/equity',
      role: 'coordination_unit',
      shows: /Deployments per advisor, busiest first/,
    },
    {
      name: 'Meeting with minutes',
      path: `/meetings/${meeting}`,
      role: 'coordination_unit',
      shows: /Read the minutes/,
    },
    {
      name: 'Expenses queue',
      path: '/expenses/to-decide',
      role: 'coordination_unit',
      shows: /href="\/expenses\/[0-9a-f-]{36}"/,
    },
    {
      name: 'Committee report',
      path: `/tracker/sources/${source}/report`,
      role: 'authority_officer',
      shows: /Key point \d/,
    },
    {
      name: 'Directory search',
      path: `/directory/people?q=${encodeURIComponent(surname)}`,
      role: 'authority_officer',
      shows: new RegExp(`href="/directory/people/[0-9a-f-]{36}">[^<]*${surname}`),
    },
    {
      // Issue 27: the public site's front door, in a surge.
      name: 'Public home',
      path: '/',
      role: null,
      shows: /Stop and search/,
      surge: true,
    },
    {
      name: 'Public groups page',
      path: '/advisory-groups',
      role: null,
      shows: /Independent Advisory Group/,
      surge: true,
    },
    {
      // Issue 27: the public performance indicators (the demo's, which the dataset holds).
      name: 'Public indicators',
      path: '/indicators',
      role: null,
      shows: /Independent custody visits made/,
      surge: true,
    },
    {
      // Issue 27: the recommendations and their progress, as anyone reads them.
      name: 'Public recommendations',
      path: '/recommendations',
      role: null,
      shows: /href="\/recommendations\/[0-9a-f-]{36}"/,
      surge: true,
    },
    {
      name: 'Audit search',
      path: `/admin/audit?from=${yearAgo}&to=${asOf}`,
      role: 'administrator',
      shows: /<caption[^>]*>Showing 1 to 50 of/,
    },
    {
      // ICV-10: the last whole quarter, every area's suites counted (issue 24).
      name: 'Custody statistics',
      path: '/custody-visiting/statistics',
      role: null,
      shows: /visits made against a target of [1-9]/,
    },
    {
      // ICV-08: the scheme manager's queue of sent reports not yet reviewed (issue 24).
      name: 'Custody review queue',
      path: '/custody-visiting/review',
      role: 'scheme_manager',
      shows: /href="\/custody-visiting\/review\/[0-9a-f-]{36}"/,
    },
    {
      // Issue 25: an open consultation as the public reads it, with its start button.
      name: 'Public consultation',
      path: `/consultations/${consultation}`,
      role: null,
      shows: /govuk-button--start/,
    },
    {
      // Issue 25: the response form's first question, for a response saved to finish later.
      name: 'Response form',
      path: `/consultations/resume/bench-${unfinished}/questions/1`,
      role: null,
      shows: /How safe do you feel in your area after dark\?/,
    },
    {
      // Issue 25: the analysis of a consultation of 3,000 responses.
      name: 'Consultation analysis',
      path: `/consultation/consultations/${consultation}/analysis`,
      role: 'authority_officer',
      shows: /How confident are you in the police locally\?/,
    },
    {
      // Issue 26 (CON-04, CDRP-12): ten years of grants summed per borough for a year, as a
      // chart and a table.
      name: 'Grant spending per borough',
      path: `/grants/spending?year=${grantYear}`,
      role: 'authority_officer',
      shows: /Net grant money per borough in/,
    },
    {
      // Issue 26: the register of about 3,000 applications, one fund's, filtered to the awarded.
      name: 'Grant applications register',
      path: `/grants/applications?fund=${busiestFund}&status=awarded`,
      role: 'authority_officer',
      shows: /href="\/grants\/applications\/[0-9a-f-]{36}"/,
    },
    {
      // Issue 26 (CON-04): the engagement groups' register with their standing.
      name: 'Engagement groups register',
      path: '/engagement-groups',
      role: 'authority_officer',
      shows: /Community and Police Engagement Group/,
    },
    {
      // Issue 27 (LEG-04): a whole year of the force's stop and search (about 200,000 searches
      // of the 2 million), read by anyone: every breakdown and the disproportionality table.
      name: 'Stop and search for a year',
      path: `/stop-and-search?year=${searchYear}`,
      role: null,
      shows: /Searches per 1,000 people by ethnic group/,
      surge: true,
    },
  ];
}
