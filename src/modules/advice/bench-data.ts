/**
 * Ten years of requests for independent advice from the area's officers: nearly all triaged and
 * deployed long ago (a few declined), and today's work in hand: about a hundred waiting in the
 * CTSET triage queue and two hundred passed to groups for nomination (many to the Race IAG).
 * Each has its routes, its timeline and its deployments of advisors who were members of the
 * group on the day, most with the advice they gave and some with what was done with it. First,
 * the advisors' experience (advisor_profiles), which advice keeps.
 */
import { quote, type ModuleGenerator } from '../../platform/bench/generator.js';

/** An interval after an event, chosen by `key`: minutes when urgent, hours otherwise. */
function delay(key: string, salt: number, minutes: number, hours: number): string {
  return `(case when urgency = 'urgent'
    then make_interval(mins => 10 + bench.pick(${key}, ${salt}, ${minutes}))
    else make_interval(hours => 1 + bench.pick(${key}, ${salt}, ${hours})) end)`;
}

/** One of the phrases (separated by '|'), chosen by `key`. */
function oneOf(key: string, salt: number, phrases: string): string {
  const list = phrases.split('|').map((p) => quote(p.trim()));
  return `(array[${list.join(', ')}])[1 + bench.pick(${key}, ${salt}, ${list.length})]`;
}

const ASKS = `We would like an advisor at the planning meeting to test our approach.
  | We want advice on how we explain what we are doing to the community.
  | Please help us review the community impact assessment before it is signed off.
  | We would value advice on who we should be talking to, and how.
  | We ask an advisor to observe the briefing and give feedback afterwards.`;
const DECLINED = `This is a matter for the local safer neighbourhoods team and its partners
  | There is not enough time before the event to deploy an advisor
  | Advisors give advice; the request asks them to make an operational decision
  | The same advice was given on a request last month: see its outcome`;
const REASONS = `Lightest recent load among the suitable members
  | Has the experience the request asks for and is free on the dates
  | Knows the area and the community leaders involved`;
const ARRANGED = `Phoned the advisor; an escort will meet them at the front counter
  | E-mailed the joining details; the briefing officer will escort them
  | Phoned the advisor and booked a visitor pass and an escort for each day`;
const ADVICE = `Meet community leaders before it starts, and brief officers on local tensions.
  | Publish the reasons for the operation locally, with a named officer to contact.
  | Agree with the family what is said publicly, and involve their liaison officer early.
  | Record and publish the outcome of every search, with the grounds, within a month.
  | Hold a community meeting in a neutral venue, with interpreters, within a week.
  | Avoid places of worship at prayer times and tell faith leaders in advance.
  | Review the body-worn video with advisors and say publicly what will change.`;
const QUESTIONS = `Which communities have you already spoken to about this?
  | Can you say more about the dates: is the first day fixed?
  | Has a community impact assessment been started? If so, please attach it.`;

