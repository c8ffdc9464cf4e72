/** What the expenses journeys' services are built from, and the letters they write. */
import type { Db, Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { MailService } from '../../platform/mail/service.js';
import type { DirectoryApi } from '../directory/index.js';
import type { GroupsApi } from '../groups/index.js';

export interface ExpensesServiceDeps {
  db: Db;
  directory: DirectoryApi;
  groups: GroupsApi;
  mail: MailService;
  publicUrl: string;
  now?: () => Date;
  /** The default language's messages: refusals, e-mails and the words recorded on a claim. */
  t: Translate;
}

/**
 * Queues a letter about a claim: "Dear ...", what there is to say, and the address of the page
 * it concerns. In the caller's transaction, so it is sent only if the change is kept.
 */
export function queueLetter(
  deps: Pick<ExpensesServiceDeps, 'mail' | 'publicUrl' | 't'>,
  tx: Executor,
  letter: { to: string; name: string; subject: string; lines: readonly string[]; path: string },
) {
  return deps.mail.queue(tx, {
    to: letter.to,
    subject: letter.subject,
    text: [
      deps.t('expenses:mail.dear', { name: letter.name }),
      '',
      ...letter.lines,
      `${deps.publicUrl}${letter.path}`,
    ].join('\n'),
  });
}
