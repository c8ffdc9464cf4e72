/**
 * DP-02: a subject-access export must reach every record that holds a person. This reads from the
 * database's catalogue every column that refers to a person or an account (a foreign key to
 * people(id) or users(id), or a column named like person_id / *_user_id without one), runs the
 * export for a person, records the statements it issues, and requires each column to be named by
 * one of them, or to be listed below with the reason it need not be. A new module's table that
 * holds a person id fails this test until its personData reads it, or it is listed here.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { buildServices } from '../../src/app.js';
import { queryRows } from '../../src/platform/db/database.js';
import { buildPersonArchive } from '../../src/platform/person-data/archive.js';
import { createTestApp, type TestApp } from '../app.js';
import { makeAccount } from '../factories/accounts.js';

/**
 * Who did a piece of staff work on the organisation's record (recorded, decided, uploaded it). The
 * record is not about them, and every such action is an audit event with them as its actor, which
 * the export gives in its audit section (when, what, on which record).
 */
const STAFF_WORK = 'who did staff work on a record: an audit event with them as actor, exported';

/**
 * Columns that refer to a person but are not what Bridge holds about them, each with why. Kept
 * short and strict: "who did it" columns of staff work are the staff member's personal data too,
 * and are listed only where the record is the organisation's and its audit event names the actor
 * (the export's audit section gives every event the person made).
 */
const NOT_PERSONAL: Record<string, string> = {
  'access_exemptions.recorded_by': STAFF_WORK,
  'advice_conflicts.recorded_by': STAFF_WORK,
  'advice_given.outcome_by': STAFF_WORK,
  'advice_given.recorded_by': STAFF_WORK,
  'advice_offers.offered_by': STAFF_WORK,
  'advice_offers.responded_by': STAFF_WORK,
  'advice_request_events.actor_user_id':
    "a request's history, who acted: each of their actions is an audit event in the export",
  'advice_request_questions.asked_by': STAFF_WORK,
  'advice_request_routes.routed_by': STAFF_WORK,
  'advice_requests.triaged_by': STAFF_WORK,
  'agenda_items.decided_by': STAFF_WORK,
  'api_tokens.created_by': STAFF_WORK,
  'applications.assessed_by': STAFF_WORK,
  'applications.decided_by': STAFF_WORK,
  'bank_holiday_uploads.uploaded_by': STAFF_WORK,
  'clearances.recorded_by': STAFF_WORK,
  'commendations.recorded_by': STAFF_WORK,
  'consultation_board_reviews.recorded_by': STAFF_WORK,
  'consultation_chosen_consultees.chosen_by': STAFF_WORK,
  'consultation_costs.recorded_by': STAFF_WORK,
  'consultation_open_data.published_by': STAFF_WORK,
  'consultation_outcomes.published_by': STAFF_WORK,
  'consultation_outcomes.updated_by': STAFF_WORK,
  'consultation_panel_members.invited_by': STAFF_WORK,
  'consultation_panel_population_source.replaced_by': STAFF_WORK,
  'consultation_panel_waves.sent_by': STAFF_WORK,
  'consultation_questionnaire_versions.created_by': STAFF_WORK,
  'consultation_quotes.picked_by': STAFF_WORK,
  'consultation_responses.set_aside_by': STAFF_WORK,
  'consultation_themes.created_by': STAFF_WORK,
  'consultations.created_by': STAFF_WORK,
  'custody_visitor_applications.decided_by': STAFF_WORK,
  'declarations.recorded_by': STAFF_WORK,
  'deployments.arranged_by': STAFF_WORK,
  'deployments.nominated_by': STAFF_WORK,
  'disclosures.disclosed_by': STAFF_WORK,
  'elections.recorded_by': STAFF_WORK,
  'engagement_issues.responded_by': STAFF_WORK,
  'engagement_plan_headings.updated_by': STAFF_WORK,
  'engagement_plans.agreed_by': STAFF_WORK,
  'erasure_requests.carried_out_by': STAFF_WORK,
  'erasure_requests.decided_by': STAFF_WORK,
  'erasure_requests.logged_by': STAFF_WORK,
  'expense_budgets.set_by': STAFF_WORK,
  'retention_holds.lifted_by': STAFF_WORK,
  'retention_holds.placed_by': STAFF_WORK,
  'retention_holds.person_id':
    'a legal hold kept for a request, complaint or case: whether to tell the person is decided with that case (an exemption may apply), not by the export',
  'retention_periods.updated_by': STAFF_WORK,
  'foi_clock_stops.recorded_by': STAFF_WORK,
  'foi_documents.confirmed_by': STAFF_WORK,
  'foi_extensions.recorded_by': STAFF_WORK,
  'foi_linked_records.linked_by': STAFF_WORK,
  'foi_requests.created_by': STAFF_WORK,
  'foi_requests.published_by': STAFF_WORK,
  'expense_claims.claimant_user_id':
    "the claimant's account: the same claims are found by claimant_person_id",
  'expense_claims.decided_by': STAFF_WORK,
  'expense_claims.second_approved_by': STAFF_WORK,
  'expense_disputes.chair_decided_by': STAFF_WORK,
  'expense_disputes.director_decided_by': STAFF_WORK,
  'expense_disputes.raised_by':
    "the claimant's own disputes, found through their claims (claimant_person_id)",
  'grant_assessments.assigned_by': STAFF_WORK,
  'grant_funds.created_by': STAFF_WORK,
  'grant_payment_batches.created_by': STAFF_WORK,
  'grant_payment_batches.paid_by': STAFF_WORK,
  'grant_rounds.created_by': STAFF_WORK,
  'group_document_versions.created_by': STAFF_WORK,
  'meeting_actions.created_by': STAFF_WORK,
  'meeting_attendance.recorded_by': STAFF_WORK,
  'meeting_invitations.invited_by': STAFF_WORK,
  'meeting_invitations.recorded_by': STAFF_WORK,
  'meeting_papers.uploaded_by': STAFF_WORK,
  'meetings.created_by': STAFF_WORK,
  'minutes.approved_by': STAFF_WORK,
  'minutes.drafted_by': STAFF_WORK,
  'partnership_records.created_by': STAFF_WORK,
  'payment_batches.created_by': STAFF_WORK,
  'payment_batches.paid_by': STAFF_WORK,
  'people.user_id':
    "the directory entry is found by its id; this is the same person's account, exported in its own part",
  'police_attendees.recorded_by': STAFF_WORK,
  'reappointments.chair_user_id':
    "the chair who agreed another member's second term: staff work, each an audit event",
  'reappointments.declined_by': STAFF_WORK,
  'reappointments.director_user_id':
    "the Director who agreed another member's second term: staff work, each an audit event",
  'reappointments.proposed_by': STAFF_WORK,
  'recruitment_rounds.created_by': STAFF_WORK,
  'role_assignments.created_by': STAFF_WORK,
  'stop_search_imports.imported_by': STAFF_WORK,
  'stop_search_reference_files.loaded_by': STAFF_WORK,
  'subject_access_requests.answered_by': STAFF_WORK,
  'subject_access_requests.identity_checked_by': STAFF_WORK,
  'subject_access_requests.logged_by': STAFF_WORK,
  'tracker_reports.produced_by': STAFF_WORK,
  'tracker_sources.created_by': STAFF_WORK,
  'training_attendance.recorded_by': STAFF_WORK,
  'training_courses.created_by': STAFF_WORK,
  'training_needs.raised_by': STAFF_WORK,
  'workforce_snapshots.recorded_by': STAFF_WORK,
};

