/**
 * IAG-16, IAG-17: the public side of recruitment: the round open for applications, and an
 * application through the public form, acknowledged by e-mail (no account needed).
 */
import { and, desc, eq, gte, lte } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import type { Actor } from '../../../platform/auth/principal.js';
import type { Db } from '../../../platform/db/database.js';
import { ConflictError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { isEmailAddress } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { MailService } from '../../../platform/mail/service.js';
import { checkAgeEligibility, mayAcknowledgeApplication } from './rules.js';
import { applications, recruitmentRounds } from '../schema.js';
import type { GroupsService } from '../service.js';
import { checkedValues, dateField, text, tooLong } from '../validation.js';
import type { Round } from './service.js';
import { say } from '../../../platform/i18n/said.js';
import { formatDate } from '../../../platform/i18n/dates.js';

type Input = Record<string, string | string[] | undefined>;
const PUBLIC_ACTOR: Actor = { userId: null, label: 'member of the public' };

export function createApplyService(deps: {
  db: Db;
  groups: GroupsService;
  mail: MailService;
  /** The default language's messages: the form's errors and the acknowledgement. */
  t: Translate;
}) {
  const { db, groups, t } = deps;
  // Acknowledgements to one address are counted by the start of their subject.
  const acknowledgementSubject = t('groups:recruitment.mail.acknowledgement.subject');

  /** The round open for applications today, if any (the public form needs one). */
  async function openRoundFor(groupId: string): Promise<Round | null> {
    if (!isUuid(groupId)) return null;
    const today = groups.today();
    const [round] = await db
      .select()
      .from(recruitmentRounds)
      .where(
        and(
          eq(recruitmentRounds.groupId, groupId),
          lte(recruitmentRounds.opensOn, today),
          gte(recruitmentRounds.closesOn, today),
        ),
      )
      .orderBy(desc(recruitmentRounds.opensOn))
      .limit(1);
    return round ?? null;
  }

  return {
    openRoundFor,

    /** IAG-16, IAG-17: an application through the public form, no account needed. */
    async apply(groupId: string, input: Input, requestId?: string) {
      const group = await groups.findGroup(db, groupId);
      const round = await openRoundFor(groupId);
      if (!round || !['active', 'forming'].includes(group.status))
        throw new ConflictError(t('groups:recruitment.errors.notRecruiting'), 'fullName');
      const errors: FieldError[] = [];
      const fullName = text(input.fullName);
      if (!fullName)
        errors.push({ field: 'fullName', message: t('groups:recruitment.errors.fullName') });
      tooLong(t, errors, 'fullName', t('groups:recruitment.apply.fullName'), fullName, 200);
      const email = text(input.email)?.toLowerCase() ?? null;
      if (!email || !isEmailAddress(email))
        errors.push({
          field: 'email',
          message: t('groups:recruitment.errors.email'),
        });
      const phone = text(input.phone);
      if (phone && !/^\+?[0-9 ()-]{6,25}$/.test(phone))
        errors.push({ field: 'phone', message: t('groups:recruitment.errors.phone') });
      const hasAges = group.minAge !== null || group.maxAge !== null;
      const dateOfBirth = dateField(
        t,
        input,
        'dateOfBirth',
        t('groups:recruitment.errors.dateOfBirth'),
        errors,
        { required: hasAges },
      );
      if (dateOfBirth && dateOfBirth >= groups.today())
        errors.push({
          field: 'dateOfBirth-day',
          message: t('groups:recruitment.errors.dateOfBirthInFuture'),
        });
      else if (hasAges && dateOfBirth) {
        const refusal = checkAgeEligibility(group, dateOfBirth, round.appointmentDate);
        if (refusal) errors.push({ field: 'dateOfBirth-day', message: say(t, refusal) });
      }
      const communities = text(input.communities);
      if (!communities)
        errors.push({
          field: 'communities',
          message: t('groups:recruitment.errors.communities'),
        });
      tooLong(
        t,
        errors,
        'communities',
        t('groups:recruitment.application.communities'),
        communities,
        2000,
      );
      const statement = text(input.statement);
      if (!statement)
        errors.push({ field: 'statement', message: t('groups:recruitment.errors.statement') });
      tooLong(
        t,
        errors,
        'statement',
        t('groups:recruitment.errors.statementName'),
        statement,
        5000,
      );
      const confirmations = checkedValues(input.confirm);
      if (!confirmations.includes('independent'))
        errors.push({
          field: 'confirm',
          message: t('groups:recruitment.errors.independent'),
        });
      else if (!confirmations.includes('principles'))
        errors.push({ field: 'confirm', message: t('groups:recruitment.errors.principles') });
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(applications)
          .values({
            roundId: round.id,
            fullName: fullName!,
            email: email!,
            phone,
            dateOfBirth,
            communities: communities!,
            statement: statement!,
            independenceConfirmed: true,
            principlesConfirmed: true,
          })
          .onConflictDoNothing()
          .returning({ id: applications.id });
        if (!row) throw new ConflictError(t('groups:recruitment.errors.alreadyApplied'), 'email');
        // Issue 21 item 23: nobody has confirmed this address, so the acknowledgement quotes
        // nothing typed into the form, and one address gets only a few a day, counted here in
        // the database (so across instances), the count taken in turn under a lock on the address.
        if (
          mayAcknowledgeApplication(await deps.mail.queuedToday(tx, email!, acknowledgementSubject))
        )
          await deps.mail.queue(tx, {
            to: email!,
            subject: t('groups:recruitment.mail.acknowledgement.subjectForGroup', {
              subject: acknowledgementSubject,
              group: group.name,
            }),
            text: t('groups:recruitment.mail.acknowledgement.text', {
              group: group.name,
              closesOn: formatDate(t, round.closesOn),
            }),
          });
        // The audit event names the application, not the applicant: their details stay with the panel.
        await recordAudit(
          tx,
          { ...PUBLIC_ACTOR, requestId },
          {
            action: 'application.submitted',
            recordType: 'application',
            recordId: row.id,
            after: { roundId: round.id },
          },
        );
        return { id: row.id, group, round };
      });
    },
  };
}

export type ApplyService = ReturnType<typeof createApplyService>;
