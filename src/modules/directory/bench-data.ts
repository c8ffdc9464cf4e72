/**
 * The directory of a large police area: a safer-neighbourhoods and a response unit for each of
 * the 33 boroughs, partner agencies and community organisations, the officers and staff who ask
 * for advice (each with an account), and the partners' contacts.
 */
import { nameSql, type ModuleGenerator } from '../../platform/bench/generator.js';

export const directoryGenerator: ModuleGenerator = {
  module: 'directory',
  tables: ['organisations', 'people', 'users', 'role_assignments'],
  async generate({ client, scaled }) {
    const partners = scaled(300);
    const communities = scaled(500);
    const officers = scaled(3000);
    const contacts = scaled(1500);
    await client.query(`
      insert into organisations (name, kind, code, parent_id, description, email)
        select b.name || ' ' || u.label, 'police_unit', 'bench-unit-' || b.code || '-' || u.suffix,
          b.id, u.label || ' for ' || b.name, u.suffix || '.' || b.code || '@police.bench.example'
        from organisations b
        cross join (values ('Safer Neighbourhoods', 'snt'), ('Response Team', 'resp')) u(label, suffix)
        where b.kind = 'borough';
      insert into organisations (name, kind, code, description, address)
        select (array['Victim Support', 'Youth Offending Service', 'Housing Trust', 'Mental Health Trust',
                      'Drug and Alcohol Service', 'Probation Office'])[1 + bench.pick(n, 1, 6)]
               || ' ' || n, 'partner', 'bench-partner-' || n,
          'A partner agency working with the police in the borough',
          n || ' High Street, London'
        from generate_series(1, ${partners}) n;
      insert into organisations (name, kind, code, description, address)
        select (array['Residents Association', 'Faith Forum', 'Youth Club', 'Womens Network',
                      'Disability Forum', 'Community Safety Panel', 'Tenants Federation'])[1 + bench.pick(n, 2, 7)]
               || ' ' || n, 'community', 'bench-community-' || n,
          'A community organisation that works with its safer neighbourhoods team',
          n || ' Market Road, London'
        from generate_series(1, ${communities}) n;

      insert into users (email, display_name, password_hash)
        select 'officer.' || n || '@police.bench.example', ${nameSql('n', 10)}, 'not-a-password-hash'
        from generate_series(1, ${officers}) n;
      insert into people (full_name, job_title, organisation_id, email, user_id)
        select u.display_name,
          (array['Police Constable', 'Sergeant', 'Inspector', 'Chief Inspector',
                 'Police Staff'])[1 + bench.pick(o.n, 3, 5)],
          (select id from organisations where code like 'bench-unit-%'
             order by code offset bench.pick(o.n, 4, 66) limit 1),
          u.email, u.id
        from generate_series(1, ${officers}) o(n)
        join users u on u.email = 'officer.' || o.n || '@police.bench.example';
      insert into bench.people (kind, n, person_id, user_id)
        select 'officer', substring(p.email from 'officer\\.(\\d+)@')::int, p.id, p.user_id
        from people p where p.email like 'officer.%@police.bench.example';
      insert into role_assignments (user_id, role)
        select user_id, 'requester' from bench.people where kind = 'officer';

      insert into people (full_name, job_title, organisation_id, email, phone)
        select ${nameSql('n', 20)}, 'Partnership Manager',
          (select id from organisations where code like 'bench-partner-%'
             order by code offset bench.pick(n, 5, ${partners}) limit 1),
          'contact.' || n || '@partner.bench.example', '020 7946 ' || lpad((n % 10000)::text, 4, '0')
        from generate_series(1, ${contacts}) n;
    `);
  },
};
