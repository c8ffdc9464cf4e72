/**
 * Ten years of the advisory groups' meetings: 5,000 spread over the 60 groups by how often each
 * meets (and the next one for most groups), with their agendas, the attendance of the members
 * of the day, minutes approved at the next meeting held (the latest still in draft), the advice
 * minuted, and the actions arising, closed at the next meeting or still outstanding.
 */
import { quote, type ModuleGenerator } from '../../platform/bench/generator.js';

const TOPICS = [
  'Stop and search monitoring for the quarter',
  'Use of force data',
  'Hate crime trends',
  'Community impact assessment',
  'Update from the borough commander',
  'Recruitment of members',
  'Taser deployment figures',
  'Youth engagement programme',
  'Custody and detention review',
  'Critical incident debrief',
  'Neighbourhood policing priorities',
  'Complaints and conduct',
  'Mental health and policing',
  'Domestic abuse partnership',
  'Annual report of the group',
  'Training for new officers',
  'Body-worn video review',
  'Protest and public order policing',
];
const ACTIONS = [
  'Circulate the stop and search figures by ward',
  'Invite the borough commander to attend',
  'Send the group the draft community impact assessment',
  'Arrange a visit to the custody suite',
  'Write to the Director with the group\u2019s advice',
  'Report back on the complaints raised',
  'Share the training materials with members',
  'Set up a scrutiny panel on use of force',
];
const oneOf = (key: string, salt: number, xs: string[]) =>
  `(array[${xs.map(quote).join(',')}])[1 + bench.pick(${key}, ${salt}, ${xs.length})]`;

