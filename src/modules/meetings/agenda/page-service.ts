/**
 * The meeting page, read far more often than a meeting changes (issue 8's benchmark: 17 queries
 * a view). What it shows whoever reads it (the meeting, its agenda, attendance by name, minutes'
 * state, actions and papers) is kept while the meetings tables and the body's roll are unchanged
 * (ADR 0009); who the person is decides, on every request, whether they may see it and what of
 * it.
 */
import type { Principal } from '../../../platform/auth/principal.js';
import { createVersionedCache } from '../../../platform/cache/versioned-cache.js';
import type { Db } from '../../../platform/db/database.js';
import { NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import { ROLL_KINDS } from '../bodies.js';
import type { MinutesService } from '../minutes/service.js';
import type { PapersService } from '../papers/service.js';
import type { AgendaService } from './service.js';

export type MeetingPageService = ReturnType<typeof createMeetingPageService>;

export function createMeetingPageService(deps: {
  db: Db;
  meetings: AgendaService;
  minutes: MinutesService;
  papers: PapersService;
}) {
  const { db, meetings, minutes, papers } = deps;

  async function build(meetingId: string) {
    const agenda = await meetings.agendaRecord(db, meetingId);
    const [minutesRecord, itemPapers] = await Promise.all([
      minutes.minutesRecord(db, agenda.meeting),
      papers.papersFor(
        db,
        agenda.items.map((i) => i.id),
      ),
    ]);
    return { agenda, minutes: minutesRecord, papers: itemPapers };
  }

  // Kept records are shared between readers: read, never changed.
  const kept = createVersionedCache<Awaited<ReturnType<typeof build>>>(db, {
    kinds: ['meetings', ...ROLL_KINDS],
    max: 500,
  });

  return {
    /** The meeting page for this person: refused if they may not read the meeting. */
    async show(principal: Principal, meetingId: string) {
      if (!isUuid(meetingId)) throw new NotFoundError();
      const record = await kept.get(meetingId, () => build(meetingId));
      const view = await meetings.meetingView(principal, record.agenda);
      return {
        ...view,
        ...minutes.forMeetingPage(record.minutes, view.relation),
        papers: record.papers,
      };
    },
  };
}
