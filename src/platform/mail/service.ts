import { and, asc, count, desc, eq, like, lte, or, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db, Executor } from '../db/database.js';
import { outbox } from './schema.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends one message; nodemailer over SMTP in service, a fake in tests. */
export type MailTransport = (message: MailMessage & { from: string }) => Promise<void>;

export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return async (message) => {
    await transporter.sendMail(message);
  };
}

export type OutboxMessage = typeof outbox.$inferSelect;

const MAX_ATTEMPTS = 8;

export interface MailService {
  /** True when messages are delivered by SMTP; false when they are held for the outbox page. */
  readonly delivers: boolean;
  /** Queues a message in the caller's transaction: it is sent only if the change commits. */
  queue(tx: Executor, message: MailMessage): Promise<void>;
  /** Queues many messages at once (one statement), in the caller's transaction. */
  queueMany(tx: Executor, messages: readonly MailMessage[]): Promise<void>;
  /**
   * How many messages whose subject begins so were queued to this address in the last day, in
   * the caller's transaction and under a lock on the address until it ends, so that two
   * transactions count in turn: for a limit on mail to addresses nobody has confirmed.
   */
  queuedToday(tx: Executor, address: string, subjectPrefix: string): Promise<number>;
  /** Sends what is due. Safe on many instances at once: rows are claimed with SKIP LOCKED. */
  deliverDue(now?: Date, batch?: number): Promise<number>;
  list(page: { limit: number; offset: number }): Promise<{ items: OutboxMessage[]; total: number }>;
  find(id: string): Promise<OutboxMessage | undefined>;
}

export function createMailService(
  db: Db,
  from: string,
  transport: MailTransport | null,
): MailService {
  async function queueMany(tx: Executor, messages: readonly MailMessage[]) {
    if (messages.length === 0) return;
    await tx.insert(outbox).values(
      messages.map((message) => ({
        toAddress: message.to,
        subject: message.subject,
        bodyText: message.text,
        status: transport ? ('pending' as const) : ('held' as const),
      })),
    );
  }

  return {
    delivers: transport !== null,
    queue: (tx, message) => queueMany(tx, [message]),
    queueMany,
    async queuedToday(tx, address, subjectPrefix) {
      const to = address.toLowerCase();
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`bridge-mail-to:${to}`}))`);
      const [sent] = await tx
        .select({ n: count() })
        .from(outbox)
        .where(
          and(
            eq(sql`lower(${outbox.toAddress})`, to),
            like(outbox.subject, `${subjectPrefix}%`),
            sql`${outbox.createdAt} > now() - interval '1 day'`,
          ),
        );
      return Number(sent?.n ?? 0);
    },
    async deliverDue(now = new Date(), batch = 20) {
      if (!transport) return 0;
      let sent = 0;
      await db.transaction(async (tx) => {
        const due = await tx
          .select()
          .from(outbox)
          // A message never tried is due at once: its next_attempt_at is the database's clock at
          // queueing, which need not agree with the caller's `now`. Retries wait for their back-off.
          .where(
            and(
              eq(outbox.status, 'pending'),
              or(eq(outbox.attempts, 0), lte(outbox.nextAttemptAt, now)),
            ),
          )
          .orderBy(asc(outbox.nextAttemptAt))
          .limit(batch)
          .for('update', { skipLocked: true });
        for (const message of due) {
          try {
            await transport({
              from,
              to: message.toAddress,
              subject: message.subject,
              text: message.bodyText,
            });
            await tx
              .update(outbox)
              .set({ status: 'sent', sentAt: now, attempts: message.attempts + 1, lastError: null })
              .where(eq(outbox.id, message.id));
            sent += 1;
          } catch (error) {
            const attempts = message.attempts + 1;
            // Back off: 1, 2, 4 ... minutes, then give up and leave it for an administrator.
            await tx
              .update(outbox)
              .set({
                attempts,
                status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
                nextAttemptAt: new Date(now.getTime() + 60_000 * 2 ** (attempts - 1)),
                lastError: error instanceof Error ? error.message.slice(0, 500) : 'unknown error',
              })
              .where(eq(outbox.id, message.id));
          }
        }
      });
      return sent;
    },
    async list(page) {
      const [items, [total]] = await Promise.all([
        db
          .select()
          .from(outbox)
          .orderBy(desc(outbox.createdAt))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(outbox),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },
    async find(id) {
      const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
      return row;
    },
  };
}
