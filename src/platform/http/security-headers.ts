/**
 * The security headers of every answer: helmet's, with Bridge's content security policy, which
 * lets a page's script run by its nonce (a new one for every answer) and nothing else inline.
 *
 * helmet's middleware is made once, the nonces put in by its policy's functions as each answer's
 * header is written. The Fastify plugin (`@fastify/helmet`) made the whole middleware again on
 * every request to put its nonces in: about 3% of the public groups page’s server time
 * (`npm run bench`, issue 22 item 8). The headers are the same, the test in
 * http-hardening.int.test.ts names each.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export interface CspNonces {
  script: string;
  style: string;
}

const noncesOf = new WeakMap<ServerResponse, CspNonces>();
const nonce = (kind: keyof CspNonces) => (_request: unknown, response: ServerResponse) =>
  `'nonce-${noncesOf.get(response)![kind]}'`;

export function installSecurityHeaders(app: FastifyInstance): void {
  const setHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", nonce('script')],
        'style-src': ["'self'", nonce('style')],
        'img-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': null,
      },
    },
  });
  app.decorateReply('cspNonce', null);
  app.addHook('onRequest', (request, reply, done) => {
    const bytes = randomBytes(32).toString('hex');
    const nonces = { script: bytes.slice(0, 32), style: bytes.slice(32) };
    reply.cspNonce = nonces;
    noncesOf.set(reply.raw, nonces);
    setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
