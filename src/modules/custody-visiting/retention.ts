/**
 * DP-03: a sent visit report's detainee details (the custody record number, the visitors'
 * observations and notes on recordings viewed) are anonymised two years after the visit. The
 * report, its checks and each detainee's counted facts (a child, vulnerable, seen, consent,
 * held under terrorism legislation) stay for the statistics (ICV-10) and the annual report.
 */
import { and, inArray, like, not, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/database.js';
import type { RetentionPart } from '../../platform/modules.js';
import { reportPaths } from './reports/paths.js';
import { custodyVisitReportDetainees } from './reports/schema.js';

/** An anonymised detainee's record number: unique in its report, and says nothing. */
const REMOVED = 'removed:';

export const detaineeDetailsRetention: RetentionPart = {
  kind: 'custody visit report detainee details',
  describe:
    "The detainees a visit report names: each by custody record number, with the visitors' observations and notes on recordings viewed.",
  schedule: {
    key: 'custody-visiting.detainee-details',
    name: "Detainees' details in custody visit reports",
    trigger: 'The day of the visit (reports sent only)',
    defaultPeriod: { count: 24, unit: 'months' },
    reason:
      "Two reporting years: long enough to follow an issue up with the police, answer a complaint and make the year's statistics and annual report (ICV-10). The custody record itself is kept by the police; after this Bridge needs only the counts.",
    action: 'anonymise',
    keeps:
      'the report, its checks and findings, and each detainee counted (child, vulnerable, seen, consent, terrorism legislation)',
    ownerRole: 'scheme_manager',
    async due(executor: Executor, startedBy: string, limit: number, offset: number) {
      const rows = await queryRows<{ id: string; visited_on: string }>(
        executor,
        sql`select r.id, r.visited_on::text as visited_on
            from custody_visit_reports r
            where r.status = 'submitted' and r.visited_on <= ${startedBy}::date
              and exists (select 1 from custody_visit_report_detainees d
                          where d.report_id = r.id
                            and (d.custody_record_number not like ${`${REMOVED}%`}
                                 or d.observations is not null or d.recordings_notes is not null))
            order by r.visited_on, r.id
            limit ${limit} offset ${offset}`,
      );
      return rows.map((r) => ({
        id: r.id,
        startedOn: r.visited_on,
        reference: `Custody visit report of ${r.visited_on} (${r.id})`,
        href: reportPaths.report(r.id),
        personIds: [],
      }));
    },
    async apply(executor: Executor, ids: readonly string[]) {
      if (!ids.length) return 0;
      const done = await executor
        .update(custodyVisitReportDetainees)
        .set({
          custodyRecordNumber: sql`${REMOVED} || ${custodyVisitReportDetainees.id}::text`,
          observations: null,
          recordingsNotes: null,
        })
        .where(
          and(
            inArray(custodyVisitReportDetainees.reportId, [...ids]),
            sql`(${not(like(custodyVisitReportDetainees.custodyRecordNumber, `${REMOVED}%`))}
                 or ${custodyVisitReportDetainees.observations} is not null
                 or ${custodyVisitReportDetainees.recordingsNotes} is not null)`,
          ),
        )
        .returning({ reportId: custodyVisitReportDetainees.reportId });
      return new Set(done.map((d) => d.reportId)).size;
    },
  },
};
