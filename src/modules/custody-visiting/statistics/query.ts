/** What the statistics pages and files are asked for in their query. */
import type { FastifyRequest } from 'fastify';

/** A query parameter given, if any. */
export const asked = (request: FastifyRequest, name: string) => {
  const value = (request.query as Record<string, unknown>)[name];
  return typeof value === 'string' && value ? value : undefined;
};

/** What the person asked for: a year when `year` is given, else a quarter. */
export const periodQuery = (request: FastifyRequest) => {
  const year = (request.query as Record<string, unknown>).year;
  return typeof year === 'string' ? { year } : { quarter: asked(request, 'quarter') };
};
