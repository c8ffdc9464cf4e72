/**
 * Ten years of a large force's stop and search (LEG-04): about 2 million searches at full scale,
 * a month imported at a time as police.uk publishes them, spread over the boroughs as if their
 * boundaries were loaded (a few without a location, counted apart), with the mix of reasons,
 * outcomes and ethnic groups a London year has.
 */
import type { ModuleGenerator } from '../../platform/bench/generator.js';

const MONTHS = 120;
const SEARCHES_PER_MONTH = 16_700;

/** A value picked by weight: `case` over a 0–99 pick, the weights summing to 100. */
function weighted(pick: string, choices: [string, number][]): string {
  let upTo = 0;
  const arms = choices.map(([value, weight]) => {
    upTo += weight;
    return `when ${pick} < ${upTo} then ${value}`;
  });
  return `case ${arms.join(' ')} end`;
}
const text = (s: string) => `'${s.replaceAll("'", "''")}'`;

export const stopSearchGenerator: ModuleGenerator = {
  module: 'stop-search',
  tables: ['stop_search_imports', 'stop_searches'],
  async generate({ client, scaled, asOf }) {
    const perMonth = scaled(SEARCHES_PER_MONTH);
    await client.query(`
      insert into stop_search_imports (month, file_name, searches, imported_at)
        select m, to_char(m, 'YYYY-MM') || '-metropolitan-stop-and-search.csv', ${perMonth},
          m + interval '40 days'
        from generate_series(date_trunc('month', '${asOf}'::date) - interval '${MONTHS} months',
          date_trunc('month', '${asOf}'::date) - interval '1 month', interval '1 month') as m;
    `);
    // Each search: its month's import, a day and time in the month, and its columns picked by
    // weight; ethnicity self-defined and as the officer saw it, mostly the same group.
    const pick = (salt: number) => `bench.pick(s.n, ${salt}, 100)`;
    await client.query(`
      with boroughs as (
        select array_agg(id order by name) as ids from organisations where kind = 'borough'
      )
      insert into stop_searches (import_id, month, occurred_at, type, part_of_operation,
          latitude, longitude, borough_id, gender, age_range, self_defined_ethnicity,
          self_defined_group, officer_defined_ethnicity, legislation, object_of_search, outcome,
          outcome_linked, removal_of_clothing)
        select i.id, i.month, i.month + (bench.pick(s.n, 1, 28 * 24 * 60) || ' minutes')::interval,
          ${weighted(pick(2), [
            [text('Person search'), 80],
            [text('Person and Vehicle search'), 17],
            [text('Vehicle search'), 3],
          ])},
          ${pick(3)} < 5,
          case when ${pick(4)} < 3 then null else 51.3 + bench.pick(s.n, 5, 40000) / 100000.0 end,
          case when ${pick(4)} < 3 then null else -0.5 + bench.pick(s.n, 6, 70000) / 100000.0 end,
          case when ${pick(4)} < 3 then null
            else b.ids[1 + bench.pick(s.n, 7, cardinality(b.ids))] end,
          ${weighted(pick(8), [
            [text('Male'), 88],
            [text('Female'), 10],
            ['null', 2],
          ])},
          ${weighted(pick(9), [
            [text('10-17'), 14],
            [text('18-24'), 38],
            [text('25-34'), 27],
            [text('over 34'), 20],
            ['null', 1],
          ])},
          e.self_defined, e.grp, e.officer,
          ${weighted(pick(11), [
            [text('Misuse of Drugs Act 1971 (section 23)'), 62],
            [text('Police and Criminal Evidence Act 1984 (section 1)'), 30],
            [text('Criminal Justice and Public Order Act 1994 (section 60)'), 5],
            [text('Firearms Act 1968 (section 47)'), 3],
          ])},
          ${weighted(pick(12), [
            [text('Controlled drugs'), 62],
            [text('Offensive weapons'), 18],
            [text('Stolen goods'), 10],
            [text('Articles for use in criminal damage'), 5],
            [text('Firearms'), 3],
            ['null', 2],
          ])},
          ${weighted(pick(13), [
            [text('A no further action disposal'), 70],
            [text('Arrest'), 15],
            [text('Community resolution'), 8],
            [text('Summons / charged by post'), 3],
            [text('Penalty Notice for Disorder'), 2],
            ['null', 2],
          ])},
          ${pick(14)} < 20, ${pick(15)} < 2
        from stop_search_imports i
        cross join boroughs b
        cross join lateral generate_series(
          extract(epoch from i.month)::bigint / 86400 * ${perMonth},
          extract(epoch from i.month)::bigint / 86400 * ${perMonth} + ${perMonth} - 1) as s(n)
        cross join lateral (
          select case g when 'white' then 'White - English/Welsh/Scottish/Northern Irish/British'
                        when 'black' then 'Black/African/Caribbean/Black British - Caribbean'
                        when 'asian' then 'Asian/Asian British - Bangladeshi'
                        when 'mixed' then 'Mixed/Multiple ethnic groups - White and Black Caribbean'
                        when 'other' then 'Other ethnic group - Any other ethnic group'
                        else 'Other ethnic group - Not stated' end as self_defined,
                 g as grp,
                 case g when 'white' then 'White' when 'black' then 'Black'
                        when 'asian' then 'Asian' when 'mixed' then 'Black'
                        when 'other' then 'Other' else null end as officer
          from (select ${weighted(pick(10), [
            [text('white'), 40],
            [text('black'), 34],
            [text('asian'), 16],
            [text('mixed'), 4],
            [text('other'), 3],
            ['null', 3],
          ])} as g) x
        ) e
        where i.file_name like '%-metropolitan-stop-and-search.csv';
    `);
  },
};
