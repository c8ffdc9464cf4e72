/** The outbox's addresses, each defined once (see http/route.ts). */
import { route } from '../http/route.js';

export const outboxPaths = {
  outbox: '/admin/outbox',
  message: route('/admin/outbox/:messageId'),
};
