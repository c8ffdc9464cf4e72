/**
 * The bank holidays in use: what the settings give (the shipped data, with BANK_HOLIDAYS_FILE
 * over it), with the newest file an administrator uploaded over that. Uploading puts the new
 * data in use at once on this instance; every instance reads the newest upload when it starts.
 */
import { desc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/service.js';
import { requireUser } from '../auth/permissions.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { users } from '../auth/schema.js';
import {
  bankHolidayDataWarning,
  currentBankHolidays,
  BankHolidayFileError,
  mergeBankHolidayData,
  parseGovUkBankHolidays,
  todayInLondon,
  useBankHolidays,
  type BankHolidayData,
} from '../calendar/index.js';
import type { Db } from '../db/database.js';
import { lineWithNul, nulFieldErrors } from '../http/text-input.js';
import type { Translate } from '../i18n/messages.js';
import { refusal, say, type Said } from '../i18n/said.js';
import { bankHolidayUploads } from './schema.js';

export type BankHolidayService = ReturnType<typeof createBankHolidayService>;

export function createBankHolidayService(deps: {
  db: Db;
  /** The data the settings give, which an upload extends. */
  base: BankHolidayData;
  now?: () => Date;
}) {
  const { db, base } = deps;
  const now = () => (deps.now ? deps.now() : new Date());

  /** The settings' data with an uploaded file over it; throws, saying why, if they do not fit. */
  const withUpload = (file: unknown) => mergeBankHolidayData(base, parseGovUkBankHolidays(file));

  const warning = (): Said | null =>
    bankHolidayDataWarning(currentBankHolidays(), todayInLondon(now()));

  return {
    /**
     * Puts in use the newest upload, if any (at start-up, and every few minutes so an upload on
     * another instance reaches this one). An upload that no longer fits the settings' data (a
     * BANK_HOLIDAYS_FILE changed since) leaves that data in use: the reason is returned, to log.
     */
    async load(): Promise<string | null> {
      const [newest] = await db
        .select({ data: bankHolidayUploads.data })
        .from(bankHolidayUploads)
        .orderBy(desc(bankHolidayUploads.uploadedAt))
        .limit(1);
      let data = base;
      let problem: string | null = null;
      try {
        if (newest) data = withUpload(newest.data);
      } catch (error) {
        problem = `the uploaded bank holidays no longer fit: ${(error as Error).message}`;
      }
      // Unchanged data keeps the calendars already built from it.
      if (JSON.stringify(data) !== JSON.stringify(currentBankHolidays())) useBankHolidays(data);
      return problem;
    },

    /** The warning for administrators, from a year before the data in use runs out; or null. */
    warning,

    /** What the administrator's page shows: the years covered, any warning, the last upload. */
    async status(principal: Principal) {
      requireUser(principal, 'users.manage');
      const data = currentBankHolidays();
      const [last] = await db
        .select({
          uploadedAt: bankHolidayUploads.uploadedAt,
          by: users.displayName,
          firstYear: bankHolidayUploads.firstYear,
          lastYear: bankHolidayUploads.lastYear,
        })
        .from(bankHolidayUploads)
        .leftJoin(users, eq(users.id, bankHolidayUploads.uploadedBy))
        .orderBy(desc(bankHolidayUploads.uploadedAt))
        .limit(1);
      return {
        firstYear: data.firstYear,
        lastYear: data.lastYear,
        warning: warning(),
        lastUpload: last ?? null,
      };
    },

    /**
     * An administrator uploads GOV.UK's bank-holidays.json: checked, kept with an audit event,
     * and put in use. A file that is not GOV.UK's, or would leave a year without data, is
     * refused, in the words of the caller's `t`, and nothing changes.
     */
    async upload(principal: Principal, bytes: Buffer, t: Translate, requestId?: string) {
      const user = requireUser(principal, 'users.manage');
      const refused = (reason: string) =>
        refusal(t, 'file', 'admin.bankHolidays.errors.notGovUk', { reason });
      let file: unknown;
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      try {
        file = JSON.parse(text);
      } catch {
        throw refused(t('admin.bankHolidays.errors.notJson'));
      }
      // A null character (raw, or written \u0000) cannot be kept in jsonb: refused, not a 500.
      if (lineWithNul(text) !== null || nulFieldErrors(file).length > 0)
        throw refused(t('admin.bankHolidays.errors.nulCharacter'));
      let merged: BankHolidayData;
      try {
        merged = withUpload(file);
      } catch (error) {
        if (!(error instanceof BankHolidayFileError)) throw error;
        throw refused(say(t, error.reason));
      }
      const uploaded = parseGovUkBankHolidays(file);
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(bankHolidayUploads)
          .values({
            data: file,
            firstYear: uploaded.firstYear,
            lastYear: uploaded.lastYear,
            uploadedBy: user.userId,
            uploadedAt: now(),
          })
          .returning({ id: bankHolidayUploads.id });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'bank-holidays.uploaded',
          recordType: 'bank-holidays',
          recordId: row!.id,
          before: {
            firstYear: currentBankHolidays().firstYear,
            lastYear: currentBankHolidays().lastYear,
          },
          after: { firstYear: merged.firstYear, lastYear: merged.lastYear },
        });
      });
      useBankHolidays(merged);
      return merged;
    },
  };
}
