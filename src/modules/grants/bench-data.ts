/**
 * Ten years of grants for a large area (issue 26): four funds (engagement groups' funding at about
 * £1m a year, the partnership fund, the borough command funds, development bids), a round of each
 * every year, and each year every borough's engagement group and partnership applying, its police
 * command with four projects and three development bids: about 3,000 applications, four in five
 * awarded, with their budget lines, outcomes, two assessments each, instalments paid in a batch a
 * year, five quarterly monitoring returns each (about 12,000), underspends, and the evaluations
 * of those ended. Fund years' commitments are the sums of their awards.
 */
import type { ModuleGenerator } from '../../platform/bench/generator.js';

export const grantsGenerator: ModuleGenerator = {
  module: 'grants',
  tables: [
    'grant_funds',
    'grant_fund_years',
    'grant_criteria',
    'grant_rounds',
    'grant_round_criteria',
    'grant_applications',
    'grant_budget_lines',
    'grant_outcomes',
    'grant_assessments',
    'grant_scores',
    'grant_payment_batches',
    'grant_payments',
    'grant_returns',
    'grant_return_spend',
    'grant_return_progress',
    'grant_adjustments',
    'grant_evaluations',
  ],
  async generate({ client, scaled, asOf }) {
    const years = Math.min(10, Math.max(1, scaled(10)));
    const today = `'${asOf}'::date`;
    // The fund names differ from the demo's, which the benchmark's database also holds.
    // The reporting year asOf falls in (April to March), and the ten before it.
    const lastYear = Number(asOf.slice(0, 4)) - (Number(asOf.slice(5, 7)) < 4 ? 1 : 0);
    await client.query(`
      create temp table bench_funds on commit drop as
        select * from (values
          (1, 'Engagement group funding', 'engagement', array['engagement_group'], 100000000, 1, 2000000, 3000000),
          (2, 'Community safety partnership fund', 'partnership', array['partnership'], 165000000, 1, 3500000, 5000000),
          (3, 'Borough command partnership money', 'borough_command', array['borough'], 165000000, 4, 800000, 1200000),
          (4, 'Development bids for pilots', 'development', array['engagement_group'], 50000000, 3, 300000, 500000)
        ) f(fund_no, name, kind, applicant_kinds, budget_pence, per_borough, low_pence, high_pence);
      insert into grant_funds (name, kind, description, conditions, applicant_kinds, created_at, updated_at)
        select name, kind,
          'Money for ' || lower(name) || ' across the area, for work that engages communities with their police.',
          'Quarterly monitoring returns against each budget line and outcome; unspent money returned; ' ||
          'an evaluation of effectiveness and value for money at the end.',
          applicant_kinds, now(), now()
        from bench_funds;
      create temp table bench_fund_ids on commit drop as
        select b.*, f.id fund_id from bench_funds b join grant_funds f on f.name = b.name;
      insert into grant_criteria (fund_id, position, title, guidance, weight)
        select fund_id, c.position, c.title, c.guidance, c.weight
        from bench_fund_ids cross join (values
          (1, 'Reaches communities that are seldom heard', 'Who will take part, and how they are reached', 3),
          (2, 'Clear outcomes and how they are measured', null, 2),
          (3, 'Value for money', 'The cost for what it achieves', 2)
        ) c(position, title, guidance, weight);
      insert into grant_rounds (fund_id, start_year, title, opens_on, closes_on, decisions_by, created_at, updated_at)
        select fund_id, y, name || ' ' || y || '-' || lpad(((y + 1) % 100)::text, 2, '0'),
          make_date(y, 4, 1), make_date(y, 5, 31), make_date(y, 6, 30), now(), now()
        from bench_fund_ids cross join generate_series(${lastYear - years + 1}, ${lastYear}) y;

      create temp table bench_boroughs on commit drop as
        select row_number() over (order by g.name)::int bn, g.id group_id, g.name group_name,
          g.borough_id, o.name borough_name
        from engagement_groups g join organisations o on o.id = g.borough_id;
      create temp table bench_apps on commit drop as
        select row_number() over (order by r.start_year, f.fund_no, b.bn, k)::int n,
          gen_random_uuid() id, f.fund_no, f.kind, f.low_pence, f.high_pence, r.id round_id,
          r.start_year y, b.*, k
        from bench_fund_ids f
        join grant_rounds r on r.fund_id = f.fund_id
        cross join bench_boroughs b
        cross join lateral generate_series(1, f.per_borough) k;
      alter table bench_apps add column status text;
      update bench_apps set status = case
          when bench.pick(n, 710, 20) < 16 then 'awarded'
          when bench.pick(n, 710, 20) < 19 then 'declined'
          else 'withdrawn' end;
      alter table bench_apps add column line_pence int;
      update bench_apps set line_pence =
        (low_pence + bench.pick(n, 711, high_pence - low_pence)) / 300 * 100;

      insert into grant_applications (id, round_id, applicant_kind, engagement_group_id,
          organisation_id, applicant_name, borough_id, project_title, summary, objectives,
          activities, starts_on, ends_on, status, requested_pence, submitted_at, decided_at, panel,
          decision_reason, awarded_pence, conditions, created_at, updated_at)
        select id, round_id,
          case kind when 'partnership' then 'partnership' when 'borough_command' then 'borough'
            else 'engagement_group' end,
          case when kind in ('engagement', 'development') then group_id end,
          case when kind in ('partnership', 'borough_command') then borough_id end,
          case kind when 'partnership' then borough_name || ' Community Safety Partnership'
            when 'borough_command' then borough_name || ' police command' else group_name end,
          borough_id,
          (array['Listening events with young people', 'Safer streets walkabouts',
                 'Hate crime reporting centres', 'Stop and search community monitoring',
                 'Neighbourhood panels', 'Victim support outreach'])[1 + bench.pick(n, 712, 6)]
            || ' ' || y || ' (' || n || ')',
          'Work with local people and the police on what matters to them.',
          'Build trust and confidence between the community and its police.',
          'Meetings, events and a report to the borough.',
          make_date(y, 7, 1), make_date(y + 1, 9, 30), status, line_pence * 3,
          make_date(y, 5, 1) + bench.pick(n, 713, 28) + interval '10 hours',
          case when status <> 'withdrawn' then make_date(y, 6, 15) + interval '14 hours' end,
          case when status <> 'withdrawn' then 'Grants panel ' || y end,
          case status when 'awarded' then 'Meets the criteria well.'
            when 'declined' then 'Outside the fund''s priorities this year.' end,
          case when status = 'awarded' then line_pence * 3 end,
          case when status = 'awarded' then 'Quarterly returns; an evaluation at the end.' end,
          make_date(y, 4, 20), make_date(y, 6, 15)
        from bench_apps;
      insert into grant_budget_lines (application_id, position, description, amount_pence)
        select id, l, (array['Venue hire', 'Outreach worker', 'Publicity and translation'])[l], line_pence
        from bench_apps cross join generate_series(1, 3) l;
      insert into grant_outcomes (application_id, position, outcome, measure)
        select id, o, (array['More people from seldom-heard groups take part',
                             'Trust in the local police rises'])[o],
          (array['Attendance at each event', 'Survey before and after'])[o]
        from bench_apps cross join generate_series(1, 2) o;

      create temp table bench_assessors on commit drop as
        select row_number() over (order by n)::int a, user_id from bench.people
        where kind = 'officer' and user_id is not null order by n limit 20;
      insert into grant_assessments (application_id, assessor_id, comments, submitted_at, created_at, updated_at)
        select b.id, s.user_id, 'Scored against the criteria.',
          make_date(b.y, 6, 5), make_date(b.y, 6, 1), make_date(b.y, 6, 5)
        from bench_apps b cross join generate_series(0, 1) j
        join bench_assessors s on s.a = 1 + (b.n + j * 7) % (select count(*) from bench_assessors)
        where b.status <> 'withdrawn'
        on conflict do nothing;
      -- CON-04: each round with applications keeps its fund's criteria as they were submitted.
      update grant_rounds set criteria_fixed_at = opens_on::timestamptz
        where id in (select round_id from bench_apps);
      insert into grant_round_criteria (round_id, criterion_id, position, title, guidance, weight)
        select r.id, c.id, c.position, c.title, c.guidance, c.weight
        from grant_rounds r join grant_criteria c on c.fund_id = r.fund_id
        where r.id in (select round_id from bench_apps);
      insert into grant_scores (assessment_id, criterion_id, score)
        select a.id, c.id, 1 + bench.pick(b.n * 3 + c.position, 714, 5)
        from grant_assessments a join bench_apps b on b.id = a.application_id
        join grant_round_criteria c on c.round_id = b.round_id;

      insert into grant_fund_years (fund_id, start_year, budget_pence, committed_pence, created_at, updated_at)
        select f.fund_id, y, f.budget_pence,
          coalesce((select sum(a.line_pence * 3) from bench_apps a
                    where a.fund_no = f.fund_no and a.y = y.y and a.status = 'awarded'), 0),
          make_date(y, 3, 1), make_date(y, 6, 15)
        from bench_fund_ids f cross join generate_series(${lastYear - years + 1}, ${lastYear}) y;

      -- A batch a year, holding that year's instalments, paid.
      insert into grant_payment_batches (created_at, payment_count, total_pence, exported_at, paid_at)
        select make_date(y, 7, 1) + interval '9 hours', 0, 0,
          make_date(y, 7, 1) + interval '10 hours', make_date(y, 7, 3) + interval '10 hours'
        from generate_series(${lastYear - years + 1}, ${lastYear}) y;
      insert into grant_payments (application_id, instalment, due_on, amount_pence, batch_id)
        select b.id, i, (make_date(b.y, 7, 1) + (i - 1) * interval '6 months')::date,
          case when i = 1 then b.line_pence * 3 - (b.line_pence * 3 / 2) else b.line_pence * 3 / 2 end,
          case when make_date(b.y, 7, 1) + (i - 1) * interval '6 months' <= ${today}
            then (select p.id from grant_payment_batches p
                  where p.created_by is null
                    and extract(year from p.created_at) = extract(year from make_date(b.y, 7, 1) + (i - 1) * interval '6 months')
                  order by p.created_at limit 1) end
        from bench_apps b cross join generate_series(1, 2) i where b.status = 'awarded';
      update grant_payment_batches p set payment_count = s.c, total_pence = s.t
        from (select batch_id, count(*) c, sum(amount_pence) t from grant_payments
              where batch_id is not null group by batch_id) s
        where s.batch_id = p.id;

      -- Five quarterly returns each, sent a little before they fall due; a few late and unsent.
      insert into grant_returns (application_id, period, period_start, period_end, due_on, final,
          progress, submitted_at, accepted_at, created_at, updated_at)
        select b.id, q, (make_date(b.y, 7, 1) + (q - 1) * interval '3 months')::date,
          (make_date(b.y, 7, 1) + q * interval '3 months' - interval '1 day')::date,
          (make_date(b.y, 7, 1) + q * interval '3 months' + interval '27 days')::date,
          q = 5,
          case when sent then 'On track: the events this quarter were well attended.' end,
          case when sent then make_date(b.y, 7, 1) + q * interval '3 months' + bench.pick(b.n * 5 + q, 715, 27) * interval '1 day' end,
          case when sent then make_date(b.y, 7, 1) + q * interval '3 months' + interval '35 days' end,
          make_date(b.y, 6, 15), make_date(b.y, 6, 15)
        from bench_apps b cross join generate_series(1, 5) q
        cross join lateral (select
          make_date(b.y, 7, 1) + q * interval '3 months' + interval '27 days' <= ${today}
            and bench.pick(b.n * 5 + q, 716, 40) > 0 as sent) s
        where b.status = 'awarded';
      insert into grant_return_spend (return_id, budget_line_id, spent_pence)
        select r.id, l.id, l.amount_pence / 5
        from grant_returns r join grant_budget_lines l on l.application_id = r.application_id
        join bench_apps b on b.id = r.application_id
        where r.submitted_at is not null;
      insert into grant_return_progress (return_id, outcome_id, status, note)
        select r.id, o.id,
          (array['on_track', 'on_track', 'behind', 'achieved'])[1 + bench.pick(r.period * 7 + o.position, 717, 4)],
          'As reported at the quarter''s meeting.'
        from grant_returns r join grant_outcomes o on o.application_id = r.application_id
        join bench_apps b on b.id = r.application_id
        where r.submitted_at is not null;

      -- A tenth of the ended grants gave back an underspend; those ended are evaluated.
      insert into grant_adjustments (application_id, kind, amount_pence, reason, recorded_on)
        select id, 'underspend', line_pence * 3 / 20, 'Venue costs lower than planned.',
          make_date(y + 1, 11, 15)
        from bench_apps
        where status = 'awarded' and make_date(y + 1, 11, 15) <= ${today} and n % 10 = 0;
      update grant_fund_years fy set committed_pence = fy.committed_pence - s.t
        from (select f.fund_id, b.y, sum(a.amount_pence) t from grant_adjustments a
              join bench_apps b on b.id = a.application_id
              join bench_fund_ids f on f.fund_no = b.fund_no group by 1, 2) s
        where fy.fund_id = s.fund_id and fy.start_year = s.y;
      insert into grant_evaluations (application_id, effectiveness, value_for_money, findings,
          lessons, evaluated_on)
        select id, (array['excellent', 'good', 'good', 'adequate', 'poor'])[1 + bench.pick(n, 718, 5)],
          (array['excellent', 'good', 'adequate'])[1 + bench.pick(n, 719, 3)],
          'Met most of its outcomes; attendance grew through the year.',
          'Start outreach earlier; partner with schools.',
          make_date(y + 1, 12, 1)
        from bench_apps where status = 'awarded' and make_date(y + 1, 12, 1) <= ${today};
    `);
  },
};
