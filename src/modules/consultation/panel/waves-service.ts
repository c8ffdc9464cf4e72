/**
 * CON-06: waves. A consultation for the panel is sent to the whole panel or to a balanced sample
 * drawn by Bridge; each member sent it has their own invitation link (only its hash kept) and
 * the leave link. The waves' response rates, and the panel's balance against the population.
 */
import { randomInt } from 'node:crypto';
import {
  and,
  count,
  desc,
  eq,
  gte,
  isNotNull,
  isNull,
  notExists,
  sql,
  type SQL,
} from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { hashToken, newToken } from '../../../platform/auth/credentials.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, type SaidRefusal } from '../../../platform/i18n/said.js';
import type { MailService } from '../../../platform/mail/service.js';
import type { DirectoryApi } from '../../directory/index.js';
import { MONITORING_DIMENSIONS, type MonitoringDimension } from '../monitoring.js';
import { consultationPaths } from '../paths.js';
import {
  balancedSample,
  panelBalance,
  sampleSizeRefusal,
  WAVE_KINDS,
  type WaveKind,
} from '../panel-rules.js';
import { consultations, invitations } from '../schema.js';
import type { PanelLinks } from './links.js';
import { readPopulation } from './population.js';
import type { PanelService } from './service.js';
import { panelMemberMonitoring, panelMembers, panelWaves } from './schema.js';

export type WavesService = ReturnType<typeof createWavesService>;
type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value.trim() : '');
const DIMENSIONS = Object.keys(MONITORING_DIMENSIONS) as MonitoringDimension[];

