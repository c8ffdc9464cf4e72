/**
 * Ten years of advisors' expense claims: 50,000 by current and former members for meetings and
 * deployments and other work, each with 1-3 costs within the rules (IAG-11, IAG-14); nearly all
 * paid in weekly batches, a few hundred waiting today, some refusals disputed (IAG-13); and each
 * group's budget for each year. Three coordination unit staff join the demo account in deciding
 * claims, so a claim's first and second approvers always differ.
 */
import { nameSql, quote, type ModuleGenerator } from '../../platform/bench/generator.js';

/** An instant: `minutes` after midnight in London on the day `day`. */
const lon = (day: string, minutes: string) =>
  `((${day}) + make_interval(mins => ${minutes})) at time zone 'Europe/London'`;
const oneOf = (key: string, salt: number, xs: string[]) =>
  `(array[${xs.map(quote).join(',')}])[1 + bench.pick(${key}, ${salt}, ${xs.length})]`;
/** The calendar year the reporting year (April to March) holding the date `d` starts in. */
const startYear = (d: string) =>
  `(extract(year from ${d})::int - (extract(month from ${d}) < 4)::int)`;
const WHAT: Record<string, string[]> = {
  public_transport: ['Train and bus there and back', 'Tube fares, return', 'Bus fares'],
  mileage: ['Drove there and back', 'Drove: no public transport late at night'],
  parking: ['Car park at the venue'],
  subsistence: ['Evening meal', 'Lunch', 'Sandwich'],
  care: ['Childcare while I attended', 'Carer for my mother while I attended'],
  other: ['Printing of papers', 'Taxi home: no late bus'],
};

