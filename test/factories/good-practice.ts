/**
 * Good-practice entries a test makes for itself (CDRP-08): real rows, named uniquely, public or
 * not as asked.
 */
import type { SourceKind, Theme } from '../../src/modules/good-practice/rules.js';
import { goodPracticeEntries } from '../../src/modules/good-practice/schema.js';
import type { TestApp } from '../app.js';
import { uniqueTag } from './directory.js';

export async function makeEntry(
  t: TestApp,
  options: {
    title?: string;
    summary?: string;
    theme?: Theme;
    boroughId?: string | null;
    public?: boolean;
    source?: { kind: SourceKind; id?: string; reference?: string };
    contactId?: string;
  } = {},
) {
  const now = t.clock.now();
  const [row] = await t.services.db
    .insert(goodPracticeEntries)
    .values({
      title: options.title ?? `Good practice ${uniqueTag()}`,
      summary: options.summary ?? 'What was done.',
      theme: options.theme ?? 'engagement',
      boroughId: options.boroughId ?? null,
      sourceKind: options.source?.kind ?? null,
      sourceId: options.source?.id ?? null,
      sourceReference: options.source?.reference ?? null,
      contactId: options.contactId ?? null,
      recordedAt: now,
      publishedAt: options.public ? now : null,
    })
    .returning();
  return row!;
}