export const adviceGenerator: ModuleGenerator = {
  module: 'advice',
  tables: [
    'advisor_profiles',
    'advice_requests',
    'advice_request_routes',
    'advice_request_events',
    'advice_request_questions',
    'deployments',
    'advice_given',
  ],
  async generate({ client, scaled, asOf }) {
    const total = scaled(50000);
    const waiting = scaled(100);
    const routed = scaled(200);
    const past = Math.max(1, total - waiting - routed);
    const today = `'${asOf}'::date`;
    const ctset = `(select id from users where email = 'ctset@bridge.example')`;
    const coordination = `(select id from users where email = 'coordination@bridge.example')`;
    const key = 's.n * 16 + s.k';
    const independent = `g.type in ('corporate_iag', 'borough_iag', 'corporate_focus')`;
    // The experience of the advisors the groups generator made (bench.people of kind 'advisor').
    await client.query(`
      insert into advisor_profiles (person_id, experience, updated_at)
        select person_id,
          array[(enum_range(null::experience_area))[1 + bench.pick(n, 34, 16)],
                (enum_range(null::experience_area))[1 + bench.pick(n, 35, 16)]],
          ${today} - bench.pick(n, 36, 300)
        from bench.people where kind = 'advisor';
    `);
    await client.query(`
      -- Compiling these one-off queries would take longer than running them.
      set local jit = off;
      set local work_mem = '64MB';
      -- What officers ask about. The first kind of experience names the corporate IAG, if any.
      create temp table advice_topic (t int, subject text, experience experience_area[],
        communities text, details text);
      insert into advice_topic values
        (1, 'Stop and search operation in {b}', '{race,stop_and_search,youth}',
         'Young Black men and their families in {b}', 'Two weeks of knife searches are planned.'),
        (2, 'Impact assessment after a fatal stabbing in {b}', '{youth,critical_incidents}',
         'Young people and parents on the estate', 'A teenager was killed; tension is high.'),
        (3, 'Policing a protest march through {b}', '{public_order}',
         'Campaign groups and residents on the route', 'A counter-protest is likely.'),
        (4, 'Reassurance after attacks on a mosque in {b}', '{faith,hate_crime}',
         'Muslim communities and faith leaders', 'A mosque was vandalised twice this month.'),
        (5, 'Search for a missing vulnerable adult in {b}', '{missing_people,mental_health}',
         'The family, neighbours and volunteers', 'A man with dementia has been missing two days.'),
        (6, 'Unauthorised encampment in a park in {b}', '{gypsy_traveller}',
         'Gypsy, Roma and Traveller families', 'The council asks us to move the families on.'),
        (7, 'Use of force on a disabled man in {b}', '{disability}',
         'Disabled residents and disability groups', 'Film of the arrest has been widely shared.'),
        (8, 'Homophobic assaults near bars in {b}', '{lgbt,hate_crime}',
         'LGBT people who use the venues', 'Four men were assaulted in one street in a month.'),
        (9, 'Domestic abuse reporting in {b}', '{domestic_abuse,women}',
         'Women in communities where abuse goes unreported', 'Reports are unusually low here.'),
        (10, 'Reassurance after counter-terrorism arrests in {b}', '{counter_terrorism,faith}',
         'Faith communities and neighbours', 'Three addresses were searched overnight.'),
        (11, 'Safety of women and girls in parks in {b}', '{women}',
         'Women and girls who use the parks', 'Several women have been followed and harassed.'),
        (12, 'Doorstep scams on older residents in {b}', '{older_people}',
         'Older people living alone, and carers', 'Callers posing as police took savings.'),
        (13, 'Section 60 authorisation after shootings in {b}', '{youth,stop_and_search}',
         'Young people and youth workers', 'Two shootings in a week between rival groups.'),
        (14, 'How we answer mental health crisis calls', '{disability,mental_health}',
         'People in crisis, and their carers', 'We plan to send officers to fewer calls.'),
        (15, 'Death following police contact in {b}', '{race,critical_incidents}',
         'The family, and Black communities in {b}', 'A man died after being restrained.'),
        (16, 'Recruiting officers from every community in {b}', '{race}',
         'Black, Asian and minority communities', 'Few local applicants reach the final stage.'),
        (17, 'Hate crime against trans people in {b}', '{lgbt,hate_crime}',
         'Trans people and the groups supporting them', 'Reports of abuse have doubled.');
      create temp table advice_borough as select row_number() over (order by name)::int k, name
        from organisations where kind = 'borough';
      -- The groups a request can be passed to (those with a deployment contact), numbered.
      create temp table advice_group as select row_number() over (order by b.n)::int k, g.id,
          g.code, g.name, g.type, c.user_id contact
        from bench.groups b join advisory_groups g on g.id = b.group_id
        join people c on c.id = g.deployment_contact_id;
      -- Each member with a number that is the same on every run (ids are random UUIDs), so the
      -- advisors picked for a request are too: demo members first, then by kind and number.
      create temp table advice_member as select m.group_id, m.person_id, m.starts_on,
        coalesce(m.left_on, m.ends_on) until, m.status,
        row_number() over (order by b.kind nulls first, b.n, m.starts_on, pe.full_name) rank
        from memberships m join people pe on pe.id = m.person_id
        left join bench.people b on b.person_id = m.person_id;
      create index on advice_member (group_id);
      analyze advice_topic, advice_borough, advice_group, advice_member;

      -- A row a request, oldest first: the newest wait for triage, the next are with groups.
      create temp table advice_plan as
      with a as (
        select n, case when n > ${total - waiting} then 'awaiting_triage'
            when n > ${past} then 'routed' when bench.pick(n, 200, 100) < 4 then 'declined'
            else 'deployed' end::advice_request_status status,
          (case when bench.pick(n, 201, 100) < 15 then 'urgent' else 'routine' end)::advice_urgency
            urgency,
          -- How far back in its stretch of time it falls: 0 the newest, 1 the oldest.
          (case when n > ${total - waiting} then ${total} - n
            when n > ${past} then ${past + routed} - n else ${past} - n end
            + bench.pick(n, 202, 100) / 100.0) / case when n > ${total - waiting} then ${waiting}
            when n > ${past} then ${routed} else ${past} end f,
          (array[1, 2, 2, 2, 3, 3])[1 + bench.pick(n, 203, 6)] wanted,
          bench.pick(n, 204, 100) < 20 extra,
          1 + bench.pick(n, 205, (select count(*)::int from advice_topic)) t,
          1 + bench.pick(n, 206, (select count(*)::int from advice_borough)) b
        from generate_series(1, ${total}) n),
      s as (
        select a.*, ${today} - make_interval(secs => case
            when status = 'awaiting_triage' and urgency = 'urgent' then 600 + f * f * 43200
            when status = 'awaiting_triage' then 600 + f * f * 864000
            when status = 'routed' and urgency = 'urgent' then 10800 + f * 172800
            when status = 'routed' then 259200 + f * 1209600
            else 2419200 + f * 312940800 end) submitted_at
        from a)
      select s.*, t.subject, t.communities, t.experience, t.details, b.name borough,
        gen_random_uuid() id,
        bench.pick(n, 207, 100) < case when urgency = 'urgent' then 45 else 8 end serious,
        (submitted_at + case when urgency = 'urgent' then 1 + bench.pick(n, 208, 2)
          else 14 + bench.pick(n, 208, 35) end * interval '1 day')::date needed_from,
        submitted_at + ${delay('n', 209, 100, 70)} triaged_at,
        submitted_at + ${delay('n', 209, 100, 70)} + ${delay('n', 210, 120, 90)} nominated_at,
        ${delay('n * 16 + 1', 211, 110, 46)} first_reply,
        coalesce(case when status = 'routed' and n % 5 = 0 then race.id end,
          case when bench.pick(n, 212, 3) = 0 then pref.id end, g.id) g1,
        case when bench.pick(n, 213, 10) = 0 then g2.id end g2
      from s join advice_topic t using (t) join advice_borough b on b.k = s.b
      join advice_group g on g.k = 1 + bench.pick(n, 214, (select count(*)::int from advice_group))
      left join advice_group g2
        on g2.k = 1 + bench.pick(n, 215, (select count(*)::int from advice_group))
      left join advice_group pref on pref.code = 'iag-' || replace(t.experience[1]::text, '_', '-')
      left join advice_group race on race.code = 'iag-race';
      update advice_plan set g2 = null where g2 = g1;
      analyze advice_plan;

      insert into advice_requests (id, requested_by, subject, details, operation,
          serious_or_critical, urgency, communities, location, needed_from, needed_until,
          clearance_needed, advisors_wanted, experience_needed, status, submitted_at, triaged_by,
          triaged_at, decline_reason, triage_escalated_at, nomination_escalated_at)
        select p.id, coalesce(case when p.n % 200 = 0 then
            (select id from users where email = 'requester@bridge.example') end, o.user_id),
          replace(p.subject, '{b}', p.borough), p.details || ' ' || ${oneOf('p.n', 216, ASKS)},
          case when p.serious then 'Operation '
            || ${oneOf('p.n', 217, 'Kestrel|Bluebird|Harbour|Sentinel|Lantern|Granite')} end,
          p.serious, p.urgency, replace(p.communities, '{b}', p.borough), p.borough, p.needed_from,
          case when bench.pick(p.n, 218, 3) = 0 then p.needed_from + bench.pick(p.n, 219, 21) end,
          (array['nppv1', 'nppv2', 'nppv3', 'sc']::clearance_level[])[1 + bench.pick(p.n, 220, 25)],
          p.wanted, case when bench.pick(p.n, 221, 10) < 7 then p.experience else '{}' end,
          p.status, p.submitted_at, case when p.status <> 'awaiting_triage' then ${ctset} end,
          case when p.status <> 'awaiting_triage' then p.triaged_at end,
          case when p.status = 'declined' then ${oneOf('p.n', 222, DECLINED)} end,
          -- Those past their target have had CTSET or the group's contact reminded.
          case when p.status <> 'awaiting_triage' then null
            when p.urgency = 'urgent' and p.submitted_at < ${today} - interval '125 minutes'
              then p.submitted_at + interval '125 minutes'
            when p.submitted_at < ${today} - 7 then p.submitted_at + interval '7 days' end,
          case when p.status <> 'routed' then null
            when p.urgency = 'urgent' then p.triaged_at + interval '125 minutes'
            when p.triaged_at < ${today} - 7 then p.triaged_at + interval '7 days' end
        from advice_plan p
        join bench.people o on o.kind = 'officer' and o.n = 1
          + bench.pick(p.n, 223, (select count(*)::int from bench.people where kind = 'officer'))
        order by p.submitted_at;
      insert into advice_request_routes (request_id, group_id, routed_by, routed_at)
        select id, g, ${ctset}, triaged_at from advice_plan, unnest(array[g1, g2]) g
        where status in ('routed', 'deployed') and g is not null;

      -- Each advisor asked, a member of the group on the first day of the work (current members
      -- for today's requests, a few of which have one already). One request in five had a
      -- nominee decline, and another was nominated in their place.
      create temp table advice_slot as
      select s.*, s.nominated + ${delay(key, 211, 110, 46)} replied
      from (select p.n, p.id request_id, k, gen_random_uuid() id, m.g group_id, p.urgency,
          m.arr[1 + (bench.pick(p.n, 224, cardinality(m.arr)) + k) % cardinality(m.arr)] person_id,
          case when p.status = 'routed' then
              (case when bench.pick(p.n, 225, 2) = 0 then 'nominated' else 'accepted' end)
            when p.extra and k = 1 then 'declined' else 'accepted' end::deployment_status status,
          p.nominated_at + case when p.extra and k = p.wanted + 1 then 2 * p.first_reply
            else interval '0' end nominated
        from advice_plan p
        cross join lateral (
          select g, (select coalesce(array_agg(person_id order by rank) filter (
                where starts_on <= p.needed_from and until >= p.needed_from
                  and (p.status = 'deployed' or status = 'current')),
              case when p.status = 'deployed' then array_agg(person_id order by rank) end)
            from advice_member where group_id = g) arr
          from unnest(array[p.g1, p.g2]) g where g is not null offset 0) m
        cross join lateral generate_series(1, case when p.status = 'deployed' then p.wanted
            + p.extra::int when p.status = 'routed' and p.wanted > 1
            and bench.pick(p.n, 226, 10) < 3 and p.nominated_at < ${today} - 3 then 1 else 0 end) k
        where p.status in ('deployed', 'routed')
          and m.g = case when p.g2 is not null and k % 2 = 0 then p.g2 else p.g1 end
          and m.arr is not null) s;
      delete from advice_slot s using advice_slot o where s.n = o.n and s.person_id = o.person_id
        and s.k > o.k and s.status <> 'declined' and o.status <> 'declined';
      analyze advice_slot;

      insert into deployments (id, request_id, group_id, person_id, status, deployed_on,
          nominated_by, nominated_at, nomination_reason, responded_at, decline_reason,
          arrangement_owner, arranged_at, arranged_by, arrangements)
        select s.id, s.request_id, s.group_id, s.person_id, s.status, p.needed_from, g.contact,
          s.nominated, ${oneOf(key, 227, REASONS)},
          case when s.status <> 'nominated' then s.replied end,
          case when s.status = 'declined' then
            ${oneOf('s.n', 228, 'Not free on the dates|A family commitment that week|Unwell')} end,
          (case when s.urgency = 'urgent' then 'ctset' else 'coordination_unit' end)
            ::arrangement_owner,
          a.arranged, case when a.arranged is not null and s.urgency = 'urgent' then ${ctset}
            when a.arranged is not null then ${coordination} end,
          case when a.arranged is not null then ${oneOf(key, 229, ARRANGED)} end
        from advice_slot s join advice_plan p on p.n = s.n join advice_group g on g.id = s.group_id
        cross join lateral (select case when p.status = 'deployed' and s.status = 'accepted'
          then s.replied + interval '3 hours' end arranged) a;

      -- The advice, once given and recorded; the requester says what they did with two thirds.
      insert into advice_given (request_id, deployment_id, person_id, group_id, given_on, summary,
          independent, independence_basis, recorded_by, recorded_at, outcome, outcome_reason,
          outcome_by, outcome_at)
        select s.request_id, s.id, s.person_id, s.group_id, d.given_on, ${oneOf(key, 230, ADVICE)},
          ${independent} and bench.pick(${key}, 231, 10) > 0,
          case when not ${independent} then g.name || ' is a '
              || case g.type when 'specialist' then 'specialist advisory group'
                when 'community' then 'community advisory group' else 'sub-group' end
              || ', which gives non-independent advice (IAG-01)'
            when bench.pick(${key}, 231, 10) = 0
              then 'The advisor has no declaration of independence on record (IAG-02)'
            else 'Given by a member of ' || g.name || ' whose declaration of '
              || to_char(d.given_on - 30 - bench.pick(${key}, 232, 300), 'FMDD FMMonth YYYY')
              || ' confirms their independence' end,
          u.user_id, d.recorded_at, o.outcome, case o.outcome
            when 'used' then 'Built into the operational plan and the briefing'
            when 'partly_used' then 'Some of it was adopted; the rest did not fit the operation'
            when 'not_used' then 'The operation was stood down before it could be used' end,
          case when o.outcome is not null then r.requested_by end,
          d.recorded_at + case when o.outcome is not null
            then make_interval(days => 1 + bench.pick(${key}, 233, 20)) end
        from advice_slot s join advice_plan p on p.n = s.n join advice_group g on g.id = s.group_id
        join advice_requests r on r.id = s.request_id
        left join (select person_id, user_id from bench.people where user_id is not null) u
          using (person_id)
        cross join lateral (select *, given_on
            + make_interval(hours => 2 + bench.pick(${key}, 234, 120)) recorded_at
          from (select least(r.needed_from + bench.pick(${key}, 235, 4),
            coalesce(r.needed_until, r.needed_from)) given_on) x) d
        cross join lateral (select case when d.recorded_at < ${today} - 21
            and bench.pick(${key}, 236, 3) > 0 then (array['used', 'used', 'used', 'partly_used',
            'partly_used', 'not_used']::advice_outcome[])[1 + bench.pick(${key}, 237, 6)] end
          outcome) o
        where p.status = 'deployed' and s.status = 'accepted' and d.given_on < ${today} - 6
          and bench.pick(${key}, 238, 100) < 88;

      -- Questions CTSET is waiting on the requester to answer.
      insert into advice_request_questions (request_id, question, asked_by, asked_at)
        select id, ${oneOf('n', 239, QUESTIONS)}, ${ctset}, submitted_at + interval '30 minutes'
        from advice_plan where status = 'awaiting_triage' and bench.pick(n, 240, 8) = 0
          and submitted_at < ${today} - interval '30 minutes';

      -- Each request's timeline, as its requester reads it.
      insert into advice_request_events (request_id, kind, at, actor_user_id, text)
        select id, 'submitted'::advice_request_event_kind, submitted_at, requested_by,
          initcap(urgency::text)
            || ' request sent to the strategic engagement team (CTSET) for triage'
        from advice_requests join advice_plan using (id, urgency, submitted_at)
        union all
        select id, 'declined', triaged_at, triaged_by,
          'Declined by the strategic engagement team: ' || decline_reason
        from advice_requests join advice_plan using (id, status, triaged_at)
        where status = 'declined'
        union all
        select request_id, 'question_asked', asked_at, asked_by,
          'The strategic engagement team asked: ' || question
        from advice_request_questions join advice_plan p on p.id = request_id
        union all
        select p.id, 'routed', p.triaged_at, ${ctset}, 'Passed to ' || g1.name
          || coalesce(' and ' || g2.name, '')
          || ', whose deployment contact will nominate an advisor'
        from advice_plan p join advice_group g1 on g1.id = p.g1
        left join advice_group g2 on g2.id = p.g2 where p.status in ('routed', 'deployed')
        union all
        select s.request_id, 'nominated', s.nominated, g.contact, g.name || ' nominated '
          || case count(*) when 1 then 'an advisor' else count(*) || ' advisors' end || '; '
          || case when s.urgency = 'urgent' then 'the strategic engagement team (CTSET)'
            else 'the coordination unit' end || ' will contact them and arrange access'
        from advice_slot s join advice_group g on g.id = s.group_id
        group by s.request_id, s.nominated, s.urgency, g.contact, g.name
        union all
        select d.request_id, case when d.status = 'accepted' then 'accepted'
            else 'advisor_declined' end::advice_request_event_kind, d.responded_at, u.user_id,
          case when d.status = 'accepted' then pe.full_name || ' of ' || g.name || ' accepted'
            else 'A nominated advisor could not take it on; ' || g.name
              || '''s deployment contact will nominate another' end
        from advice_slot s join deployments d using (id) join people pe on pe.id = d.person_id
        join advisory_groups g on g.id = d.group_id
        left join bench.people u on u.person_id = d.person_id and u.user_id is not null
        where d.responded_at is not null
        union all
        select d.request_id, 'arranged', d.arranged_at, d.arranged_by,
          case when d.arrangement_owner = 'ctset' then 'The strategic engagement team (CTSET)'
            else 'The coordination unit' end
          || ' contacted ' || pe.full_name || ' and arranged their escorted access'
        from advice_slot s join deployments d using (id) join people pe on pe.id = d.person_id
        where d.arranged_at is not null
        union all
        select a.request_id, 'advice_given', a.recorded_at, a.recorded_by, pe.full_name
          || ' recorded the ' || case when a.independent then 'independent' else 'non-independent'
          end || ' advice they gave on ' || to_char(a.given_on, 'FMDD FMMonth YYYY')
        from advice_slot s join advice_given a on a.deployment_id = s.id
        join people pe on pe.id = a.person_id
        union all
        select a.request_id, 'outcome_recorded', a.outcome_at, a.outcome_by,
          initcap(replace(a.outcome::text, '_', ' ')) || ': the advice of ' || pe.full_name
          || ' (' || a.outcome_reason || ')'
        from advice_slot s join advice_given a on a.deployment_id = s.id
        join people pe on pe.id = a.person_id where a.outcome is not null;

      drop table advice_topic, advice_borough, advice_group, advice_member, advice_plan,
        advice_slot;
    `);
  },
};