export const expensesGenerator: ModuleGenerator = {
  module: 'expenses',
  tables: [
    'expense_claims',
    'expense_items',
    'payment_batches',
    'expense_disputes',
    'expense_budgets',
  ],
  async generate({ client, scaled, asOf }) {
    const claims = scaled(50000);
    const today = `'${asOf}'::date`;
    const now = `(${today}::timestamp at time zone 'Europe/London')`;
    // Pence for a cost x (x.k its number): mileage at the 45p a mile setting; food and drink
    // within the 15 pound daily limit.
    const pence = `(case x.cat when 'mileage' then (x.tenths * 45 + 5) / 10
      when 'public_transport' then 280 + 10 * bench.pick(x.k, 312, 213)
      when 'parking' then 200 + 50 * bench.pick(x.k, 313, 33)
      when 'subsistence' then 350 + 5 * bench.pick(x.k, 314, 231)
      when 'care' then 1500 * (1 + bench.pick(x.k, 315, 8))
      else 300 + 10 * bench.pick(x.k, 316, 600) end)`;
    const week = (c: string) => `(date_trunc('week', coalesce(${c}second_approved_at,
      ${c}decided_at) at time zone 'Europe/London') + interval '7 days')::date`;
    const byStage = (stage: string, by: string) =>
      ['x.status::expense_dispute_status', 'x.why', by, 'x.t1']
        .map((v) => `case when x.stage = '${stage}' and x.status <> 'open' then ${v} end`)
        .join(', ');
    await client.query(`
      set local jit = off; -- the plans are simple; compiling them costs more than it saves
      with u as (insert into users (email, display_name, password_hash)
          select 'coordination.' || n || '@police.bench.example', ${nameSql('n', 300)},
            'not-a-password-hash' from generate_series(1, 3) n returning id)
        insert into role_assignments (user_id, role) select id, 'coordination_unit' from u;
      create temp table staff on commit drop as
        select row_number() over (order by email)::int - 1 as i, id from users
        where email = 'coordination@bridge.example' or email like 'coordination.%@police.bench%';

      -- What is claimed for: meetings attended and deployments accepted (a share of each,
      -- sampled evenly through time), and the rest other work in the weeks after a meeting.
      create temp table occ on commit drop as
        select 'meeting' as occasion, m.id as meeting_id, null::uuid as deployment_id,
          a.person_id, m.body_id as group_id, (m.starts_at at time zone 'Europe/London')::date
          as day, m.title as what, row_number() over (order by m.starts_at, p.email) as rn
        from meeting_attendance a join meetings m on m.id = a.meeting_id
        join people p on p.id = a.person_id
        where a.status = 'present' and m.status = 'held' and m.body_type = 'advisory_group'
        union all
        select 'deployment', null, d.id, d.person_id, d.group_id, d.deployed_on, 'Deployment '
          || 'for request ' || r.reference, row_number() over (order by r.reference, p.email)
        from deployments d join advice_requests r on r.id = d.request_id
        join people p on p.id = d.person_id
        where d.status = 'accepted' and d.deployed_on < ${today};
      create temp table bc on commit drop as
        with k as (select occasion, count(*) as total, least(count(*), round(${claims}
            * case occasion when 'meeting' then 0.55 else 0.2 end))::int as take
          from occ group by occasion),
        s as (select o.*, i from k cross join generate_series(1, k.take) i
            join occ o on o.occasion = k.occasion and o.rn = ceil(i::numeric * k.total / k.take)
          union all
          select 'other', null, null, o.person_id, o.group_id,
            least(o.day + 3 + bench.pick(i, 301, 25), ${today} - 1), ${oneOf('i', 302, [
              'Community engagement event',
              'Training day for advisors',
              'Community impact meeting',
              'Visit to the custody suite',
              'Annual conference of the advisory groups',
              'Ride-along with the safer neighbourhoods team',
            ])}, i, i
          from generate_series(1, ${claims} - (select coalesce(sum(take), 0) from k)) i
          join occ o on o.occasion = 'meeting' and o.rn = 1 + bench.pick(i, 303,
            (select total::int from k where occasion = 'meeting')))
        select gen_random_uuid() as id, s.*, p.user_id, t.sub_day,
          s.what || ', ' || to_char(s.day, 'FMDD FMMonth YYYY') as text,
          ${lon('t.sub_day', '1140 + bench.pick(n, 304, 180)')} as sub_at,
          ${lon('t.sub_day + 1 + bench.pick(n, 305, 21)', '540 + bench.pick(n, 306, 480)')}
            as dec_at, bench.pick(n, 308, 4) as d1, 1 + bench.pick(n, 317, 3) as items,
          case when bench.pick(n, 307, 100) < 3 then 'rejected' when bench.pick(n, 307, 100) < 8
            then 'part_approved' else 'approved' end as outcome, 0 as claimed, 0 as approved
        from (select *, row_number() over (order by occasion, i)::int as n from s) s
        join people p on p.id = s.person_id
        cross join lateral (select s.day + case when bench.pick(n, 309, 7) = 0
          then 7 + bench.pick(n, 310, 54) else bench.pick(n, 311, 7) end as sub_day) t;
      create unique index on bc (id);
      analyze bc;

      -- One to three costs on the day: the journey, then food or parking, then care or
      -- something else. A part-approval cuts one of them.
      create temp table bi on commit drop as
        select bc.n, j, x.k, x.cat::expense_category as category, x.tenths, y.claimed,
          case bc.outcome when 'approved' then y.claimed when 'rejected' then 0
            else case when j = 1 + bench.pick(bc.n, 320, bc.items)
              then y.claimed * (1 + bench.pick(bc.n, 321, 8)) / 10 else y.claimed end
          end as approved
        from bc cross join generate_series(1, bc.items) j
        cross join lateral (select bc.n * 4 + j as k, case
          when j = 1 then ${oneOf('bc.n * 4 + j', 318, [
            'public_transport',
            'public_transport',
            'public_transport',
            'mileage',
            'mileage',
            'parking',
          ])}
          when j = 2 then ${oneOf('bc.n * 4 + j', 318, ['subsistence', 'subsistence', 'parking'])}
          else ${oneOf('bc.n * 4 + j', 318, ['care', 'care', 'other', 'parking'])} end as cat) x0
        cross join lateral (select x0.*, case when x0.cat = 'mileage'
          then 30 + bench.pick(x0.k, 319, 570) end as tenths) x
        cross join lateral (select ${pence} as claimed) y;
      update bc set claimed = t.claimed, approved = t.approved from (select n, sum(claimed)::int
          as claimed, sum(approved)::int as approved from bi group by n) t where t.n = bc.n;

      -- Where each stands today: sent within three months, decided within three weeks, then
      -- above 100 pounds a second approval within a fortnight.
      insert into expense_claims (id, claimant_person_id, claimant_user_id, group_id, occasion,
          meeting_id, deployment_id, occasion_text, status, claimed_pence, approved_pence,
          created_at, submitted_at, submitted_on, decided_by, decided_at, decision_reason,
          second_approved_by, second_approved_at)
        select bc.id, person_id, user_id, group_id, occasion::expense_occasion, meeting_id,
          deployment_id, text, st::expense_claim_status, claimed,
          case when decided then approved end,
          case when st = 'draft' then ${lon('day', '1200 + bench.pick(n, 322, 120)')}
            else sub_at - make_interval(mins => 10 + bench.pick(n, 323, 50)) end,
          case when st <> 'draft' then sub_at end, case when st <> 'draft' then sub_day end,
          case when decided then s1.id end, case when decided then dec_at end,
          case when decided and outcome = 'rejected' then ${oneOf('n', 324, [
            'No receipts were provided for the costs claimed',
            'These costs were already claimed on another claim',
            'The costs were not incurred on group business (IAG-14)',
          ])} end,
          case when second then s2.id end, case when second then sec_at end
        from bc cross join lateral (select ${lon(
          `(dec_at at time zone 'Europe/London')::date
            + 2 + bench.pick(n, 325, 12)`,
          '600 + bench.pick(n, 326, 360)',
        )} as sec_at,
          outcome <> 'rejected' and approved > 10000 as needs) t0
        cross join lateral (select case when sub_at >= ${now} then 'draft'
          when dec_at >= ${now} then 'submitted'
          when needs and sec_at >= ${now} then 'awaiting_second_approval' else outcome end as st) t1
        cross join lateral (select st not in ('draft', 'submitted') as decided,
          needs and st not in ('draft', 'submitted', 'awaiting_second_approval') as second) t2
        join staff s1 on s1.i = bc.d1 % (select count(*) from staff)
        join staff s2 on s2.i = (bc.d1 + 1 + bench.pick(n, 327, 2)) % (select count(*) from staff)
        order by 12;
      insert into expense_items (claim_id, category, incurred_on, description, tenths_of_mile,
          claimed_pence, approved_pence, approval_reason, receipt_file_name, receipt_media_type,
          receipt_size_bytes, receipt_sha256, receipt_storage_key, created_at)
        select c.id, bi.category, bc.day, case bi.category ${Object.entries(WHAT)
          .map(([cat, xs]) => `when '${cat}' then ${oneOf('bi.k', 330, xs)}`)
          .join(' ')} end,
          bi.tenths, bi.claimed, case when c.approved_pence is not null then bi.approved end,
          case when c.approved_pence is not null and bi.approved < bi.claimed then
            coalesce(c.decision_reason, ${oneOf('bi.k', 331, [
              'No receipt for part of the cost',
              'More than the cheapest reasonable fare',
              'Above the daily amount allowed',
            ])}) end,
          case when r then 'receipt-' || bi.j || '.jpg' end, case when r then 'image/jpeg' end,
          case when r then 40000 + 37 * bench.pick(bi.k, 332, 9000) end,
          case when r then encode(sha256(convert_to(c.id::text || bi.j, 'UTF8')), 'hex') end,
          case when r then md5(c.id::text || bi.j)::uuid::text end,
          c.created_at + make_interval(mins => bi.j)
        from bi join bc on bc.n = bi.n join expense_claims c on c.id = bc.id
        cross join lateral (select bi.category <> 'mileage' and bench.pick(bi.k, 333, 5) > 1
          as r) rc;
      analyze expense_claims;

      -- IAG-13: some refusals disputed, first with the group's chair where it has one (not the
      -- claimant), else with the Director, who upholds a few; the recent ones still open.
      insert into expense_disputes (claim_id, raised_by, raised_at, reason, stage, status,
          chair_decision, chair_reason, chair_decided_by, chair_decided_at, director_decision,
          director_reason, director_decided_by, director_decided_at)
        select c.id, c.claimant_user_id, x.raised, ${oneOf('bc.n', 340, [
          'I attended the meeting and have the receipts',
          'The fare was the only one available',
          'The care costs were agreed with the coordination unit beforehand',
        ])},
          x.stage::expense_dispute_stage, x.status::expense_dispute_status,
          ${byStage('chair', 'x.chair')},
          ${byStage('director', "(select id from users where email = 'director@bridge.example')")}
        from expense_claims c join bc on bc.id = c.id
        cross join lateral (select (select r.user_id from role_assignments r where r.role = 'chair'
            and r.scope_type = 'group' and r.scope_id = c.group_id
            and r.user_id is distinct from c.claimant_user_id limit 1) as chair,
          ${lon(
            `(coalesce(c.second_approved_at, c.decided_at) at time zone 'Europe/London')::date
            + 1 + bench.pick(bc.n, 342, 5)`,
            '1140 + bench.pick(bc.n, 343, 120)',
          )} as raised) x0
        cross join lateral (select x0.raised + make_interval(days => 3 + bench.pick(bc.n, 341,
          12)) as t1, case when x0.chair is null then 'director' else 'chair' end as stage) x1
        cross join lateral (select x0.*, x1.*, case when x1.t1 >= ${now} then 'open'
          when x0.chair is null and c.status = 'rejected' and bench.pick(bc.n, 346, 5) = 0
          then 'upheld' else 'not_upheld' end as status) x2
        cross join lateral (select x2.*, case when x2.status = 'upheld' then 'The costs were '
          || 'properly incurred' else 'The decision followed the rules' end as why) x
        where c.status in ('rejected', 'part_approved') and bench.pick(bc.n, 347, 10) < 3
          and x.raised < ${now};
      -- Upheld by the Director: approved in full.
      update expense_claims c set status = 'approved', approved_pence = c.claimed_pence,
          decided_by = d.director_decided_by, decided_at = d.director_decided_at,
          decision_reason = 'The Director upheld the advisor''s dispute: ' || d.director_reason
        from expense_disputes d where d.claim_id = c.id and d.director_decision = 'upheld';
      update expense_items i set approved_pence = i.claimed_pence, approval_reason = null
        from expense_disputes d where d.claim_id = i.claim_id and d.director_decision = 'upheld';

      -- IAG-11: each Monday's batch takes what was approved the week before, is exported and is
      -- paid on the Wednesday. This week's is exported but not yet paid.
      create temp table bb on commit drop as
        select gen_random_uuid() as id, day, count(*)::int as claims,
          sum(approved_pence)::int as total, ${lon('day + 2', '900')} as paid_at
        from (select approved_pence, ${week('')} as day from expense_claims
          where status in ('approved', 'part_approved')) x
        where ${lon('day', '600')} < ${now} group by day;
      insert into payment_batches (id, created_by, created_at, claim_count, total_pence,
          exported_at, paid_by, paid_at)
        select bb.id, s.id, ${lon('day', '600')}, claims, total, ${lon('day', '630')},
          case when paid_at < ${now} then s.id end, case when paid_at < ${now} then paid_at end
        from bb join staff s on s.i = bench.pick(extract(epoch from day)::bigint, 350,
          (select count(*)::int from staff)) order by day;
      update expense_claims c set batch_id = p.id, paid_at = p.paid_at,
          status = case when p.paid_at is null then c.status else 'paid' end
        from bb join payment_batches p on p.id = bb.id
        where c.status in ('approved', 'part_approved') and bb.day = ${week('c.')};

      -- Each group's budget for each reporting year: a little above (now and then below) what it
      -- spent or is on course to spend, in round hundreds of pounds.
      insert into expense_budgets (group_id, year_start, amount_pence, holder,
          holder_organisation_id, set_by, set_at)
        select g.id, y, greatest(100000, round(coalesce(s.pence, 0) / least(1, greatest(0.1,
            (${today} - make_date(y, 4, 1)) / 365.0)) * (90 + bench.pick(b.n * 10000 + y, 351,
            45)) / 100.0 / 10000) * 10000)::int, h.holder::expense_budget_holder,
          case when h.holder = 'dcfd' then (select id from organisations where code = 'dcfd')
            else g.owner_id end, (select id from users where email = 'coordination@bridge.example'),
          ${lon('make_date(y, 3, 1) + bench.pick(b.n * 10000 + y, 352, 28)', '600')}
        from bench.groups b join advisory_groups g on g.id = b.group_id
        cross join lateral (select case when g.type in ('corporate_iag', 'corporate_focus') then
          'dcfd' when g.type = 'borough_iag' then 'borough' else 'sponsoring_directorate' end
          as holder) h
        cross join generate_series(${startYear(`${today} - 3652`)}, ${startYear(today)}) y
        left join lateral (select sum(approved_pence) as pence from expense_claims c
          where c.group_id = g.id and c.submitted_on between make_date(y, 4, 1)
            and make_date(y + 1, 3, 31) and c.status in ('awaiting_second_approval', 'approved',
            'part_approved', 'paid')) s on true;
    `);
  },
};