let t: TestApp;
let recording = false;
const statements: string[] = [];
before(async () => {
  t = await createTestApp({
    demo: false,
    onQuery: (query) => {
      if (recording) statements.push(query);
    },
  });
});
after(() => t.close());

/**
 * Whether a statement finds rows by the column (`table.column`): names it after its main FROM (in
 * a join or its WHERE), not only among the values it shows (a name looked up in a subquery of the
 * select list reads the column but finds nobody's records by it). Drizzle leaves a column of a
 * one-table query unqualified, so a bare "column" counts when the main FROM is its table.
 */
function selectsBy(statement: string, name: string): boolean {
  const [table, column] = name.split('.') as [string, string];
  let depth = 0;
  let from = -1;
  for (let i = 0; i < statement.length && from < 0; i++) {
    const c = statement[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && statement.startsWith(' from ', i)) from = i;
  }
  if (from < 0) return false;
  const tail = statement.slice(from);
  return (
    tail.includes(`"${table}"."${column}"`) ||
    (tail.startsWith(` from "${table}"`) && tail.includes(`"${column}"`))
  );
}

interface PersonColumn {
  table: string;
  column: string;
}

/** Every column referring to a person or an account, from the catalogue (PGlite and PostgreSQL). */
async function personColumns(): Promise<PersonColumn[]> {
  const rows = await queryRows<PersonColumn>(
    t.services.db,
    sql`select distinct cls.relname as "table", att.attname as "column"
          from pg_constraint con
          join pg_class cls on cls.oid = con.conrelid
          join pg_namespace ns on ns.oid = cls.relnamespace
          join pg_attribute att on att.attrelid = con.conrelid and att.attnum = any(con.conkey)
         where con.contype = 'f' and ns.nspname = 'public'
           and con.confrelid in ('public.people'::regclass, 'public.users'::regclass)
        union
        select c.table_name, c.column_name
          from information_schema.columns c
          join information_schema.tables tb
            on tb.table_schema = c.table_schema and tb.table_name = c.table_name
         where c.table_schema = 'public' and tb.table_type = 'BASE TABLE'
           and c.column_name ~ '(^|_)(person|user)_id$'
         order by 1, 2`,
  );
  return rows;
}

test('DP-02: every column holding a person or an account is read by the subject-access export, or listed with its reason', async () => {
  const columns = await personColumns();
  assert.ok(columns.length > 40, `only ${columns.length} columns found: is the query right?`);
  const account = await makeAccount(t, { role: 'advisor', name: 'Coverage Person' });
  const { modules } = buildServices({
    config: t.config,
    database: t.services.database,
    now: t.clock.now,
  });
  recording = true;
  try {
    await buildPersonArchive(
      { modules, files: t.services.files, t: t.services.t, now: t.clock.now },
      t.services.db,
      { personId: account.personId, userId: account.userId },
      account.name,
    );
  } finally {
    recording = false;
  }
  const missed = columns
    .map(({ table, column }) => `${table}.${column}`)
    .filter((name) => !statements.some((q) => selectsBy(q, name)) && !(name in NOT_PERSONAL));
  if (process.env.SHOW_MISSED) console.log(JSON.stringify(missed));
  assert.deepEqual(missed, [], 'columns holding a person that the export never reads');
  // A listed column that the export now reads, or that no longer exists, is taken off the list.
  const found = new Set(columns.map(({ table, column }) => `${table}.${column}`));
  assert.deepEqual(
    Object.keys(NOT_PERSONAL).filter((name) => {
      return !found.has(name) || statements.some((q) => selectsBy(q, name));
    }),
    [],
    'listed as not personal, but read by the export or gone',
  );
});
