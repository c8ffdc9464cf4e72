/**
 * Sixty advisory groups (the five corporate IAGs, one IAG for each borough, and specialist,
 * community and sub-groups), 600 current advisors and 2,000 past members whose terms ran over
 * ten years, with their clearances and diversity answers (the advice module's generator gives
 * them their experience).
 */
import { nameSql, type ModuleGenerator } from '../../platform/bench/generator.js';

export const groupsGenerator: ModuleGenerator = {
  module: 'groups',
  tables: ['advisory_groups', 'memberships', 'clearances', 'diversity_answers'],
  async generate({ client, scaled, asOf }) {
    const advisors = scaled(600);
    const past = scaled(2000);
    const today = `'${asOf}'::date`;
    await client.query(`
      insert into advisory_groups (code, name, type, owner_id, purpose, focus, meeting_interval_months)
        select 'bench-iag-' || b.code, b.name || ' Independent Advisory Group', 'borough_iag', b.id,
          'Advises ' || b.name || ' police on how its work affects the communities of the borough',
          'Stop and search, hate crime and community confidence in ' || b.name, 2
        from organisations b where b.kind = 'borough';
      insert into advisory_groups (code, name, type, purpose, focus, meeting_interval_months)
        select 'bench-group-' || n,
          (array['Stop and Search Scrutiny Group', 'Hate Crime Panel', 'Faith Communities Forum',
                 'Older People''s Advisory Group', 'Mental Health Advisory Group',
                 'Critical Incident Reference Group'])[1 + (n % 6)] || ' ' || (1 + n / 6),
          (array['specialist', 'community', 'corporate_focus'])[1 + (n % 3)]::group_type,
          'Gives the police independent advice on a theme across the force area',
          'Advice on policy, operations and critical incidents', (array[1, 2, 3, 6])[1 + (n % 4)]
        from generate_series(1, greatest(0, 60 - (select count(*) from advisory_groups)::int)) n;
      insert into bench.groups (n, group_id)
        select row_number() over (order by (code like 'bench-%'), code), id from advisory_groups;

      -- Current advisors, each with an account; one in five sits on a second group.
      insert into users (email, display_name, password_hash)
        select 'advisor.' || n || '@bench.example', ${nameSql('n', 30)}, 'not-a-password-hash'
        from generate_series(1, ${advisors}) n;
      insert into people (full_name, email, phone, address, user_id)
        select u.display_name, u.email, '07700 9' || lpad((n % 100000)::text, 5, '0'),
          n || ' Park Lane, London', u.id
        from generate_series(1, ${advisors}) n
        join users u on u.email = 'advisor.' || n || '@bench.example';
      insert into bench.people (kind, n, person_id, user_id)
        select 'advisor', substring(email from 'advisor\\.(\\d+)@')::int, id, user_id
        from people where email like 'advisor.%@bench.example';
      insert into role_assignments (user_id, role)
        select user_id, 'advisor' from bench.people where kind = 'advisor';
      insert into memberships (group_id, person_id, term_number, starts_on, ends_on, status,
          publish_name)
        select g.group_id, a.person_id, 1 + (a.n % 2),
          ${today} - (30 + bench.pick(a.n, 31, 1000)), ${today} - (30 + bench.pick(a.n, 31, 1000)) + 1095,
          'current', a.n % 3 = 0
        from bench.people a
        join bench.groups g on g.n = 1 + bench.pick(a.n, 32, (select count(*)::int from bench.groups))
        where a.kind = 'advisor';
      insert into memberships (group_id, person_id, term_number, starts_on, ends_on, status)
        select g.group_id, a.person_id, 1, ${today} - 200, ${today} + 895, 'current'
        from bench.people a
        join bench.groups g on g.n = 1 + bench.pick(a.n, 33, (select count(*)::int from bench.groups))
        where a.kind = 'advisor' and a.n % 5 = 0
        on conflict do nothing;
      insert into clearances (person_id, level, granted_on, expires_on, required_by_id)
        select person_id, (array['nppv1', 'nppv2', 'nppv3', 'sc']::clearance_level[])[1 + bench.pick(n, 37, 4)],
          ${today} - bench.pick(n, 38, 1500), ${today} - bench.pick(n, 38, 1500) + 1825,
          (select id from organisations where kind = 'directorate' order by name limit 1)
        from bench.people where kind = 'advisor' and n % 3 <> 0;
      insert into diversity_answers (person_id, ethnicity, religion, disability, sexual_orientation,
          age_band, answered_at)
        select person_id,
          (array['white_british', 'white_other', 'mixed', 'asian', 'black', 'other',
                 'prefer_not'])[1 + bench.pick(n, 39, 7)],
          (array['none', 'christian', 'muslim', 'hindu', 'sikh', 'jewish', 'buddhist',
                 'prefer_not'])[1 + bench.pick(n, 40, 8)],
          (array['yes', 'no', 'no', 'prefer_not'])[1 + bench.pick(n, 41, 4)],
          (array['heterosexual', 'heterosexual', 'gay_lesbian', 'bisexual',
                 'prefer_not'])[1 + bench.pick(n, 42, 5)],
          (array['18_24', '25_34', '35_49', '50_64', '65_plus'])[1 + bench.pick(n, 43, 5)],
          ${today} - bench.pick(n, 44, 700)
        from bench.people where kind = 'advisor' and n % 4 <> 0;

      -- Past members: served a term or two in the ten years and left.
      insert into people (full_name, email, address)
        select ${nameSql('n', 50)}, 'former.' || n || '@bench.example', n || ' Old Road, London'
        from generate_series(1, ${past}) n;
      insert into bench.people (kind, n, person_id)
        select 'former', substring(email from 'former\\.(\\d+)@')::int, id
        from people where email like 'former.%@bench.example';
      insert into memberships (group_id, person_id, term_number, starts_on, ends_on, status,
          left_on, leaving_reason)
        select g.group_id, f.person_id, 1,
          ${today} - (1200 + bench.pick(f.n, 51, 2400)), ${today} - (1200 + bench.pick(f.n, 51, 2400)) + 1095,
          (array['ended', 'resigned', 'withdrawn']::membership_status[])[1 + bench.pick(f.n, 52, 3)],
          ${today} - (1200 + bench.pick(f.n, 51, 2400)) + 200 + bench.pick(f.n, 53, 890),
          (array['Term ended', 'Moved away', 'Work commitments', 'Did not attend'])[1 + bench.pick(f.n, 54, 4)]
        from bench.people f
        join bench.groups g on g.n = 1 + bench.pick(f.n, 55, (select count(*)::int from bench.groups))
        where f.kind = 'former';

      -- Every group has a deployment contact among its current members (the demo's is kept).
      update advisory_groups g set deployment_contact_id = (
          select m.person_id from memberships m
          left join bench.people b on b.person_id = m.person_id
          where m.group_id = g.id and m.status = 'current'
          order by m.starts_on, b.kind nulls first, b.n limit 1)
        where g.deployment_contact_id is null;
    `);
  },
};
