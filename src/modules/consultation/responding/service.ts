/**
 * The public answers a consultation (issue 25; DP-01, DP-03): a response is begun (from the
 * consultation's page, or an invited consultee's or panel member's own link) and carried in its
 * address by a random token, of which only the hash is kept; each page's answers are kept as it
 * is sent; "about you" is optional and kept apart (DP-01); the response is sent from its check
 * page, which clears the token. Flooding is met without a puzzle: a hidden field only robots
 * fill (their response is not kept), a limit of responses begun per address an hour, and a
 * keyed hash of the address kept with each response (never the address) for staff to see bursts.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { and, count, eq, gt, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { hashToken, newToken } from '../../../platform/auth/credentials.js';
import type { Actor } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isEmailAddress, text } from '../../../platform/http/form-fields.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, say } from '../../../platform/i18n/said.js';
import type { MailService } from '../../../platform/mail/service.js';
import type { DirectoryApi } from '../../directory/index.js';
import { AGE_BANDS, ETHNIC_GROUPS, SEXES } from '../monitoring.js';
import { consultationPaths } from '../paths.js';
import {
  closedOn,
  mayBeginResponse,
  nextQuestion,
  readAnswer,
  unansweredRefusal,
  unansweredRequired,
  visibleQuestions,
} from '../response-rules.js';
import { consultationPhase } from '../rules.js';
import { answers, invitations, responseMonitoring, responses } from '../schema.js';
import { respondingPaths as paths } from './paths.js';
import {
  answerRows,
  chosenOptions,
  newestVersionId,
  questionsOf,
  responseByTokenHash,
  type Consultation,
  type ResponseState,
} from './read.js';
import { findConsultation } from './public-service.js';

export type RespondingService = ReturnType<typeof createRespondingService>;
type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value : undefined);

const PUBLIC_ACTOR: Actor = { userId: null, label: 'member of the public' };
/** The honeypot: a field hidden from people and assistive technology that only robots fill. */
export const HONEYPOT = 'website';
/** Links to finish later sent to one address in a day, at most. */
const LINKS_PER_ADDRESS_PER_DAY = 5;
const PREFER_NOT = 'prefer-not';

/** What beginning a response came to. */
export type Begun =
  | { kind: 'begun'; to: string }
  /** A robot filled the hidden field: it is shown the confirmation and nothing is kept. */
  | { kind: 'ignored'; to: string }
  | { kind: 'too-many' }
  /** An invitation whose response was sent: invited people respond once. */
  | { kind: 'already'; consultation: Consultation };

