/**
 * ICV-01, ICV-02: applications to be a lay visitor. Anyone may apply through the public form,
 * no account needed, declaring their independence; the scheme manager, and the coordinator of
 * the panel for the applicant's area, read them and decline one or invite the applicant to
 * interview, which makes them a visitor of a panel whose record the visitor pages then keep.
 * Each action is one transaction with one audit event.
 */
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Actor, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { checkedValues, isEmailAddress } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, type SaidRefusal } from '../../../platform/i18n/said.js';
import type { MailService } from '../../../platform/mail/service.js';
import type { DirectoryApi } from '../../directory/index.js';
import { schemeReach } from '../access.js';
import {
  applicationArea,
  applicationDeclarationRefusals,
  applicationDecisionRefusals,
  applicationReference,
  mayAcknowledgeVisitorApplication,
  seesApplication,
} from '../application-rules.js';
import { requiredText } from '../visitor-rules.js';
import { seesPanel, tidy, type SchemeReach } from '../rules.js';
import { custodyPanels, custodyVisitors } from '../schema.js';
import {
  custodyVisitorApplications as applications,
  VISITOR_APPLICATION_STATUSES,
} from './schema.js';

export type VisitorApplication = typeof applications.$inferSelect;
export type ApplicationStatus = (typeof VISITOR_APPLICATION_STATUSES)[number];
export type ApplicationsService = ReturnType<typeof createApplicationsService>;
type Input = Record<string, string | string[] | undefined>;

const PUBLIC_ACTOR: Actor = { userId: null, label: 'member of the public' };
const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '');