export const meetingsGenerator: ModuleGenerator = {
  module: 'meetings',
  tables: [
    'meetings',
    'agenda_items',
    'meeting_attendance',
    'minutes',
    'minute_items',
    'minuted_advice',
    'meeting_actions',
  ],
  async generate({ client, scaled, asOf }) {
    const total = scaled(5000);
    const today = `'${asOf}'::date`;
    const now = `(${today}::timestamp at time zone 'Europe/London')`;
    const coord = `(select id from users where email = 'coordination@bridge.example')`;
    await client.query(`
      set local jit = off; -- the plans are simple; compiling them costs more than it saves
      -- The plan: each group's meetings evenly spaced on weekdays over ten years (from when it
      -- had three members), the busier groups (meeting monthly) more often; then the next
      -- meeting of most groups.
      create temp table bm on commit drop as
      with g as (
        select b.n as g, b.group_id, a.name, 12.0 / a.meeting_interval_months as w,
          greatest(${today} - 3652, (select m.starts_on + 14 from memberships m
            where m.group_id = b.group_id order by m.starts_on offset 2 limit 1)) as first_day
        from bench.groups b join advisory_groups a on a.id = b.group_id),
      c as (select *, greatest(1, round(${total} * w / sum(w) over ()))::int as cnt from g),
      d as (
        select g, group_id, name, k, first_day + ((k - 0.5) * (${today} - first_day) / cnt)::int
          + bench.pick(g * 1000 + k, 101, 7) - 3 as day
        from c cross join generate_series(1, cnt) k
        union all
        select g, group_id, name, 100000, ${today} + 3 + bench.pick(g, 102, 50)
        from g where bench.pick(g, 103, 4) <> 0 and not exists (select from meetings m
          where m.body_id = g.group_id and m.starts_at >= ${now})),
      t as (
        select *, row_number() over (order by g, k)::int as mn,
          (day + case extract(isodow from day) when 6 then 2 when 7 then 1 else 0 end
            + make_time((array[18, 18, 18, 10, 14])[1 + bench.pick(g * 1000 + k, 104, 5)],
              30 * bench.pick(g * 1000 + k, 105, 2), 0)) at time zone 'Europe/London' as starts_at
        from d)
      select gen_random_uuid() as id, t.*,
        case when starts_at >= ${now} - interval '3 days' then 'scheduled'
             when bench.pick(mn, 106, 25) = 0 then 'cancelled' else 'held'
        end::meeting_status as status,
        case when starts_at < '2020-03-23' then
               (array['in_person', 'in_person', 'hybrid'])[1 + bench.pick(mn, 107, 3)]
             when starts_at < '2021-07-19' then 'online'
             else (array['in_person', 'hybrid', 'online'])[1 + bench.pick(mn, 107, 3)]
        end::meeting_format as format,
        md5('bench-series-' || g || '-' || (k - 1) / 6)::uuid as series_id,
        starts_at - make_interval(days => 6 + bench.pick(mn, 108, 4)) as published_at,
        starts_at + make_interval(days => 1 + bench.pick(mn, 109, 3)) as recorded_at,
        least(first_value(starts_at) over (partition by g, (k - 1) / 6 order by k)
          - interval '30 days', ${now} - interval '1 day') as created_at,
        null::uuid as prev_id, null::uuid as next_id, null::timestamptz as next_at
      from t;
      create unique index on bm (mn);
      -- The roll of each meeting: the group's members on the day.
      create temp table roll on commit drop as
        select mn, person_id, user_id, full_name,
          row_number() over (partition by mn order by email, person_id)::int as rn,
          count(*) over (partition by mn)::int as cnt
        from (select distinct bm.mn, p.id as person_id, p.user_id, p.full_name, p.email
          from bm join memberships m on m.group_id = bm.group_id
            and m.starts_on <= (bm.starts_at at time zone 'Europe/London')::date
            and coalesce(m.left_on, m.ends_on) >= (bm.starts_at at time zone 'Europe/London')::date
          join people p on p.id = m.person_id) x;
      create index on roll (mn, rn);
      analyze roll;
      -- Attendance is recorded for someone or the meeting did not go ahead.
      update bm set status = 'cancelled'
        where status = 'held' and not exists (select from roll r where r.mn = bm.mn);
      update bm set prev_id = x.prev_id from (
          select mn, lag(id) over (partition by g order by starts_at) as prev_id from bm) x
        where x.mn = bm.mn;
      update bm set next_id = x.n1, next_at = x.a1 from (
          select mn, lead(id) over w as n1, lead(starts_at) over w as a1
          from bm where status = 'held' window w as (partition by g order by starts_at)) x
        where x.mn = bm.mn;
      analyze bm;

      insert into meetings (id, body_type, body_id, title, starts_at, ends_at, format, venue,
          access_notes, joining_details, status, cancelled_reason, series_id,
          agenda_published_at, attendance_recorded_at, reminder_sent_at, created_by, version,
          created_at, updated_at)
        select id, 'advisory_group', group_id, name || ' full meeting', starts_at,
          starts_at + interval '2 hours', format,
          case when format <> 'online' then ${oneOf('mn', 110, [
            'Library meeting room',
            'Conference room 2, borough police station',
            'Community hall, Town Hall',
            'Meeting room 4, New Scotland Yard',
            'Civic Centre committee room',
          ])} end,
          case when bench.pick(mn, 111, 3) = 0
            then 'Step-free access from the side entrance; hearing loop in the room' end,
          case when format <> 'in_person'
            then 'Join on Microsoft Teams: the link is sent with the papers' end,
          status, case when status = 'cancelled' and not exists (select from roll r
            where r.mn = bm.mn) then 'Not quorate' when status = 'cancelled' then ${oneOf(
              'mn',
              112,
              ['Not quorate', 'The venue was unavailable', 'A critical incident'],
            )} end,
          series_id, case when published_at < ${now} then published_at end,
          case when status = 'held' then recorded_at end,
          case when status <> 'cancelled' and starts_at - interval '2 days' < ${now}
            then starts_at - interval '2 days' end,
          ${coord}, case status when 'held' then 3 when 'cancelled' then 2 else 1 end,
          created_at, greatest(created_at,
            least(${now}, case status when 'held' then recorded_at else published_at end))
        from bm;

      -- 3-6 items each: the previous minutes first, then items tabled by members, the
      -- police and the chair, accepted by the chair when the agenda was published.
      insert into agenda_items (meeting_id, position, title, details, confidential, status,
          tabled_by_person_id, tabled_by_user_id, tabled_as, deferred_from_meeting_id,
          decided_by, decided_at, created_at)
        select bm.id, i, case when i = 1 then 'Minutes of the previous meeting and actions arising'
            else ${oneOf('bm.mn * 10 + i', 113, TOPICS)} end,
          case when i > 1 then 'Papers to follow from the lead officer' end,
          i > 1 and bench.pick(bm.mn * 10 + i, 114, 12) = 0,
          case when bm.published_at >= ${now} then 'proposed'
               when bench.pick(bm.mn * 10 + i, 115, 25) = 0 and i > 1 then 'withdrawn'
               else 'accepted' end::agenda_item_status,
          case when x.tabler = 'police' then o.person_id when x.tabler = 'secretariat'
            then (select id from people where user_id = ${coord}) else r.person_id end,
          case when x.tabler = 'police' then o.user_id when x.tabler = 'secretariat'
            then ${coord} else r.user_id end,
          x.tabler::agenda_tabler,
          case when i > 1 and bench.pick(bm.mn * 10 + i, 116, 30) = 0 then bm.prev_id end,
          case when bm.published_at < ${now} then ${coord} end,
          case when bm.published_at < ${now} then bm.published_at - interval '1 hour' end,
          least(bm.starts_at - make_interval(days => 7 + bench.pick(bm.mn * 10 + i, 117, 20)),
            ${now} - make_interval(hours => 1 + bench.pick(bm.mn * 10 + i, 117, 200)))
        from bm cross join generate_series(1, 3 + bench.pick(bm.mn, 118, 4)) i
        left join lateral (select * from roll r where r.mn = bm.mn
          and r.rn = 1 + bench.pick(bm.mn * 10 + i, 119, r.cnt)) r on true
        join bench.people o on o.kind = 'officer' and o.n = 1 + bench.pick(bm.mn * 10 + i, 120,
          (select count(*)::int from bench.people where kind = 'officer'))
        cross join lateral (select case when i = 1 or r.person_id is null then 'secretariat'
          else ${oneOf('bm.mn * 10 + i', 121, [
            'member',
            'member',
            'member',
            'member',
            'member',
            'police',
            'police',
            'chair',
            'chair',
            'secretariat',
          ])} end as tabler) x;

      insert into meeting_attendance (meeting_id, person_id, kind, status, recorded_by,
          recorded_at)
        select bm.id, r.person_id, 'member', case when bench.pick(bm.mn * 1000 + r.rn, 122, 20)
          < 15 then 'present' when bench.pick(bm.mn * 1000 + r.rn, 122, 20) < 18 then 'apologies'
          else 'absent' end::attendance_status, ${coord}, bm.recorded_at
        from bm join roll r on r.mn = bm.mn where bm.status = 'held';

      -- Minutes drafted within days; approved at the next meeting held; the latest in draft.
      insert into minutes (meeting_id, kind, status, drafted_by, approved_at,
          approved_at_meeting_id, approved_by, version, created_at, updated_at)
        select id, 'minutes', case when next_id is null then 'draft' else 'approved' end::
            minutes_status, ${coord}, next_at + interval '20 minutes', next_id,
          case when next_id is not null then ${coord} end, case when next_id is null then 1
            else 3 end, starts_at + make_interval(days => 2 + bench.pick(mn, 123, 6)),
          coalesce(next_at + interval '20 minutes',
            starts_at + make_interval(days => 2 + bench.pick(mn, 123, 6)))
        from bm where status = 'held' and starts_at < ${now} - interval '7 days';
      analyze minutes, agenda_items;
      insert into minute_items (minutes_id, agenda_item_id, position, heading, body, confidential)
        select m.id, a.id, row_number() over (partition by m.id order by a.position), a.title,
          case when a.position = 1 then 'The minutes of the previous meeting were approved as a '
            || 'true record. Actions arising were reviewed.' else ${oneOf(
              'bm.mn * 10 + a.position',
              125,
              [
                'The group discussed the item and gave its advice.',
                'The group noted it.',
                'Members asked for more detail; the police lead will report back.',
              ],
            )} end,
          a.confidential
        from minutes m join bm on bm.id = m.meeting_id
        join agenda_items a on a.meeting_id = m.meeting_id and a.status = 'accepted'
        where m.kind = 'minutes';
      insert into minuted_advice (minutes_id, summary, use, rationale, created_at)
        select m.id, ${oneOf('bm.mn', 126, [
          'Brief community leaders before the operation',
          'Publish the stop and search figures by ethnicity each month',
          'Use a trusted community venue for the public meeting',
        ])},
          x.use::advice_use, case when x.use <> 'not_yet_known' then 'The lead officer '
            || 'explained the decision at the meeting' end, m.created_at
        from minutes m join bm on bm.id = m.meeting_id cross join lateral (select case
          when m.status = 'draft' and bench.pick(bm.mn, 127, 2) = 0 then 'not_yet_known'
          else ${oneOf('bm.mn', 128, ['used', 'used', 'partly_used', 'not_used'])} end as use) x
        where m.kind = 'minutes' and bench.pick(bm.mn, 129, 3) = 0;

      -- 0-3 actions each: older ones closed at the next meeting, recent ones often outstanding.
      insert into meeting_actions (meeting_id, body_type, body_id, description, owner_name,
          owner_person_id, due_on, status, closed_at_meeting_id, closed_note, created_by,
          created_at, version)
        select bm.id, 'advisory_group', bm.group_id,
          ${oneOf('bm.mn * 10 + j', 130, ACTIONS)},
          coalesce(r.full_name, 'Coordination unit'), r.person_id,
          (bm.starts_at + make_interval(days => 28 + bench.pick(bm.mn * 10 + j, 131, 28)))::date,
          x.status::meeting_action_status, case when x.status <> 'open' then bm.next_id end,
          case x.status when 'done' then 'Reported done at the meeting'
            when 'dropped' then 'No longer needed' end,
          ${coord}, bm.recorded_at, case when x.status = 'open' then 1 else 2 end
        from bm cross join generate_series(1, bench.pick(bm.mn, 132, 4)) j
        left join lateral (select * from roll r where r.mn = bm.mn and r.rn = 1
          + bench.pick(bm.mn * 10 + j, 134, r.cnt) and bench.pick(bm.mn * 10 + j, 133, 3) > 0) r
          on true
        cross join lateral (select case
          when bm.next_id is null then 'open'
          when bm.starts_at < ${now} - interval '1 year' then
            case when bench.pick(bm.mn * 10 + j, 135, 100) < 92 then 'done' else 'dropped' end
          else ${oneOf('bm.mn * 10 + j', 136, [
            'done',
            'done',
            'done',
            'done',
            'done',
            'done',
            'dropped',
            'open',
            'open',
            'open',
          ])} end as status) x
        where bm.status = 'held';
    `);
  },
};
