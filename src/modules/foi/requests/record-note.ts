/**
 * Issue 28 part 2: the records a request touches show that it concerns them. On the page of an
 * advisory group, a meeting or a request for advice, the coordination unit (`foi.view`) reads
 * the Freedom of Information requests naming it, newest first, with their dates and status;
 * on a request for advice with documents disclosed to advisors, the IAG-35 flag as well. Given
 * through the platform's record notes, so those modules import nothing of this one.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { can } from '../../../platform/auth/permissions.js';
import type { Db } from '../../../platform/db/database.js';
import { isUuid } from '../../../platform/http/params.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import type { BridgeModule } from '../../../platform/modules.js';
import { foiPaths } from '../paths.js';
import type { LinkedRecordType } from '../rules.js';
import { foiLinkedRecords, foiRequests } from '../schema.js';
import type { LinkedRecordSources } from './linked-records.js';
import { askedInShort, foiReference, requestStatus } from './presenter.js';

/** The newest requests a record's page lists; the register has them all. */
export const NOTE_ROWS = 20;

/** The records' types as the platform names them (the audit trail's), to the kinds linked here. */
const LINKED_TYPE: Readonly<Record<string, LinkedRecordType>> = {
  group: 'advisory-group',
  meeting: 'meeting',
  'advice-request': 'advice-request',
};

export function createRecordNote(deps: {
  db: Db;
  advice: LinkedRecordSources['advice'];
}): NonNullable<BridgeModule['recordNote']> {
  const { db, advice } = deps;
  return async (principal, record, t) => {
    const type = LINKED_TYPE[record.type];
    if (!type || !can(principal, 'foi.view') || !isUuid(record.id)) return null;
    // One query, on the link table's index by record, with how many there are in all.
    const rows = await db
      .select({
        id: foiRequests.id,
        number: foiRequests.number,
        asked: foiRequests.asked,
        receivedOn: foiRequests.receivedOn,
        dueOn: foiRequests.dueOn,
        clockStopped: foiRequests.clockStopped,
        answeredOn: foiRequests.answeredOn,
        onTime: foiRequests.onTime,
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(foiLinkedRecords)
      .innerJoin(foiRequests, eq(foiRequests.id, foiLinkedRecords.requestId))
      .where(and(eq(foiLinkedRecords.recordType, type), eq(foiLinkedRecords.recordId, record.id)))
      .orderBy(desc(foiRequests.receivedAt), desc(foiRequests.number))
      .limit(NOTE_ROWS);
    if (!rows.length) return null;
    const total = rows[0]!.total;
    // IAG-35: what was disclosed to advisors under the protocol is among what is asked for.
    const disclosed =
      type === 'advice-request'
        ? ((await advice.foiLinks.byIds(db, [record.id]))[0]?.disclosed ?? 0)
        : 0;
    return {
      order: 10,
      id: 'foi-requests',
      heading: t(`foi:concerning.heading.${type}`),
      warnings: disclosed ? [t('foi:concerning.disclosed', { count: disclosed })] : [],
      caption: t(`foi:concerning.heading.${type}`),
      head: [
        t('foi:register.reference'),
        t('foi:register.asked'),
        t('foi:register.received'),
        t('foi:register.due'),
        t('foi:register.status'),
      ],
      rows: rows.map((r) => [
        { text: foiReference(r.number), href: foiPaths.request(r.id) },
        { text: askedInShort(r.asked) },
        { text: formatDate(t, r.receivedOn) },
        { text: r.dueOn ? formatDate(t, r.dueOn) : t('foi:due.notKnown') },
        { text: requestStatus(t, r) },
      ]),
      footnote:
        total > rows.length
          ? t('foi:concerning.more', { shown: rows.length, count: total })
          : undefined,
    };
  };
}
