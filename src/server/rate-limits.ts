// Throttles for the routes someone could hammer from the library's network: enrolment (codes can
// be guessed) and the admin API. Each has a limit per client address and one for everybody
// together, so a guesser spread over many addresses is slowed too. Over either: 429 with
// Retry-After. Behind a reverse proxy set TRUST_PROXY so the address is the client's.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './http-errors';

export interface RouteLimit {
  /** Requests per window from one client address. */
  perAddress: number;
  /** Requests per window from all addresses together. */
  overall: number;
  windowMs: number;
}

export interface RateLimits {
  enroll: RouteLimit;
  admin: RouteLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  enroll: { perAddress: 10, overall: 60, windowMs: 60_000 },
  admin: { perAddress: 120, overall: 600, windowMs: 60_000 },
};

export type LimitHook = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export async function registerRateLimits(app: FastifyInstance): Promise<(limit: RouteLimit) => LimitHook> {
  await app.register(rateLimit, { global: false });
  return (limit) => {
    const checks = [
      app.createRateLimit({ max: limit.perAddress, timeWindow: limit.windowMs }),
      app.createRateLimit({ max: limit.overall, timeWindow: limit.windowMs, keyGenerator: () => 'everybody' }),
    ];
    return async (request, reply) => {
      for (const check of checks) {
        const state = await check(request);
        if (!state.isAllowed && state.isExceeded) {
          reply.header('Retry-After', String(Math.max(1, state.ttlInSeconds)));
          return sendError(reply, 429, 'rate_limited', `too many requests: try again in ${Math.max(1, state.ttlInSeconds)} s`);
        }
      }
      return undefined;
    };
  };
}
