/**
 * IAG-16, IAG-17: the public side of recruitment: the round open for applications, and an
 * application through the public form, acknowledged by e-mail (no account needed).
 */
import { and, desc, eq, gte, lte } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { formatDate } from '../../../platform/calendar/index.js';
import type { Actor } from '../../../platform/auth/principal.js';
import type { Db } from '../../../platform/db/database.js';
import { ConflictError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { MailService } from '../../../platform/mail/service.js';
import { checkAgeEligibility, mayAcknowledgeApplication } from './rules.js';
import { applications, recruitmentRounds } from '../schema.js';
import type { GroupsService } from '../service.js';
import { checkedValues, dateField, text, tooLong } from '../validation.js';
import type { Round } from './service.js';

type Input = Record<string, string | string[] | undefined>;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PUBLIC_ACTOR: Actor = { userId: null, label: 'member of the public' };
const ACKNOWLEDGEMENT_SUBJECT = 'We have received your application';

export function createApplyService(deps: { db: Db; groups: GroupsService; mail: MailService }) {
  const { db, groups } = deps;

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
        throw new ConflictError('This group is not recruiting at the moment', 'fullName');
      const errors: FieldError[] = [];
      const fullName = text(input.fullName);
      if (!fullName) errors.push({ field: 'fullName', message: 'Enter your full name' });
      tooLong(errors, 'fullName', 'Full name', fullName, 200);
      const email = text(input.email)?.toLowerCase() ?? null;
      if (!email || !EMAIL.test(email) || email.length > 254)
        errors.push({
          field: 'email',
          message: 'Enter an e-mail address in the correct format, like name@example.org',
        });
      const phone = text(input.phone);
      if (phone && !/^\+?[0-9 ()-]{6,25}$/.test(phone))
        errors.push({ field: 'phone', message: 'Enter a telephone number, like 020 7946 0000' });
      const hasAges = group.minAge !== null || group.maxAge !== null;
      const dateOfBirth = dateField(input, 'dateOfBirth', 'your date of birth', errors, {
        required: hasAges,
      });
      if (dateOfBirth && dateOfBirth >= groups.today())
        errors.push({
          field: 'dateOfBirth-day',
          message: 'Your date of birth must be in the past',
        });
      else if (hasAges && dateOfBirth) {
        const refusal = checkAgeEligibility(group, dateOfBirth, round.appointmentDate);
        if (refusal) errors.push({ field: 'dateOfBirth-day', message: refusal });
      }
      const communities = text(input.communities);
      if (!communities)
        errors.push({
          field: 'communities',
          message: 'Tell us which communities you are part of or work with',
        });
      tooLong(errors, 'communities', 'Communities', communities, 2000);
      const statement = text(input.statement);
      if (!statement)
        errors.push({ field: 'statement', message: 'Tell us why you want to join the group' });
      tooLong(errors, 'statement', 'Why you want to join', statement, 5000);
      const confirmations = checkedValues(input.confirm);
      if (!confirmations.includes('independent'))
        errors.push({
          field: 'confirm',
          message:
            'Confirm that you are independent of the police service and of any body that monitors it',
        });
      else if (!confirmations.includes('principles'))
        errors.push({
          field: 'confirm',
          message: 'Confirm that you will follow the Seven Principles of Public Life',
        });
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
        if (!row)
          throw new ConflictError(
            'An application from this e-mail address has already been received for this round',
            'email',
          );
        // Issue 21 item 23: nobody has confirmed this address, so the acknowledgement quotes
        // nothing typed into the form, and one address gets only a few a day, counted here in
        // the database (so across instances), the count taken in turn under a lock on the address.
        if (
          mayAcknowledgeApplication(
            await deps.mail.queuedToday(tx, email!, ACKNOWLEDGEMENT_SUBJECT),
          )
        )
          await deps.mail.queue(tx, {
            to: email!,
            subject: `${ACKNOWLEDGEMENT_SUBJECT} to the ${group.name}`,
            text: [
              'Hello,',
              '',
              `Thank you for applying to the ${group.name}. Applications close on ${formatDate(round.closesOn)}. A panel from the group and the police service will consider every application, and the Director of the Diversity and Citizen Focus Directorate makes each appointment. We will write to you with the outcome.`,
              '',
              'If you did not apply, someone has given this address in an application to an advisory group: you may ignore this e-mail.',
            ].join('\n'),
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
