/**
 * Consultation at a large area's scale (issue 25): 40 consultations over ten years, each eight
 * weeks long with the same eight questions (every kind, one asked only after a given answer),
 * the latest still open; 120,000 responses, 3,000 each, nearly all submitted within the
 * consultation's weeks, a few left unfinished, with a borough, a keyed address hash and, for
 * three in five, the respondent’s own monitoring answers; some 840,000 answers; and the
 * citizens' panel's 3,000 members (CON-06).
 */
import { quote, type ModuleGenerator } from '../../platform/bench/generator.js';

const sqlArray = (values: readonly string[]) => `array[${values.map(quote).join(',')}]`;
const TOPICS = sqlArray([
  'Policing priorities',
  'Neighbourhood policing',
  'Stop and search',
  'Safer transport',
  'Youth engagement',
  'Hate crime reporting',
  'Road safety',
  'Anti-social behaviour',
]);
const COMMENTS = sqlArray([
  'More officers on foot in the evenings, please.',
  'The local station should open at weekends.',
  'I would like to hear back after reporting something.',
  'Young people need places to go and people to talk to.',
  'Speeding on the main road is the biggest problem here.',
  'Tell us what happened after the last consultation.',
  'Stop and search should be explained to the person searched.',
  'Burglary in our street has gone up this year.',
]);

