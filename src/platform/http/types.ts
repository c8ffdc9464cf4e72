// The plugins' own augmentations of Fastify's request and reply types.
import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type {} from '@fastify/view';
import type { Principal } from '../auth/principal.js';
import type { Action } from '../auth/permissions.js';
import type { SessionContext } from '../auth/service.js';
import type { CspNonces } from './security-headers.js';

/**
 * Who may reach a route. Every route declares one; the permissions test reads them all.
 * - 'public': anyone, signed in or not.
 * - 'signed-out': the sign-in pages (usable part-way through signing in too).
 * - 'signed-in': any person with a complete session.
 * - an Action: a person the permission module allows.
 * - 'api': an API token (checked by the API's own handler).
 */
export type Access = 'public' | 'signed-out' | 'signed-in' | 'api' | { action: Action };

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionContext | null;
    principal: Principal;
  }
  interface FastifyReply {
    /** This answer's nonces, in its content security policy (security-headers.ts). */
    cspNonce: CspNonces | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** The route takes a file: the only kind that reads a multipart body (http/files.ts). */
    upload?: boolean;
    /**
     * A public page kept while Bridge's data is unchanged and answered with an ETag, for those
     * not signed in (http/public-cache.ts). Only for pages whose words depend on nothing but the
     * data, the day, the language and the query parameters named in `query` (a request with
     * any other is answered afresh and not kept).
     */
    publicCache?: true | { query: readonly string[] };
  }
  interface FastifyInstance {
    /** Where uploads are written as they arrive (the file store's incoming directory). */
    uploads: { incomingDir: string };
  }
}
