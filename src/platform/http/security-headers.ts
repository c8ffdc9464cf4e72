/**
 * The security headers of every answer: helmet's, with Bridge's content security policy, which
 * lets Bridge's own script files run, and inline only the one line the GOV.UK template writes
 * (marking the page as having JavaScript), by its hash. No page holds a value made for one answer,
 * so a public page can be kept and sent again (http/public-cache.ts). The policy's nonces (a new
 * one for every answer) are kept for any answer that writes its own.
 *
 * helmet's middleware is made once, the nonces put in by its policy's functions as each answer's
 * header is written. The Fastify plugin (`@fastify/helmet`) made the whole middleware again on
 * every request to put its nonces in: about 3% of the public groups page’s server time
 * (`npm run bench`, issue 22 item 8). The headers are the same, the test in
 * http-hardening.int.test.ts names each.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
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

/**
 * The CSP hash of the inline script in the GOV.UK template (`template.njk`), read from the
 * installed govuk-frontend, so that an upgrade that changes the line changes the hash with it.
 */
export function govukTemplateScriptHash(templateFile: string): string {
  const template = fs.readFileSync(templateFile, 'utf8');
  const script = /<script\b[^>]*>([^<]+)<\/script>/.exec(template)?.[1];
  if (!script) throw new Error(`${templateFile}: no inline script found to allow by its hash`);
  return `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
}

export function installSecurityHeaders(app: FastifyInstance, govukTemplateFile: string): void {
  const templateScript = govukTemplateScriptHash(govukTemplateFile);
  const setHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", templateScript, nonce('script')],
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
