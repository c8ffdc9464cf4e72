/**
 * The scheme at London's scale (seed 001, paragraph 12): a panel for each of the 32 boroughs,
 * each coordinated by someone in the directory, and about three custody suites a borough, each
 * aiming for a visit a week; 450 lay visitors across the panels at every stage (ICV-02), with
 * their induction and refresher courses; and ten years of visits (issue 24: 100,000), each made by
 * two visitors of the suite's panel on a day and at a time they chose, one in twenty missed; a
 * report sent for every visit made, with its detainees (by custody record number only), reviewed
 * by the scheme manager but for the latest few dozen and a few older ones (ICV-07, ICV-08), and an
 * issue raised from one report in eight, answered, escalated and closed over the years, the
 * recent ones still open or answered.
 */
import { quote, type ModuleGenerator } from '../../platform/bench/generator.js';

const sqlArray = (values: readonly string[]) => `array[${values.map(quote).join(',')}]`;
const CONDITIONS = sqlArray([
  'Clean and warm throughout',
  'Clean; the cell corridor was cold',
  'Tidy, though the exercise yard was closed for repairs',
  'Busy but orderly; food and drink offered to all',
  'Two cells out of use awaiting cleaning',
]);
const OBSERVATIONS = sqlArray([
  'Had been offered a meal and legal advice',
  'Asked for a blanket, since given',
  'Waiting for an appropriate adult; content otherwise',
  'Said they had been treated well',
  'Asked about their phone call; the sergeant arranged it',
  'Had seen the healthcare professional',
]);
const NOT_SEEN = sqlArray(['asleep', 'interview', 'solicitor', 'declined', 'safety']);
const SUMMARIES = sqlArray([
  'Blankets had run out in the cell block',
  'The cell call bells in the juvenile corridor did not work',
  'Detainees were not offered a shower before court',
  'The exercise yard was out of use for the third visit running',
  'Reading material and religious texts were not available',
  'Interpreter by telephone took over two hours to arrange',
  'Food was offered cold and after a long wait',
  'The medical room was found unlocked and unattended',
]);
const RESPONSES = sqlArray([
  'New stock has been ordered and a minimum level set for the store.',
  'The bells were repaired by the contractor within the week.',
  'Staff have been reminded of the procedure at the shift briefing.',
  'A repair is booked; until then detainees use the yard at the next station.',
  'The custody manager has raised this with the estates team.',
]);

