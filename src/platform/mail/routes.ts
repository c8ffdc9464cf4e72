import type { RouteDeps } from '../modules.js';
import { pageRequest } from '../db/search.js';
import { NotFoundError } from '../errors.js';
import { paginationFor } from '../http/pagination.js';
import { isUuid } from '../http/params.js';
import { outboxPaths } from './paths.js';

const view = { config: { access: { action: 'mail.view-outbox' as const } } };

/**
 * With no SMTP server configured (development and demonstration), e-mail is held and read
 * here. Once Bridge delivers mail, the page is gone: messages may carry sign-in links.
 */
export function registerOutboxRoutes({ app, services, renderPage }: RouteDeps): void {
  const { mail } = services;

  app.get(outboxPaths.outbox, view, async (request, reply) => {
    if (mail.delivers) throw new NotFoundError();
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await mail.list({ limit: page.limit, offset: page.offset });
    return renderPage(request, reply, 'platform/views/admin/outbox.njk', {
      title: request.t('admin.outbox.title'),
      width: 'full',
      breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
      result: {
        ...result,
        items: result.items.map((m) => ({ ...m, href: outboxPaths.message(m.id) })),
      },
      pagination: paginationFor(outboxPaths.outbox, {}, page.page, page.limit, result.total),
    });
  });

  app.get(outboxPaths.message.pattern, view, async (request, reply) => {
    const { messageId } = request.params as { messageId: string };
    if (mail.delivers || !isUuid(messageId)) throw new NotFoundError();
    const message = await mail.find(messageId);
    if (!message) throw new NotFoundError();
    return renderPage(request, reply, 'platform/views/admin/outbox-message.njk', {
      title: message.subject,
      breadcrumbs: [
        { text: request.t('nav.home'), href: '/' },
        { text: request.t('nav.outbox'), href: outboxPaths.outbox },
      ],
      message,
    });
  });
}
