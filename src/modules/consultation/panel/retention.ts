/**
 * DP-03, CON-06: citizens' panel responses on the retention schedule. A wave's responses are
 * linked to the members invited (response, invitation, member) so that the panel can see who
 * answered while the results are worked on; a year after the wave's consultation closed they are
 * detached from the members: the sent answers and borough stay, anonymous, counted in the
 * results, and each invitation still says whether it was answered (the wave's response rate);
 * the respondent's own monitoring answers, the address a "finish later" link went to, the address
 * hash and drafts never sent go. The record is the wave: one warning, one hold, for all its
 * responses.
 */
import { and, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { queryRows } from '../../../platform/db/database.js';
import type { RetentionPart } from '../../../platform/modules.js';
import type { DirectoryService } from '../../directory/index.js';
import { invitations, responseMonitoring, responses } from '../schema.js';
import { panelPaths } from './paths.js';
import { panelWaves } from './schema.js';

export function panelResponsesRetention(
  now: () => Date,
  directory: DirectoryService,
): RetentionPart {
  return {
    kind: 'citizens’ panel responses',
    describe:
      "A panel member's answers to a wave, linked to them through their invitation, with their own monitoring answers and the address a link to finish later went to.",
    schedule: {
      key: 'consultation.panel-responses',
      name: 'Citizens’ panel responses (who answered what)',
      trigger: "The day the wave's consultation closed (or was closed early)",
      defaultPeriod: { count: 12, unit: 'months' },
      reason:
        "Long enough to analyse the wave, take its results to the strategy board (CON-01) and answer questions about them; after that the answers are needed only as counts, not as whose they were (UK GDPR Article 5(1)(c) and (e): data minimisation, storage limitation). A consultation's other responses keep CONSULTATION_RESPONSE_RETENTION_DAYS, whichever comes first.",
      action: 'anonymise',
      keeps:
        "the sent answers and borough, counted in the wave's results, and whether each member invited answered (the response rate); drafts never sent are deleted",
      ownerRole: 'authority_officer',
      async due(executor: Executor, startedBy: string, limit: number, offset: number) {
        const rows = await queryRows<{ id: string; closed_on: string; title: string }>(
          executor,
          sql`select w.id, d.closed_on::text as closed_on, c.title
              from consultation_panel_waves w
              join consultations c on c.id = w.consultation_id
              cross join lateral (
                select coalesce((c.closed_early_at at time zone 'Europe/London')::date, c.closes_on)
                       as closed_on
              ) d
              where d.closed_on <= ${startedBy}::date
                and exists (select 1 from consultation_invitations i
                            join consultation_responses r on r.invitation_id = i.id
                            where i.consultation_id = w.consultation_id
                              and i.panel_member_id is not null)
              order by d.closed_on, w.id
              limit ${limit} offset ${offset}`,
        );
        return rows.map((r) => ({
          id: r.id,
          startedOn: r.closed_on,
          reference: `Panel wave of “${r.title}” (${r.id})`,
          href: panelPaths.wave(r.id),
          personIds: [],
        }));
      },
      // A wave is about the person when it invited them as a panel member (by their address).
      async aboutPerson(executor: Executor, ids: readonly string[], personId: string) {
        const email = (await directory.lookups.people(executor, [personId])).get(personId)?.email;
        if (!ids.length || !email) return [];
        const rows = await queryRows<{ id: string }>(
          executor,
          sql`select w.id from consultation_panel_waves w
              where w.id in (${sql.join(
                ids.map((id) => sql`${id}::uuid`),
                sql`, `,
              )})
                and exists (select 1 from consultation_invitations i
                            join consultation_panel_members m on m.id = i.panel_member_id
                            where i.consultation_id = w.consultation_id
                              and lower(m.email) = lower(${email}))`,
        );
        return rows.map((r) => r.id);
      },
      async apply(executor: Executor, ids: readonly string[]) {
        if (!ids.length) return 0;
        // The waves' responses still linked to a member, read once and locked.
        const linked = await executor
          .select({ id: responses.id, waveId: panelWaves.id, sent: responses.submittedAt })
          .from(responses)
          .innerJoin(invitations, sql`${invitations.id} = ${responses.invitationId}`)
          .innerJoin(panelWaves, sql`${panelWaves.consultationId} = ${invitations.consultationId}`)
          .where(and(inArray(panelWaves.id, [...ids]), isNotNull(invitations.panelMemberId)))
          .for('update', { of: responses });
        if (!linked.length) return 0;
        const sent = linked.filter((r) => r.sent).map((r) => r.id);
        const drafts = linked.filter((r) => !r.sent).map((r) => r.id);
        if (drafts.length)
          await executor
            .delete(responses)
            .where(and(inArray(responses.id, drafts), isNull(responses.submittedAt)));
        if (sent.length) {
          await executor
            .delete(responseMonitoring)
            .where(inArray(responseMonitoring.responseId, sent));
          await executor
            .update(responses)
            .set({
              invitationId: null,
              contactEmail: null,
              addressHash: null,
              resumeTokenHash: null,
              anonymisedAt: now(),
            })
            .where(inArray(responses.id, sent));
        }
        return new Set(linked.map((r) => r.waveId)).size;
      },
    },
  };
}
