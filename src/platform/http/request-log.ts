/**
 * One log line a request, written when it is answered: what was asked (method and path, the
 * request serializer in app.ts), the answer's status and how long it took. Fastify's own lines
 * are two (one as a request comes in, one as it is answered); each is a write to the log, and
 * under load the second line was a twentieth of a page's server time (`npm run bench`, issue 22
 * item 8). A request that never answers is still seen: by the error it fails with.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
