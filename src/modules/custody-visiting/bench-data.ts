/**
 * The scheme at London's scale (seed 001, paragraph 12): a panel for each of the 32 boroughs,
 * each coordinated by someone in the directory, and about three custody suites a borough, each
 * aiming for a visit a week; 450 lay visitors across the panels at every stage (ICV-02), with
 * their induction and refresher courses; and ten years of visits (issue 24: 100,000), each made by
 * two visitors of the suite's panel on a day and at a time they chose, one in twenty missed.
 */
import type { ModuleGenerator } from '../../platform/bench/generator.js';

export const custodyVisitingGenerator: ModuleGenerator = {
  module: 'custody-visiting',
  tables: [
    'custody_panels',
    'custody_suites',
    'custody_visitors',
    'custody_visitor_courses',
    'custody_visits',
  ],
  async generate({ client, scaled, asOf }) {
    const boroughs = scaled(32);
    const suites = scaled(100);
    const visitors = scaled(450);
    const visits = scaled(100000);
    const today = `'${asOf}'::date`;
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
    `);
  },
};
