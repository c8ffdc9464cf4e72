/**
 * The scheme at London's scale (seed 001, paragraph 12): a panel for each of the 32 boroughs,
 * each coordinated by someone in the directory, and about three custody suites a borough, each
 * aiming for a visit a week. Visitors and visits come with the rota (issue 24, items 2 and 3).
 */
import type { ModuleGenerator } from '../../platform/bench/generator.js';

export const custodyVisitingGenerator: ModuleGenerator = {
  module: 'custody-visiting',
  tables: ['custody_panels', 'custody_suites'],
  async generate({ client, scaled }) {
    const boroughs = scaled(32);
    const suites = scaled(100);
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
    `);
  },
};
