/**
 * What the request services share (IAG-08): what they are built from, how late a request is
 * for triage, and the question CTSET may be waiting on the requester to answer.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import type { MailService } from '../../../platform/mail/service.js';
import type { GroupsApi } from '../../groups/index.js';
import type { AdviceLookups } from '../access.js';
import {
  countedPastHolidayData,
  triageDueAt,
  triageOverdue,
  type TriageTargets,
} from '../rules.js';
import { adviceRequestQuestions, adviceRequests } from '../schema.js';
import type { AdviceServiceDeps } from '../shared.js';

export type { Input } from '../shared.js';
export type AdviceRequest = typeof adviceRequests.$inferSelect;

export interface RequestServiceDeps extends AdviceServiceDeps {
  groups: GroupsApi;
  lookups: AdviceLookups;
  mail: MailService;
  publicUrl: string;
  targets: TriageTargets;
}

/** The timeliness every part of the advice service reads requests with. */
export function createRequestParts(deps: RequestServiceDeps) {
  const { targets, now } = deps;

  function withTimeliness<T extends Pick<AdviceRequest, 'status' | 'urgency' | 'submittedAt'>>(
    request: T,
  ) {
    const due = triageDueAt(request, targets);
    return {
      ...request,
      triageDueAt: due,
      triageDueCountedPastData: countedPastHolidayData(request.urgency, due),
      overdue: triageOverdue(request, targets, now()),
    };
  }

  return { ...deps, withTimeliness };
}

export type RequestParts = ReturnType<typeof createRequestParts>;

/** IAG-08: the question CTSET is waiting on the requester to answer, if there is one. */
export async function openQuestion(executor: Executor, requestId: string, lock = false) {
  const query = executor
    .select()
    .from(adviceRequestQuestions)
    .where(
      and(
        eq(adviceRequestQuestions.requestId, requestId),
        isNull(adviceRequestQuestions.answeredAt),
      ),
    );
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Triage ends any question still waiting: it is closed, unanswered. */
export async function closeOpenQuestion(executor: Executor, requestId: string, at: Date) {
  await executor
    .update(adviceRequestQuestions)
    .set({ answeredAt: at })
    .where(
      and(
        eq(adviceRequestQuestions.requestId, requestId),
        isNull(adviceRequestQuestions.answeredAt),
      ),
    );
}
