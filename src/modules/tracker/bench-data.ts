/**
 * Ten years of reviews, scrutinies and inquiries: 80 sources with 2,000 recommendations between
 * them (about 25 each, as the force's reviews run), each with two key points and 10,000 actions,
 * owned by units, boroughs and officers, with their history of updates and the reports made.
 */
import type { ModuleGenerator } from '../../platform/bench/generator.js';

export const trackerGenerator: ModuleGenerator = {
  module: 'tracker',
  tables: [
    'tracker_sources',
    'tracker_recommendations',
    'tracker_key_points',
    'tracker_actions',
    'tracker_leads',
    'tracker_updates',
    'tracker_reports',
  ],
  async generate({ client, scaled, asOf }) {
    const sources = scaled(80);
    const recommendations = scaled(2000);
    const today = `'${asOf}'::date`;
    await client.query(`
      insert into tracker_sources (title, kind, reference, source_date, owner_organisation_id,
          reports_to, monitored_by, is_public, created_at, updated_at)
        select
          (array['Review of', 'Scrutiny of', 'Inquiry into', 'Inspection of', 'Borough scrutiny of',
                 'Thematic review of'])[1 + (n % 6)] || ' ' ||
          (array['stop and search', 'the response to hate crime', 'community engagement',
                 'custody', 'the use of independent advice', 'missing people investigations',
                 'domestic abuse', 'youth engagement'])[1 + bench.pick(n, 400, 8)] || ' (' || n || ')',
          (array['review', 'scrutiny', 'inquiry', 'inspection', 'borough_scrutiny',
                 'thematic_review'])[1 + (n % 6)]::tracker_source_kind,
          'BENCH-' || lpad(n::text, 3, '0'),
          ${today} - (60 + bench.pick(n, 401, 3590)),
          (select id from organisations where kind in ('borough', 'directorate')
             order by code offset bench.pick(n, 402, 40) limit 1),
          'Community Engagement Committee',
          case when n % 6 in (2, 4) then 'Stop and Search Scrutiny Group 1' end,
          n % 3 = 0,
          ${today} - (60 + bench.pick(n, 401, 3590)) + 30,
          ${today} - bench.pick(n, 403, 60)
        from generate_series(1, ${sources}) n;
      create temp table bench_sources on commit drop as
        select row_number() over (order by reference)::int n, id, source_date, created_at
        from tracker_sources where reference like 'BENCH-%';

      create temp table bench_recommendations on commit drop as
        select r.n, s.id source_id, s.source_date, s.created_at,
          row_number() over (partition by s.id order by r.n)::int position
        from generate_series(1, ${recommendations}) r(n)
        join bench_sources s on s.n = 1 + bench.pick(r.n, 404, ${sources});
      insert into tracker_recommendations (source_id, number, position, section, text, status,
          rationale, created_at, updated_at)
        select source_id, position::text, position,
          (array['Governance', 'Training', 'Engagement', 'Data and monitoring'])[1 + (position - 1) / 8 % 4],
          'The police service should ' ||
          (array['agree with its partners how', 'publish each quarter how', 'train every officer in how',
                 'ask its independent advisors how'])[1 + bench.pick(n, 405, 4)] ||
          ' it will improve ' ||
          (array['the confidence of young people', 'the recording of hate crime',
                 'the use of stop and search', 'the care of detained people'])[1 + bench.pick(n, 406, 4)] ||
          ', and report on progress to the committee.',
          case when n % 50 = 0 then 'not_accepted' else 'accepted' end::tracker_recommendation_status,
          case when n % 50 = 0 then 'Already covered by the force''s existing policy' end,
          created_at, created_at
        from bench_recommendations;
      -- Now and then one is superseded by the recommendation before it in the same source.
      update tracker_recommendations r set status = 'superseded', superseded_by_id = (
          select p.id from tracker_recommendations p
          where p.source_id = r.source_id and p.position = r.position - 1)
        where r.position % 29 = 0 and r.status = 'accepted'
          and r.source_id in (select id from bench_sources);

      insert into tracker_key_points (recommendation_id, position, text, created_at, updated_at)
        select r.id, k, 'Key point ' || r.number || '.' || k || ': ' ||
          (array['arrangements agreed with partners', 'training delivered',
                 'monitoring in place', 'policy published'])[1 + bench.pick(r.position * 10 + k, 407, 4)],
          r.created_at, r.created_at
        from tracker_recommendations r
        join bench_sources s on s.id = r.source_id
        cross join generate_series(1, 2) k;
      -- Each recommendation's first key point is led by a directorate.
      insert into tracker_leads (key_point_id, organisation_id, position, created_at)
        select kp.id, (select id from organisations where kind = 'directorate'
             order by code offset bench.pick(r.position, 408, 7) limit 1), 1, kp.created_at
        from tracker_key_points kp
        join tracker_recommendations r on r.id = kp.recommendation_id
        join bench_sources s on s.id = r.source_id
        where kp.position = 1;

      -- Two or three actions to each key point: 10,000 actions in all at full size.
      create temp table bench_actions on commit drop as
        select row_number() over (order by s.n, r.position, kp.position, a)::int n,
          kp.id key_point_id,
          r.id recommendation_id, r.source_id, a position, s.source_date, s.created_at
        from tracker_key_points kp
        join tracker_recommendations r on r.id = kp.recommendation_id
        join bench_sources s on s.id = r.source_id
        cross join generate_series(1, 3) a
        where a <= 2 or bench.pick(s.n * 10000 + r.position * 10 + kp.position, 409, 2) = 0;
      alter table bench_actions add column result tracker_action_result,
        add column id uuid not null default gen_random_uuid();
      update bench_actions set result = case
          when source_date < ${today} - 730 then
            (array['completed', 'completed', 'completed', 'completed', 'ongoing'])[1 + bench.pick(n, 411, 5)]
          else (array['completed', 'ongoing', 'ongoing', 'awaits'])[1 + bench.pick(n, 411, 4)]
        end::tracker_action_result;
      insert into tracker_actions (id, key_point_id, source_id, recommendation_id, position,
          description, due_on, result, completed_on, completed_precision, narrative, created_at,
          updated_at)
        select id, key_point_id, source_id, recommendation_id, position,
          (array['Agree the arrangements with the borough partnership',
                 'Brief every safer neighbourhoods team', 'Publish the figures each quarter',
                 'Review the policy with the independent advisory group'])[1 + bench.pick(n, 412, 4)],
          source_date + 90 + bench.pick(n, 416, 630),
          result,
          case when result = 'completed' then source_date + 60 + bench.pick(n, 417, 600) end,
          case when result = 'completed' then 'day'::tracker_completion_precision end,
          case result when 'completed' then 'Done: the arrangements are in place and checked.'
            when 'ongoing' then 'Work is under way with the partners; next review in the spring.'
            else 'Awaits the outcome of the force''s wider review.' end,
          created_at, created_at + (bench.pick(n, 418, 300) || ' days')::interval
        from bench_actions a;
      -- Six in ten owned by a unit, borough or directorate, three in ten by an officer; the
      -- rest by nobody yet.
      insert into tracker_leads (action_id, person_id, organisation_id, position, created_at)
        select id, person_id, organisation_id, 1, created_at from (
          select a.id, a.created_at,
            case when bench.pick(a.n, 413, 10) between 6 and 8 then
              (select p.person_id from bench.people p where p.kind = 'officer'
                 and p.n = 1 + bench.pick(a.n, 414, ${scaled(3000)})) end person_id,
            case when bench.pick(a.n, 413, 10) < 6 then
              (select id from organisations where kind in ('police_unit', 'borough', 'directorate')
                 order by code offset bench.pick(a.n, 415, 100) limit 1) end organisation_id
          from bench_actions a
        ) owned
        where person_id is not null or organisation_id is not null;

      -- Each action's history: imported with the source, then the progress that brought it to
      -- its result now, so a report as at any date reads what was then true.
      insert into tracker_updates (action_id, recommendation_id, source_id, kind, recorded_at,
          author_label, result, narrative)
        select id, recommendation_id, source_id, 'imported', created_at, 'Authority officer',
          case when result = 'awaits' then 'awaits' else 'ongoing' end::tracker_action_result,
          'Imported with the source'
        from tracker_actions where source_id in (select id from bench_sources);
      insert into tracker_updates (action_id, recommendation_id, source_id, kind, recorded_at,
          author_label, result, completed_on, completed_precision, narrative)
        select id, recommendation_id, source_id, 'progress', updated_at, 'Borough partnership officer',
          result, completed_on, completed_precision, narrative
        from tracker_actions
        where source_id in (select id from bench_sources) and result <> 'awaits';
      insert into tracker_updates (recommendation_id, source_id, kind, recorded_at, author_label,
          standing, superseded_by_number, rationale)
        select r.id, r.source_id, 'standing', r.updated_at + interval '1 day', 'Authority officer',
          r.status, p.number, r.rationale
        from tracker_recommendations r
        left join tracker_recommendations p on p.id = r.superseded_by_id
        where r.status <> 'accepted' and r.source_id in (select id from bench_sources);

      insert into tracker_reports (source_id, as_of, produced_at)
        select s.id, d, d + time '10:00'
        from bench_sources s
        cross join lateral generate_series(s.source_date + 180, ${today} - 30, interval '6 months') d;
    `);
  },
};