export function createWavesService(deps: {
  db: Db;
  directory: DirectoryApi;
  mail: MailService;
  links: PanelLinks;
  members: PanelService;
  publicUrl: string;
  now: () => Date;
  t: Translate;
  /** The sample's seed; random unless a test fixes it. */
  seed?: () => number;
}) {
  const { db, now, t, links, mail } = deps;
  const seed = deps.seed ?? (() => randomInt(0, 2 ** 31));
  const current = and(isNotNull(panelMembers.confirmedAt), isNull(panelMembers.leftAt));

  function refuse(refusals: readonly SaidRefusal[]): void {
    if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
  }

  /** Panel consultations launched, not closed, and not yet sent: those a wave may send. */
  const sendable = (executor: Executor) =>
    executor
      .select({ id: consultations.id, title: consultations.title })
      .from(consultations)
      .where(
        and(
          eq(consultations.audience, 'panel'),
          isNotNull(consultations.launchedAt),
          isNull(consultations.closedEarlyAt),
          gte(consultations.closesOn, todayInLondon(now())),
          notExists(
            executor
              .select({ id: panelWaves.id })
              .from(panelWaves)
              .where(eq(panelWaves.consultationId, consultations.id)),
          ),
        ),
      )
      .orderBy(consultations.title);

  /** Invited and responded, per wave (one grouped query). */
  const rates = (executor: Executor, where?: SQL) =>
    executor
      .select({
        waveId: panelWaves.id,
        invited: sql<number>`count(${invitations.id})::int`,
        // Kept on the invitation: the retention sweep unlinks the response (DP-03).
        responded: sql<number>`count(*) filter (where ${invitations.responded})::int`,
      })
      .from(panelWaves)
      .leftJoin(
        invitations,
        and(
          eq(invitations.consultationId, panelWaves.consultationId),
          isNotNull(invitations.panelMemberId),
        ),
      )
      .where(where)
      .groupBy(panelWaves.id);

  return {
    async sendable(principal: Principal) {
      requireUser(principal, 'consultation.manage');
      return {
        consultations: await sendable(db),
        members: (await deps.members.counts(principal)).members,
      };
    },

    /**
     * CON-06: sends a panel consultation to the whole panel or a balanced sample of N: an
     * invitation each (its link's token's hash kept) and an e-mail with the link and the leave
     * link. Members who have left are never sent anything.
     */
    async send(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, 'consultation.manage');
      const consultationId = one(input.consultationId);
      const kind = one(input.kind) as WaveKind;
      return db.transaction(async (tx) => {
        const open = await sendable(tx);
        const consultation = open.find((c) => c.id === consultationId);
        const refusals: SaidRefusal[] = [];
        if (!consultation)
          refusals.push({ field: 'consultationId', key: 'consultation:panel.errors.consultation' });
        if (!(WAVE_KINDS as readonly string[]).includes(kind))
          refusals.push({ field: 'kind', key: 'consultation:panel.errors.kind' });
        const candidates = await tx
          .select({
            id: panelMembers.id,
            email: panelMembers.email,
            boroughId: panelMembers.boroughId,
            ageBand: panelMemberMonitoring.ageBand,
            sex: panelMemberMonitoring.sex,
            ethnicGroup: panelMemberMonitoring.ethnicGroup,
          })
          .from(panelMembers)
          .leftJoin(panelMemberMonitoring, eq(panelMemberMonitoring.memberId, panelMembers.id))
          .where(current);
        if (!candidates.length)
          refusals.push({ field: 'kind', key: 'consultation:panel.errors.noMembers' });
        let size: number | null = null;
        if (kind === 'sample' && candidates.length) {
          const refusal = sampleSizeRefusal(one(input.sampleSize), candidates.length);
          if (refusal) refusals.push(refusal);
          else size = Number(one(input.sampleSize));
        }
        refuse(refusals);
        const drawnSeed = kind === 'sample' ? seed() : null;
        const chosen =
          size !== null
            ? new Set(
                balancedSample(
                  candidates,
                  await readPopulation(tx, deps.directory),
                  size,
                  drawnSeed!,
                ),
              )
            : null;
        const sent = candidates.filter((c) => !chosen || chosen.has(c.id));
        const [wave] = await tx
          .insert(panelWaves)
          .values({
            consultationId,
            kind,
            sampleSize: size,
            seed: drawnSeed,
            invited: sent.length,
            sentAt: now(),
            sentBy: user.userId,
          })
          .returning();
        const made = sent.map((m) => ({ member: m, token: newToken() }));
        await tx.insert(invitations).values(
          made.map(({ member, token }) => ({
            consultationId,
            panelMemberId: member.id,
            tokenHash: hashToken(token),
            sentAt: now(),
          })),
        );
        await mail.queueMany(
          tx,
          made.map(({ member, token }) => ({
            to: member.email!,
            subject: t('consultation:panel.mail.waveSubject', { title: consultation!.title }),
            text: `${t('consultation:panel.mail.waveText', {
              title: consultation!.title,
              url: `${deps.publicUrl}${consultationPaths.invitation(token)}`,
            })}\n\n${links.leaveFooter(t, member.id)}`,
          })),
        );
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-panel-wave.sent',
          recordType: 'consultation-panel-wave',
          recordId: wave!.id,
          after: { consultationId, kind, sampleSize: size, seed: drawnSeed, invited: sent.length },
        });
        return { ...wave!, title: consultation!.title };
      });
    },

    /** The waves, newest first, with each one's response rate. */
    async list(principal: Principal, page: { limit: number; offset: number }) {
      requireUser(principal, 'consultation.manage');
      const [rows, [total], counts] = await Promise.all([
        db
          .select({ wave: panelWaves, title: consultations.title })
          .from(panelWaves)
          .innerJoin(consultations, eq(consultations.id, panelWaves.consultationId))
          .orderBy(desc(panelWaves.sentAt), desc(panelWaves.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(panelWaves),
        rates(db),
      ]);
      const byWave = new Map(counts.map((c) => [c.waveId, c]));
      return {
        total: Number(total?.n ?? 0),
        items: rows.map(({ wave, title }) => ({
          ...wave,
          title,
          responded: byWave.get(wave.id)?.responded ?? 0,
        })),
      };
    },

    /** A wave, with its response rate overall and by borough. */
    async get(principal: Principal, waveId: string) {
      requireUser(principal, 'consultation.manage');
      const [row] = isUuid(waveId)
        ? await db
            .select({ wave: panelWaves, title: consultations.title })
            .from(panelWaves)
            .innerJoin(consultations, eq(consultations.id, panelWaves.consultationId))
            .where(eq(panelWaves.id, waveId))
        : [];
      if (!row) throw new NotFoundError();
      const [counts] = await rates(db, eq(panelWaves.id, waveId));
      return {
        ...row.wave,
        title: row.title,
        responded: counts?.responded ?? 0,
      };
    },

    /**
     * CON-06, DP-01: the panel's balance: members against the population by borough, age band,
     * sex and ethnic group (members' counts by group only; the page suppresses small ones).
     */
    async balance(principal: Principal) {
      requireUser(principal, 'consultation.view');
      const [counts, population, boroughs] = await Promise.all([
        deps.members.memberCounts(),
        readPopulation(db, deps.directory),
        deps.members.boroughs(),
      ]);
      const total = Object.values(counts.borough).reduce((a, b) => a + b, 0);
      const boroughIds = boroughs.map((b) => b.id);
      const names = new Map(boroughs.map((b) => [b.id, b.name]));
      return {
        members: total,
        borough: panelBalance(boroughIds, counts.borough, population.boroughs).map((line) => ({
          ...line,
          label: names.get(line.value) ?? line.value,
        })),
        ...(Object.fromEntries(
          DIMENSIONS.map((d) => [
            d,
            {
              answered: Object.values(counts[d]).reduce((a, b) => a + b, 0),
              lines: panelBalance(MONITORING_DIMENSIONS[d], counts[d], population[d]),
            },
          ]),
        ) as Record<
          MonitoringDimension,
          { answered: number; lines: ReturnType<typeof panelBalance> }
        >),
      };
    },
  };
}
