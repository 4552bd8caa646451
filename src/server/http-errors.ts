// Every error the API sends has one shape: { error: { code, message } }, never a stack trace.
import type { FastifyReply } from 'fastify';
import type { ApiError, ApiErrorCode } from '../core/protocol';

export function sendError(reply: FastifyReply, status: number, code: ApiErrorCode, message: string, details?: unknown) {
  const body: ApiError = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}
