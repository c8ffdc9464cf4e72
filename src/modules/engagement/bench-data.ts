/**
 * An engagement group in each of the area's boroughs (CON-04): 33 at full scale, the grants'
 * generator's applicants.
 */
import type { ModuleGenerator } from '../../platform/bench/generator.js';

export const engagementGenerator: ModuleGenerator = {
  module: 'engagement',
  tables: ['engagement_groups'],
  async generate({ client, scaled, asOf }) {
    await client.query(`
      insert into engagement_groups (borough_id, name, constitution_adopted_on, contact_email,
          created_at, updated_at)
        select o.id, o.name || ' Community and Police Engagement Group',
          '${asOf}'::date - (3650 + bench.pick(row_number() over (order by o.name), 700, 2000)),
          'cpeg.' || row_number() over (order by o.name) || '@bench.example',
          now(), now()
        from organisations o where o.kind = 'borough'
        order by o.name limit ${scaled(33)};
    `);
  },
};