export function createRespondingService(deps: {
  db: Db;
  now: () => Date;
  t: Translate;
  mail: MailService;
  directory: DirectoryApi;
  publicUrl: string;
  secret: string;
  responsesPerAddressPerHour: number;
  /** DP-03: the days after closing that a response keeps its personal data (told to the respondent). */
  retentionDays: number;
}) {
  const { db, now, t, mail } = deps;
  const today = () => todayInLondon(now());
  // A keyed hash: the same address gives the same hash, which cannot be turned back into it.
  const addressKey = Buffer.from(
    hkdfSync('sha256', deps.secret, 'bridge', 'consultation-address-v1', 32),
  );
  const addressHash = (ip: string) => createHmac('sha256', addressKey).update(ip).digest('hex');
  const isOpen = (c: Consultation) => consultationPhase(c, today()) === 'open';
  const closedRefusal = (c: Consultation) =>
    new ConflictError(
      say(t, {
        key: 'consultation:responding.errors.closed',
        values: { date: { date: closedOn(c) } },
      }),
    );

  async function state(executor: Executor, token: string, lock = false): Promise<ResponseState> {
    const found = await responseByTokenHash(executor, hashToken(token), { lock });
    if (!found || found.response.submittedAt)
      throw new NotFoundError(t('consultation:responding.errors.unknownLink'));
    return found;
  }

  /** Where a response goes on from: its first question not answered, else its check page. */
  const whereNext = (token: string, s: Pick<ResponseState, 'visible' | 'answers'>) => {
    const first = s.visible.find((q) => !s.answers.has(q.id));
    return first ? paths.question(token, String(first.position)) : paths.check(token);
  };

  /** Begins a response in the caller's transaction, if the address has not begun too many. */
  async function beginIn(
    tx: Executor,
    consultation: Consultation,
    ip: string,
    token: string,
    invitationId: string | null,
    requestId?: string,
  ): Promise<Begun> {
    if (!isOpen(consultation)) throw closedRefusal(consultation);
    const hash = addressHash(ip);
    // Two requests from one address count in turn.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`consultation-address:${consultation.id}:${hash}`}))`,
    );
    const [begun] = await tx
      .select({ n: count() })
      .from(responses)
      .where(
        and(
          eq(responses.consultationId, consultation.id),
          eq(responses.addressHash, hash),
          gt(responses.startedAt, new Date(now().getTime() - 60 * 60_000)),
        ),
      );
    if (!mayBeginResponse(Number(begun?.n ?? 0), deps.responsesPerAddressPerHour))
      return { kind: 'too-many' };
    const versionId = await newestVersionId(tx, consultation.id);
    if (!versionId) throw new ConflictError(t('consultation:responding.errors.noQuestions'));
    const [response] = await tx
      .insert(responses)
      .values({
        consultationId: consultation.id,
        versionId,
        invitationId,
        resumeTokenHash: hashToken(token),
        addressHash: hash,
        startedAt: now(),
      })
      .returning({ id: responses.id });
    await recordAudit(
      tx,
      { ...PUBLIC_ACTOR, requestId },
      {
        action: 'consultation-response.begun',
        recordType: 'consultation-response',
        recordId: response!.id,
        after: { consultationId: consultation.id, invited: invitationId !== null },
      },
    );
    const visible = visibleQuestions(await questionsOf(tx, versionId), new Set());
    return { kind: 'begun', to: whereNext(token, { visible, answers: new Map() }) };
  }

  async function invitationOf(executor: Executor, token: string, lock = false) {
    const query = executor
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(token)));
    const [invitation] = lock ? await query.for('update') : await query;
    const consultation =
      invitation && (await findConsultation(executor, invitation.consultationId));
    if (!invitation || !consultation?.launchedAt)
      throw new NotFoundError(t('consultation:responding.errors.unknownInvitation'));
    const [response] = await executor
      .select({ id: responses.id })
      .from(responses)
      .where(eq(responses.invitationId, invitation.id));
    return { invitation, consultation, response };
  }

  return {
    addressHash,

    /**
     * A member of the public begins a response to a consultation open to anyone: a robot that
     * filled the hidden field is sent to the confirmation with nothing kept; an address that
     * began too many this hour is refused.
     */
    async begin(consultationId: string, ip: string, input: Input, requestId?: string) {
      if (text(input[HONEYPOT]))
        return { kind: 'ignored', to: paths.responded(consultationId) } satisfies Begun;
      return db.transaction(async (tx) => {
        const consultation = await findConsultation(tx, consultationId);
        if (!consultation?.launchedAt) throw new NotFoundError();
        if (consultation.audience !== 'public')
          throw new ConflictError(t('consultation:responding.errors.invitedOnly'));
        return beginIn(tx, consultation, ip, newToken(), null, requestId);
      });
    },

    /**
     * CON-03, CON-06: an invitation's link: its consultation, and whether its invitee has not
     * begun, is part way through (its response's pages take the same token), or has responded.
     */
    async invitation(token: string) {
      const { invitation, consultation, response } = await invitationOf(db, token);
      // Responded is kept on the invitation: DP-03's sweep unlinks the response from it.
      const status = invitation.responded ? 'responded' : response ? 'begun' : 'new';
      return {
        consultation,
        status,
        phase: consultationPhase(consultation, today()),
        closedOn: closedOn(consultation),
        continueHref: status === 'begun' ? consultationPaths.resume(token) : null,
      } as const;
    },

    /** An invitee begins their one response, whatever the consultation's audience. */
    async beginInvited(token: string, ip: string, input: Input, requestId?: string) {
      return db.transaction(async (tx): Promise<Begun> => {
        const { invitation, consultation, response } = await invitationOf(tx, token, true);
        if (text(input[HONEYPOT])) return { kind: 'ignored', to: paths.responded(consultation.id) };
        if (invitation.responded) return { kind: 'already', consultation };
        if (response) return { kind: 'begun', to: consultationPaths.resume(token) };
        return beginIn(tx, consultation, ip, token, invitation.id, requestId);
      });
    },

    /** A response in progress by its link, whole, for its pages. */
    async response(token: string) {
      const s = await state(db, token);
      return { ...s, open: isOpen(s.consultation), closedOn: closedOn(s.consultation) };
    },

    /** Where the link to finish later takes the respondent. */
    async resumeAt(token: string) {
      return whereNext(token, await state(db, token));
    },

    /**
     * One question's answer kept as its page is sent (no audit event: the answers are the
     * respondent's own draft until sent, and an event per page would trace their answering) (a required one refused unanswered, naming
     * it, unless saved to finish later); the answers of questions it no longer asks are removed.
     * Goes on to the next question asked, "about you", the check page or the link to finish.
     */
    async answer(token: string, position: number, input: Input) {
      return db.transaction(async (tx) => {
        const s = await state(tx, token, true);
        if (!isOpen(s.consultation)) throw closedRefusal(s.consultation);
        const question = s.visible.find((q) => q.position === position);
        if (!question) throw new NotFoundError();
        const saving = one(input.action) === 'save';
        const { answer, refusal } = readAnswer(question, input.answer, { saving });
        if (refusal) throw new ValidationError(fieldErrors(t, [refusal]));
        const id = s.response.id;
        const given = new Map(s.answers);
        given.delete(question.id);
        if (answer) given.set(question.id, answer);
        const visible = visibleQuestions(s.questions, chosenOptions(given));
        const asked = new Set(visible.map((q) => q.id));
        const dropped = [...given.keys()].filter((q) => !asked.has(q));
        await tx
          .delete(answers)
          .where(
            and(eq(answers.responseId, id), inArray(answers.questionId, [question.id, ...dropped])),
          );
        if (answer) await tx.insert(answers).values(answerRows(id, question.id, answer));
        if (saving) return paths.save(token);
        if (one(input.change) === 'check') {
          // A change that asks a question not asked before goes to it, then back to the check.
          const before = new Set(s.visible.map((q) => q.id));
          const opened = visible.find((q) => q.position > position && !before.has(q.id));
          return opened
            ? `${paths.question(token, String(opened.position))}?change=check`
            : paths.check(token);
        }
        const next = nextQuestion(visible, position);
        return next ? paths.question(token, String(next.position)) : paths.aboutYou(token);
      });
    },

    /** The boroughs a respondent may say they live or work in. */
    boroughs: () => deps.directory.directory.scopeCatalogue.options('borough'),

    /**
     * DP-01: the respondent's optional borough and monitoring answers, each with "Prefer not to
     * say": the monitoring kept apart from the answers, and none kept when none is given.
     */
    async aboutYou(token: string, input: Input) {
      const boroughs = await deps.directory.directory.scopeCatalogue.options('borough');
      return db.transaction(async (tx) => {
        const s = await state(tx, token, true);
        if (!isOpen(s.consultation)) throw closedRefusal(s.consultation);
        const pick = <T extends string>(name: string, allowed: readonly T[]): T | null => {
          const value = one(input[name]);
          return value && value !== PREFER_NOT && (allowed as readonly string[]).includes(value)
            ? (value as T)
            : null;
        };
        const boroughId = pick(
          'borough',
          boroughs.map((b) => b.id),
        );
        const monitoring = {
          ageBand: pick('ageBand', AGE_BANDS),
          sex: pick('sex', SEXES),
          ethnicGroup: pick('ethnicGroup', ETHNIC_GROUPS),
        };
        const id = s.response.id;
        await tx.update(responses).set({ boroughId }).where(eq(responses.id, id));
        if (Object.values(monitoring).some((v) => v !== null))
          await tx
            .insert(responseMonitoring)
            .values({ responseId: id, ...monitoring })
            .onConflictDoUpdate({ target: responseMonitoring.responseId, set: monitoring });
        else await tx.delete(responseMonitoring).where(eq(responseMonitoring.responseId, id));
        return one(input.action) === 'save' ? paths.save(token) : paths.check(token);
      });
    },

    /**
     * Sends the response: every required question asked must be answered (each missing one
     * named); the answers of questions not asked are removed; the link stops working, and the
     * address it was e-mailed to is removed (DP-03: it served only the link). A robot's
     * (the hidden field filled) is removed, and it is shown the same confirmation.
     */
    async submit(token: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const s = await state(tx, token, true);
        const id = s.response.id;
        const done = paths.responded(s.consultation.id);
        if (text(input[HONEYPOT])) {
          await tx.delete(responses).where(eq(responses.id, id));
          return done;
        }
        if (!isOpen(s.consultation)) throw closedRefusal(s.consultation);
        const missing = unansweredRequired(s.visible, new Set(s.answers.keys()));
        if (missing.length)
          throw new ValidationError(
            fieldErrors(
              t,
              missing.map((q) => unansweredRefusal(q, `question-${q.position}`)),
            ),
          );
        const asked = s.visible.map((q) => q.id);
        if (asked.length < s.questions.length)
          await tx
            .delete(answers)
            .where(and(eq(answers.responseId, id), notInArray(answers.questionId, asked)));
        await tx
          .update(responses)
          .set({ submittedAt: now(), resumeTokenHash: null, contactEmail: null })
          .where(and(eq(responses.id, id), isNull(responses.submittedAt)));
        await recordAudit(
          tx,
          { ...PUBLIC_ACTOR, requestId },
          {
            action: 'consultation-response.submitted',
            recordType: 'consultation-response',
            recordId: id,
            after: { consultationId: s.consultation.id, answered: s.answers.size },
          },
        );
        return done;
      });
    },

    /**
     * DP-03: the link to finish later sent to the address the respondent types, which is kept
     * with the response until it is sent (or anonymised) and never used for anything else.
     */
    async sendLink(token: string, input: Input, requestId?: string) {
      const email = text(one(input.email))?.toLowerCase() ?? null;
      if (!email || !isEmailAddress(email))
        throw new ValidationError([
          { field: 'email', message: t('consultation:responding.errors.email') },
        ]);
      return db.transaction(async (tx) => {
        const s = await state(tx, token, true);
        const subject = t('consultation:responding.mail.subject');
        if ((await mail.queuedToday(tx, email, subject)) >= LINKS_PER_ADDRESS_PER_DAY)
          throw new ValidationError([
            { field: 'email', message: t('consultation:responding.errors.tooManyLinks') },
          ]);
        await tx
          .update(responses)
          .set({ contactEmail: email })
          .where(eq(responses.id, s.response.id));
        await mail.queue(tx, {
          to: email,
          subject,
          text: say(t, {
            key: 'consultation:responding.mail.body',
            values: {
              title: s.consultation.title,
              link: `${deps.publicUrl}${consultationPaths.resume(token)}`,
              date: { date: s.consultation.closesOn },
              days: deps.retentionDays,
            },
          }),
        });
        await recordAudit(
          tx,
          { ...PUBLIC_ACTOR, requestId },
          {
            action: 'consultation-response.link-sent',
            recordType: 'consultation-response',
            recordId: s.response.id,
            after: { consultationId: s.consultation.id },
          },
        );
        return email;
      });
    },
  };
}