export function createApplicationsService(deps: {
  db: Db;
  directory: DirectoryApi;
  mail: MailService;
  now: () => Date;
  t: Translate;
}) {
  const { db, now, t } = deps;
  const { lookups } = deps.directory.directory;
  const today = () => todayInLondon(now());
  // Acknowledgements to one address are counted by the start of their subject.
  const acknowledgementSubject = t('custody-visiting:applications.mail.subject');

  function refuse(refusals: readonly SaidRefusal[]): void {
    if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
  }

  /** The panels' areas, for the form's select: the scheme's boroughs and custody areas. */
  async function areas(executor: Executor = db): Promise<string[]> {
    const rows = await executor
      .select({ area: custodyPanels.area })
      .from(custodyPanels)
      .orderBy(custodyPanels.area);
    return rows.map((r) => r.area);
  }

  /** Whose applications the person asking may read: all, or their panels' areas. */
  function visibleTo(reach: SchemeReach): SQL | undefined {
    if (reach.manager) return undefined;
    const areas = reach.panelAreas.map((a) => tidy(a).toLowerCase());
    return areas.length ? inArray(sql`lower(${applications.area})`, areas) : sql`false`;
  }

  async function find(executor: Executor, principal: Principal, id: string) {
    const { user, reach } = await schemeReach(executor, principal, 'custody.panels.view');
    const [application] = isUuid(id)
      ? await executor.select().from(applications).where(eq(applications.id, id))
      : [];
    if (!application || !seesApplication(reach, application)) throw new NotFoundError();
    return { user, reach, application };
  }

  /** The panels a person asking may invite to: all for the manager, their own for a coordinator. */
  async function panelsFor(executor: Executor, reach: SchemeReach) {
    if (!reach.manager && !reach.panelIds.length) return [];
    return executor
      .select({ id: custodyPanels.id, name: custodyPanels.name, area: custodyPanels.area })
      .from(custodyPanels)
      .where(reach.manager ? undefined : inArray(custodyPanels.id, [...reach.panelIds]))
      .orderBy(custodyPanels.name);
  }

  return {
    areas: () => areas(),

    /** ICV-01, ICV-02: an application through the public form, no account needed. */
    async apply(input: Input, requestId?: string) {
      const fullName = tidy(one(input.fullName));
      const email = tidy(one(input.email)).toLowerCase();
      const phone = tidy(one(input.phone));
      const reasons = one(input.reasons).trim();
      const refusals: SaidRefusal[] = [
        ...requiredText('fullName', fullName, 200),
        ...(email ? [] : [{ field: 'email', key: 'custody-visiting:errors.emailMissing' }]),
      ];
      if (email && !isEmailAddress(email))
        refusals.push({ field: 'email', key: 'custody-visiting:visitors.errors.emailInvalid' });
      if (phone && !/^\+?[0-9 ()-]{6,25}$/.test(phone))
        refusals.push({ field: 'phone', key: 'custody-visiting:applications.errors.phone' });
      const { area, refusal } = applicationArea(one(input.area), await areas());
      if (refusal) refusals.push(refusal);
      if (!reasons)
        refusals.push({ field: 'reasons', key: 'custody-visiting:applications.errors.reasons' });
      else if (reasons.length > 5000)
        refusals.push({
          field: 'reasons',
          key: 'custody-visiting:applications.errors.reasonsTooLong',
          values: { max: 5000 },
        });
      refusals.push(...applicationDeclarationRefusals(checkedValues(input.declarations)));
      refuse(refusals);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(applications)
          .values({
            fullName,
            email,
            phone: phone || null,
            area,
            reasons,
            declaredOn: today(),
            createdAt: now(),
            updatedAt: now(),
          })
          .onConflictDoNothing()
          .returning({ id: applications.id });
        if (!row)
          throw new ConflictError(
            t('custody-visiting:applications.errors.alreadyApplied'),
            'email',
          );
        const reference = applicationReference(row.id);
        // Nobody has confirmed this address: the acknowledgement quotes nothing typed into the
        // form, and one address gets only a few a day, counted in the database under a lock.
        if (
          mayAcknowledgeVisitorApplication(
            await deps.mail.queuedToday(tx, email, acknowledgementSubject),
          )
        )
          await deps.mail.queue(tx, {
            to: email,
            subject: acknowledgementSubject,
            text: t('custody-visiting:applications.mail.text', { reference }),
          });
        // The audit event names the application, not the applicant.
        await recordAudit(
          tx,
          { ...PUBLIC_ACTOR, requestId },
          {
            action: 'custody-visitor-application.received',
            recordType: 'custody-visitor-application',
            recordId: row.id,
            after: { area },
          },
        );
        return { id: row.id, reference };
      });
    },

    /** ICV-02: the applications the person asking may read, newest first, by status. */
    async list(
      principal: Principal,
      query: { status?: string | undefined; limit: number; offset: number },
    ) {
      const { reach } = await schemeReach(db, principal, 'custody.panels.view');
      const status = (VISITOR_APPLICATION_STATUSES as readonly string[]).includes(
        query.status ?? '',
      )
        ? (query.status as ApplicationStatus)
        : null;
      const where = and(visibleTo(reach), status ? eq(applications.status, status) : undefined);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(applications)
          .where(where)
          .orderBy(desc(applications.createdAt), desc(applications.id))
          .limit(query.limit)
          .offset(query.offset),
        db.select({ n: count() }).from(applications).where(where),
      ]);
      return { items: rows, total: Number(total?.n ?? 0), status };
    },

    /** An application, with the panels it may be invited to (those of the person asking). */
    async get(principal: Principal, id: string) {
      const { reach, application } = await find(db, principal, id);
      const panels = await panelsFor(db, reach);
      return {
        application,
        reference: applicationReference(application.id),
        panels,
        suggestedPanelId:
          panels.find(
            (p) =>
              application.area &&
              tidy(p.area).toLowerCase() === tidy(application.area).toLowerCase(),
          )?.id ?? null,
      };
    },

    /**
     * ICV-02: the decision on an application: declined with a reason, or invited to interview,
     * which makes the applicant a visitor of the chosen panel (a directory person found by
     * e-mail or added), declared on the day they applied.
     */
    async decide(principal: Principal, id: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, reach, application: before } = await find(tx, principal, id);
        if (one(input.version) && Number(one(input.version)) !== before.version)
          throw new ConflictError(t('custody-visiting:errors.staleEdit'), 'version');
        const outcome = one(input.outcome);
        const reason = one(input.reason).trim();
        const panelId = one(input.panelId);
        refuse(
          applicationDecisionRefusals(before, {
            outcome,
            reason,
            panelId: isUuid(panelId) ? panelId : null,
          }),
        );
        let visitorId: string | null = null;
        let panelName = '';
        if (outcome === 'invite') {
          const [panel] = await tx
            .select()
            .from(custodyPanels)
            .where(eq(custodyPanels.id, panelId));
          if (!panel || !seesPanel(reach, panel))
            refuse([{ field: 'panelId', key: 'custody-visiting:applications.errors.panel' }]);
          panelName = panel!.name;
          const {
            ids: [personId],
          } = await lookups.findOrAddPeople(tx, [
            { fullName: before.fullName, email: before.email },
          ]);
          const [already] = await tx
            .select({ id: custodyVisitors.id })
            .from(custodyVisitors)
            .where(eq(custodyVisitors.personId, personId!));
          if (already)
            refuse([{ field: 'panelId', key: 'custody-visiting:visitors.errors.alreadyVisitor' }]);
          const [visitor] = await tx
            .insert(custodyVisitors)
            .values({ personId: personId!, panelId, declaredOn: before.declaredOn })
            .returning({ id: custodyVisitors.id });
          visitorId = visitor!.id;
        }
        const [after] = await tx
          .update(applications)
          .set({
            status: outcome === 'invite' ? 'invited' : 'declined',
            declineReason: outcome === 'decline' ? reason : null,
            visitorId,
            decidedBy: user.userId,
            decidedAt: now(),
            updatedAt: now(),
            version: sql`${applications.version} + 1`,
          })
          .where(and(eq(applications.id, id), eq(applications.version, before.version)))
          .returning();
        if (!after) throw new ConflictError(t('custody-visiting:errors.staleEdit'), 'version');
        // The applicant hears the decision from the scheme, not only when someone remembers to
        // write: an invitation names the panel, a refusal gives the reason written here.
        const reference = applicationReference(id);
        await deps.mail.queue(
          tx,
          outcome === 'invite'
            ? {
                to: before.email,
                subject: t('custody-visiting:applications.mail.invitedSubject', { reference }),
                text: t('custody-visiting:applications.mail.invitedText', {
                  reference,
                  panel: panelName,
                }),
              }
            : {
                to: before.email,
                subject: t('custody-visiting:applications.mail.declinedSubject', { reference }),
                text: t('custody-visiting:applications.mail.declinedText', { reference, reason }),
              },
        );
        await recordAudit(tx, actorOf(user, requestId), {
          action: `custody-visitor-application.${outcome === 'invite' ? 'invited' : 'declined'}`,
          recordType: 'custody-visitor-application',
          recordId: id,
          before: { status: before.status },
          after: { status: after.status, visitorId },
        });
        return after;
      });
    },
  };
}