export const custodyVisitingGenerator: ModuleGenerator = {
  module: 'custody-visiting',
  tables: [
    'custody_panels',
    'custody_suites',
    'custody_visitors',
    'custody_visitor_courses',
    'custody_visits',
    'custody_visit_reports',
    'custody_visit_report_detainees',
    'custody_issues',
  ],
  async generate({ client, scaled, asOf }) {
    const boroughs = scaled(32);
    const suites = scaled(100);
    const visitors = scaled(450);
    const visits = scaled(100000);
    // The latest reports sent, not yet reviewed: the scheme manager's backlog.
    const backlog = scaled(36);
    const today = `'${asOf}'::date`;
    // Midnight at the start of asOf in London: nothing generated happens after it.
    const now = `(${today}::timestamp at time zone 'Europe/London')`;
    await client.query(`
      create temp table bench_custody_areas on commit drop as
        select row_number() over (order by o.code)::int n, o.name
        from organisations o where o.kind = 'borough'
          -- The demo's panel (Camden) is there already: one panel an area.
          and not exists (select 1 from custody_panels p where lower(p.area) = lower(o.name))
        order by o.code limit ${boroughs};
      insert into custody_panels (name, area, coordinator_id)
        select a.name || ' custody visiting panel', a.name,
          (select id from people order by id offset bench.pick(a.n, 900, 500) limit 1)
        from bench_custody_areas a;
      insert into custody_suites (name, area, address, cells, target_visits_per_week)
        select a.name || ' custody suite ' || s.n, a.name,
          s.n || ' Station Road, London', 6 + bench.pick(s.n, 901, 24), 1
        from generate_series(1, ${suites}) s(n)
        join bench_custody_areas a
          on a.n = 1 + bench.pick(s.n, 902, (select count(*) from bench_custody_areas)::int);
      -- ICV-02: one visitor in ten still an applicant; the rest appointed up to about eight
      -- years ago (renewed after three), some on probation, some with vetting lapsed, a few
      -- suspended. People from the end of the directory, so rarely a coordinator too.
      create temp table bench_custody_visitors on commit drop as
        select b.n, b.person_id, p.id panel_id,
          ${today} - (150 + bench.pick(b.n, 904, 2900)) declared,
          case when bench.pick(b.n, 905, 10) > 0
            then ${today} - (30 + bench.pick(b.n, 904, 2900)) end appointed
        from (select row_number() over (order by id desc)::int n, id person_id
              from people
              -- Not the demo's visitors: a person is a visitor once (custody_visitors_person_key).
              where not exists (select 1 from custody_visitors v where v.person_id = people.id)
              order by id desc limit ${visitors}) b
        join bench_custody_areas a
          on a.n = 1 + bench.pick(b.n, 903, (select count(*) from bench_custody_areas)::int)
        join custody_panels p on p.area = a.name;
      insert into custody_visitors (person_id, panel_id, declared_on, interviewed_on,
          interview_panel, interview_outcome, vetting_result, vetted_on, vetting_expires_on,
          appointed_on, term_ends_on, renewed_on, probation_signed_off_on,
          probation_signed_off_by, suspended_from, suspension_reason)
        select person_id, panel_id, declared, declared + 30,
          'The panel coordinator and a visitor', 'suitable',
          case when appointed is not null then 'cleared' end, appointed - 60,
          case when appointed is not null then ${today} + (bench.pick(n, 906, 1100) - 100) end,
          appointed,
          case when appointed < ${today} - interval '3 years'
            then (appointed + interval '6 years')::date
            else (appointed + interval '3 years')::date end,
          case when appointed < ${today} - interval '3 years'
            then (appointed + interval '3 years')::date end,
          case when appointed < ${today} - interval '6 months'
            then (appointed + interval '6 months')::date end,
          case when appointed < ${today} - interval '6 months' then 'The panel coordinator' end,
          case when appointed is not null and bench.pick(n, 907, 40) = 0 then ${today} - 20 end,
          case when appointed is not null and bench.pick(n, 907, 40) = 0
            then 'Under review by the scheme manager.' end
        from bench_custody_visitors;
      insert into custody_visitor_courses (visitor_id, name, induction, completed_on)
        select id, 'Induction', true, appointed_on from custody_visitors
          where appointed_on is not null
        union all
        select id, 'Annual refresher', false, appointed_on + 365 from custody_visitors
          where appointed_on < ${today} - 365;
      -- ICV-03: visits over the ten years to the week before this one, spread over the suites;
      -- each by two different visitors of the suite's panel (the panel's visitors numbered).
      create temp table bench_custody_panel_visitors on commit drop as
        select panel_id, id visitor_id,
          row_number() over (partition by panel_id order by id)::int - 1 i,
          count(*) over (partition by panel_id)::int c
        from custody_visitors;
      create temp table bench_custody_suites on commit drop as
        select row_number() over (order by s.id)::int - 1 i, s.id suite_id, p.id panel_id,
          (select max(c) from bench_custody_panel_visitors v where v.panel_id = p.id) c
        from custody_suites s join custody_panels p on lower(p.area) = lower(s.area);
      insert into custody_visits (panel_id, suite_id, quarter_start, week_starting,
          first_visitor_id, second_visitor_id, status, visit_on, visit_minutes)
        select v.panel_id, v.suite_id, date_trunc('quarter', v.week)::date, v.week,
          a.visitor_id, b.visitor_id,
          case when bench.pick(v.n, 913, 20) = 0 then 'missed' else 'made' end,
          case when bench.pick(v.n, 913, 20) > 0 then v.week + bench.pick(v.n, 914, 7) end,
          case when bench.pick(v.n, 913, 20) > 0 then bench.pick(v.n, 915, 1440) end
        from (
          select n, s.suite_id, s.panel_id, s.c, bench.pick(n, 911, s.c) first,
            (date_trunc('week', ${today})::date - 7 * (1 + bench.pick(n, 910, 520)))::date week
          from generate_series(1, ${visits}) n
          join bench_custody_suites s
            on s.i = bench.pick(n, 912, (select count(*) from bench_custody_suites)::int)
          where s.c >= 2
        ) v
        join bench_custody_panel_visitors a on a.panel_id = v.panel_id and a.i = v.first
        join bench_custody_panel_visitors b on b.panel_id = v.panel_id
          and b.i = (v.first + 1 + bench.pick(v.n, 916, v.c - 1)) % v.c;
      -- ICV-07: a report for each visit made, sent an hour or two after arriving, both visitors
      -- confirming; one in fifteen admitted late, with the reason and the inspector who said so.
      create temp table bench_custody_reports on commit drop as
        select r.*, (r.visit_on + r.arrived_at + interval '1 hour'
            + bench.pick(r.n, 921, 90) * interval '1 minute') at time zone 'Europe/London' sent
        from (
          select v.n::int, v.id visit_id, v.suite_id, v.panel_id, v.visit_on,
            v.first_visitor_id, v.second_visitor_id,
            (least(v.visit_minutes, 1300) * interval '1 minute')::time arrived_at,
            case when bench.pick(v.n, 920, 15) = 0 then 20 + bench.pick(v.n, 922, 40)
              else bench.pick(v.n, 922, 6) end delay,
            -- Up to six detainees present, two or so on most visits.
            least(6, bench.pick(v.n, 923, 4) + bench.pick(v.n, 936, 4) * bench.pick(v.n, 937, 2))
              detainees
          from (select *, row_number() over (order by visit_on, visit_minutes, id) n
                from custody_visits where status = 'made') v
        ) r;
      alter table bench_custody_reports add column report_id uuid not null default gen_random_uuid();
      -- Temporary tables are never analysed by autovacuum: without their sizes the planner
      -- guesses millions of rows and compiles the inserts (JIT) for longer than they run.
      analyze bench_custody_reports;
      set local jit = off;
      -- ICV-08: the scheme manager reviews every report within days, but for the latest few dozen
      -- and one in forty of the last six weeks' (some of them overdue).
      create temp table bench_custody_manager on commit drop as
        select (select u.id from users u join role_assignments r on r.user_id = u.id
                where r.role = 'scheme_manager' order by u.email limit 1) manager_id,
               (select u.id from users u join role_assignments r on r.user_id = u.id
                where r.role = 'custody_inspector' order by u.email limit 1) inspector_id;
      insert into custody_visit_reports (id, visit_id, suite_id, panel_id, visited_on,
          first_visitor_id, second_visitor_id, arrived_at, admitted_at, delay_reason,
          delay_authorised_by, detainees_present, rights_check, rights_notes, health_check,
          health_notes, cells_check, cells_notes, conditions, issues_raised, action_taken,
          follow_up, checks_recorded_at, first_confirmed_at, second_confirmed_at, status,
          submitted_at, reviewed_at, reviewed_by, review_note, idempotency_key, created_at,
          updated_at, version)
        select r.report_id, r.visit_id, r.suite_id, r.panel_id, r.visit_on,
          r.first_visitor_id, r.second_visitor_id, r.arrived_at,
          r.arrived_at + r.delay * interval '1 minute',
          case when r.delay >= 20 then 'A detainee was being moved along the cell corridor' end,
          case when r.delay >= 20 then 'The duty custody inspector' end,
          r.detainees,
          case when bench.pick(r.n, 924, 12) = 0 then 'concerns' else 'satisfactory' end,
          case when bench.pick(r.n, 924, 12) = 0
            then 'One detainee had not been told of their right to legal advice' end,
          case when bench.pick(r.n, 925, 10) = 0 then 'concerns' else 'satisfactory' end,
          case when bench.pick(r.n, 925, 10) = 0 then 'A request to see a nurse was waiting' end,
          case when bench.pick(r.n, 926, 8) = 0 then 'concerns' else 'satisfactory' end,
          case when bench.pick(r.n, 926, 8) = 0 then 'No clean blankets in two cells' end,
          (${CONDITIONS})[1 + bench.pick(r.n, 927, 5)],
          case when bench.pick(r.n, 930, 8) = 0 then 'Raised with the custody sergeant' end,
          case when bench.pick(r.n, 930, 8) = 0 then 'The sergeant noted it for the custody manager' end,
          case when bench.pick(r.n, 930, 8) = 0 then 'Ask the custody inspector what will be done' end,
          r.sent - interval '10 minutes', r.sent - interval '5 minutes', r.sent, 'submitted', r.sent,
          rv.reviewed_at, case when rv.reviewed_at is not null then m.manager_id end,
          case when rv.reviewed_at is not null and bench.pick(r.n, 932, 6) = 0
            then 'Read; nothing further for the panel' end,
          gen_random_uuid(), r.sent - interval '1 hour', coalesce(rv.reviewed_at, r.sent),
          case when rv.reviewed_at is null then 1 else 2 end
        from bench_custody_reports r
        cross join bench_custody_manager m
        cross join lateral (
          select case when r.n > (select count(*) from bench_custody_reports) - ${backlog}
              or (r.visit_on > ${today} - 42 and bench.pick(r.n, 931, 40) = 0) then null
            else least(r.sent + (6 + bench.pick(r.n, 933, 200)) * interval '1 hour', ${now})
            end reviewed_at
        ) rv;
      -- ICV-05: 0 to 6 detainees present, by custody record number only; a few children or
      -- vulnerable; one in five not seen, with why.
      insert into custody_visit_report_detainees (report_id, custody_record_number, child,
          vulnerable, consent, seen, not_seen_reason, record_checked, observations,
          idempotency_key, created_at)
        select r.report_id,
          lpad((1 + bench.pick(r.n, 940, 90))::text, 2, '0') || 'CV/'
            || lpad(((r.n * 7 + d) % 10000)::text, 4, '0') || '/' || to_char(r.visit_on, 'YY'),
          bench.pick(r.n * 7 + d, 941, 25) = 0, bench.pick(r.n * 7 + d, 942, 8) = 0,
          bench.pick(r.n * 7 + d, 943, 5) > 0 and bench.pick(r.n * 7 + d, 944, 10) > 0,
          bench.pick(r.n * 7 + d, 943, 5) > 0,
          case when bench.pick(r.n * 7 + d, 943, 5) = 0
            then (${NOT_SEEN})[1 + bench.pick(r.n * 7 + d, 945, 5)] end,
          bench.pick(r.n * 7 + d, 943, 5) > 0 and bench.pick(r.n * 7 + d, 944, 10) > 0,
          case when bench.pick(r.n * 7 + d, 943, 5) > 0
            then (${OBSERVATIONS})[1 + bench.pick(r.n * 7 + d, 946, 6)] end,
          gen_random_uuid(), r.sent - interval '20 minutes'
        from bench_custody_reports r
        join generate_series(1, 6) d on d <= r.detainees;
      -- ICV-08: an issue from one reviewed report in eight, raised as it was reviewed; answered
      -- within a month (one in a hundred never), past ten working days escalated to the chief
      -- inspector (most), one in six significant (half of those to the authority), one in twenty
      -- sent back once, closed within weeks of the answer; what has not happened by now has not.
      create temp table bench_custody_issues on commit drop as
        select i.*,
          i.raised_at + (2 + bench.pick(i.n, 951, 10)
            + case when bench.pick(i.n, 962, 5) = 0 then bench.pick(i.n, 963, 25) else 0 end)
            * interval '1 day'
            + bench.pick(i.n, 952, 480) * interval '1 minute' answer_due,
          bench.pick(i.n, 953, 100) = 0 never_answered
        from (
          select r.n, r.report_id, r.suite_id,
            c.reviewed_at - (5 + bench.pick(r.n, 950, 20)) * interval '1 minute' raised_at
          from bench_custody_reports r
          join custody_visit_reports c on c.id = r.report_id
          where bench.pick(r.n, 930, 8) = 0 and c.reviewed_at is not null
        ) i;
      analyze bench_custody_issues;
      insert into custody_issues (report_id, suite_id, summary, significant, status, raised_at,
          raised_on, raised_by, response, answered_at, answered_by, sent_back_at,
          sent_back_note, outcome, close_note, closed_at, closed_on, escalated_at,
          authority_escalated_at, created_at, updated_at, version)
        select i.report_id, i.suite_id, (${SUMMARIES})[1 + bench.pick(i.n, 954, 8)],
          bench.pick(i.n, 955, 6) = 0,
          case when a.answered_at is null then 'open'
            when a.closed_at is null then 'answered' else 'closed' end,
          i.raised_at, (i.raised_at at time zone 'Europe/London')::date, m.manager_id,
          case when a.answered_at is not null then (${RESPONSES})[1 + bench.pick(i.n, 956, 5)] end,
          a.answered_at, case when a.answered_at is not null then m.inspector_id end,
          a.sent_back_at,
          case when a.sent_back_at is not null
            then 'Please say when the repair will be done' end,
          case when a.closed_at is not null then
            case when bench.pick(i.n, 957, 7) = 0 then 'not_resolved' else 'resolved' end end,
          case when a.closed_at is not null then 'Confirmed on the next visit' end,
          a.closed_at, (a.closed_at at time zone 'Europe/London')::date,
          case when (a.answered_at is null or a.answered_at > i.raised_at + interval '16 days')
              and i.raised_at + interval '16 days' < ${now} and bench.pick(i.n, 958, 6) > 0
            then i.raised_at + interval '16 days' end,
          case when bench.pick(i.n, 955, 6) = 0 and bench.pick(i.n, 959, 2) = 0
            then least(i.raised_at + interval '1 day', ${now}) end,
          i.raised_at, greatest(i.raised_at, a.answered_at, a.closed_at), 1
        from bench_custody_issues i
        cross join bench_custody_manager m
        cross join lateral (
          select case when not i.never_answered and i.answer_due < ${now} then i.answer_due end
              answered_at,
            case when not i.never_answered and bench.pick(i.n, 960, 20) = 0
                and i.answer_due < ${now} then i.answer_due - interval '1 day' end sent_back_at,
            case when not i.never_answered
                and i.answer_due + (1 + bench.pick(i.n, 961, 20)) * interval '1 day' < ${now}
              then i.answer_due + (1 + bench.pick(i.n, 961, 20)) * interval '1 day' end closed_at
        ) a;
    `);
  },
};