export const consultationGenerator: ModuleGenerator = {
  module: 'consultation',
  tables: [
    'consultations',
    'consultation_questionnaire_versions',
    'consultation_questions',
    'consultation_question_options',
    'consultation_responses',
    'consultation_answers',
    'consultation_response_monitoring',
    'consultation_panel_members',
    'consultation_panel_member_monitoring',
  ],
  async generate({ client, scaled, asOf }) {
    const count = scaled(40);
    const perConsultation = Math.max(1, Math.round(scaled(120000) / count));
    const today = `'${asOf}'::date`;
    // A consultation a quarter, the last opening five weeks before asOf and so still open.
    await client.query(`
      create temp table bench_consultations on commit drop as
        select n, gen_random_uuid() id, gen_random_uuid() version_id,
          (${today} - 35 - ((${count} - n) * 91))::date opens_on
        from generate_series(1, ${count}) n;
      insert into consultations (id, title, purpose, opens_on, closes_on, audience, major,
          launched_at, created_at, updated_at)
        select c.id,
          (${TOPICS})[1 + (c.n - 1) % 8] || ' consultation ' || extract(year from c.opens_on),
          'To hear what people want from policing where they live and work.',
          c.opens_on, c.opens_on + 56,
          (array['public','public','panel','invited'])[1 + c.n % 4],
          c.n % 5 = 0,
          (c.opens_on - 7)::timestamp at time zone 'Europe/London',
          (c.opens_on - 30)::timestamp at time zone 'Europe/London',
          (c.opens_on - 7)::timestamp at time zone 'Europe/London'
        from bench_consultations c;
      insert into consultation_questionnaire_versions (id, consultation_id, number, created_at)
        select c.version_id, c.id, 1, (c.opens_on - 30)::timestamp at time zone 'Europe/London'
        from bench_consultations c;

      -- The eight questions of each: position, kind, text, scale.
      create temp table bench_question_specs on commit drop as
        select * from (values
          (1, 'single', 'How safe do you feel in your area after dark?', null::int),
          (2, 'multiple', 'Which of these should the police focus on?', null),
          (3, 'rating', 'How well do the police understand your area’s issues?', 5),
          (4, 'text', 'What one thing would make your area safer?', null),
          (5, 'single', 'Have you contacted the police in the last year?', null),
          (6, 'single', 'Were you satisfied with how they dealt with it?', null),
          (7, 'rating', 'How confident are you in the police locally?', 10),
          (8, 'text', 'Anything else you want to tell us?', null)
        ) s(position, kind, text, scale);
      create temp table bench_questions on commit drop as
        select c.n, s.position, gen_random_uuid() id, c.version_id, s.kind, s.text, s.scale
        from bench_consultations c cross join bench_question_specs s;
      create temp table bench_options on commit drop as
        select q.n, q.position, o.position option_position, gen_random_uuid() id, o.label
        from bench_questions q
        join (values
          (1, 1, 'Very safe'), (1, 2, 'Fairly safe'), (1, 3, 'Fairly unsafe'), (1, 4, 'Very unsafe'),
          (2, 1, 'Burglary'), (2, 2, 'Anti-social behaviour'), (2, 3, 'Knife crime'),
          (2, 4, 'Road safety'), (2, 5, 'Drugs'),
          (5, 1, 'Yes'), (5, 2, 'No'), (5, 3, 'Prefer not to say'),
          (6, 1, 'Yes'), (6, 2, 'Partly'), (6, 3, 'No')
        ) o(question_position, position, label) on o.question_position = q.position;
      insert into consultation_questions (id, version_id, position, kind, text, required,
          rating_scale)
        select id, version_id, position, kind, text, position = 1, scale from bench_questions;
      insert into consultation_question_options (id, question_id, position, label)
        select o.id, q.id, o.option_position, o.label
        from bench_options o join bench_questions q using (n, position);
      -- Question 6 is asked only of those who answered "Yes" to question 5.
      update consultation_questions cq set shown_if_option_id = o.id
        from bench_questions q join bench_options o
          on o.n = q.n and o.position = 5 and o.option_position = 1
        where cq.id = q.id and q.position = 6;
    `);

    // The responses: the r-th of a consultation submitted r/perConsultation of the way through
    // its eight weeks (an open one's up to asOf); one in forty never finished.
    await client.query(`
      create temp table bench_boroughs on commit drop as
        select row_number() over (order by code)::int - 1 i, id from organisations
        where kind = 'borough';
      create temp table bench_responses on commit drop as
        select c.n, r, c.n * 100000 + r key, gen_random_uuid() id, c.id consultation_id, c.version_id,
          least(
            (c.opens_on::timestamp at time zone 'Europe/London')
              + (r::float / ${perConsultation}) * interval '56 days',
            (${today}::timestamp at time zone 'Europe/London') - interval '1 minute' * r
          ) at_time,
          bench.pick(c.n * 100000 + r, 1, 40) = 0 unfinished,
          bench.pick(c.n * 100000 + r, 2, 100) k
        from bench_consultations c, generate_series(1, ${perConsultation}) r;
      insert into consultation_responses (id, consultation_id, version_id, address_hash,
          borough_id, started_at, submitted_at, resume_token_hash)
        select r.id, r.consultation_id, r.version_id,
          md5('bench address ' || bench.pick(r.key, 3, 200000)),
          (select b.id from bench_boroughs b
            where b.i = bench.pick(r.key, 4, (select count(*)::int from bench_boroughs))),
          r.at_time - interval '9 minutes',
          case when r.unfinished then null else r.at_time end,
          -- An unfinished one's link to finish it is 'bench-' and its id (the load runner's).
          case when r.unfinished
            then encode(sha256(convert_to('bench-' || r.id::text, 'UTF8')), 'hex') end
        from bench_responses r;
      insert into consultation_response_monitoring (response_id, age_band, sex, ethnic_group)
        select r.id,
          (array['16-24','25-34','35-44','45-54','55-64','65+'])[1 + bench.pick(r.key, 5, 6)],
          (array['female','male'])[1 + bench.pick(r.key, 6, 2)],
          (array['white','white','white','asian','black','mixed','other'])[1 + bench.pick(r.key, 7, 7)]
        from bench_responses r where r.k < 60;
    `);

    // CON-06: the citizens' panel, 3,000 members across the boroughs, joined over the years
    // (two in three by the public form), one in twenty since left; two in three gave their
    // monitoring answers.
    await client.query(`
      insert into consultation_panel_members (id, full_name, email, borough_id, joined_by,
          created_at, confirmed_at, joined_on, left_at, leave_token_hash)
        select gen_random_uuid(), 'Panel member ' || n, 'panel' || n || '@bench.example',
          (select b.id from bench_boroughs b
            where b.i = bench.pick(n, 41, (select count(*)::int from bench_boroughs))),
          case when n % 3 = 0 then 'invitation' else 'sign_up' end,
          j, j, (j at time zone 'Europe/London')::date,
          case when n % 20 = 0 then j + interval '200 days' end,
          md5('bench panel leave ' || n)
        from generate_series(1, ${scaled(3000)}) n,
          lateral (select (${today}::timestamp at time zone 'Europe/London')
            - (bench.pick(n, 42, 3000) + 1) * interval '1 day' j) joined;
      insert into consultation_panel_member_monitoring (member_id, age_band, sex, ethnic_group)
        select m.id,
          (array['16-24','25-34','35-44','45-54','55-64','65+'])[1 + bench.pick(m.n, 43, 6)],
          (array['female','male'])[1 + bench.pick(m.n, 44, 2)],
          (array['white','white','white','asian','black','mixed','other'])[1 + bench.pick(m.n, 45, 7)]
        from (select id, row_number() over (order by email) n
              from consultation_panel_members where email like '%@bench.example') m
        where bench.pick(m.n, 46, 3) > 0;
    `);

    // The answers: one option for each single choice, two for the multiple choice, the ratings,
    // and a comment from two in five (the second text from one in five).
    await client.query(`
      insert into consultation_answers (response_id, question_id, option_id, text_value, rating)
        select r.id, q.id, o.id, null::text, null::int
        from bench_responses r
        join bench_questions q on q.n = r.n and q.position in (1, 2, 5)
        join bench_options o on o.n = r.n and o.position = q.position
          and o.option_position = case q.position
            when 1 then 1 + bench.pick(r.key, 11, 4)
            when 2 then 1 + bench.pick(r.key, 12, 5)
            else 1 + bench.pick(r.key, 15, 3) end
        union all
        select r.id, q.id, o.id, null, null
        from bench_responses r
        join bench_questions q on q.n = r.n and q.position = 2
        join bench_options o on o.n = r.n and o.position = 2
          and o.option_position = 1 + (bench.pick(r.key, 12, 5) + 1 + bench.pick(r.key, 13, 4)) % 5
        union all
        select r.id, q.id, o.id, null, null
        from bench_responses r
        join bench_questions q on q.n = r.n and q.position = 6
        join bench_options o on o.n = r.n and o.position = 6
          and o.option_position = 1 + bench.pick(r.key, 16, 3)
        where bench.pick(r.key, 15, 3) = 0
        union all
        select r.id, q.id, null, null, 1 + bench.pick(r.key, 10 + q.position, q.scale)
        from bench_responses r
        join bench_questions q on q.n = r.n and q.kind = 'rating'
        union all
        select r.id, q.id, null, (${COMMENTS})[1 + bench.pick(r.key, 20 + q.position, 8)], null
        from bench_responses r
        join bench_questions q on q.n = r.n and q.kind = 'text'
        where bench.pick(r.key, 30 + q.position, 10) < case q.position when 4 then 4 else 2 end;
    `);
  },
};
