// Which failures the server answers 503 database_unavailable (with Retry-After) rather than 500:
// the database out of reach, restarting or shutting down, and a pool that cannot get a connection
// in time. The last is tried for real: a "database" that accepts the connection and never
// answers must fail the request within the pool's timeout, not leave the kiosk hanging.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from './db';
import { isDatabaseUnavailable, isTransactionConflict } from './db-errors';

describe('a database that is away', () => {
  it.each([
    ['PostgreSQL shut down by its administrator (restart, -m fast)', { code: '57P01', message: 'terminating connection due to administrator command' }],
    ['PostgreSQL crashed', { code: '57P02', message: 'terminating connection due to crash of another server process' }],
    ['PostgreSQL starting up', { code: '57P03', message: 'the database system is starting up' }],
    ['a connection exception (class 08)', { code: '08006', message: 'connection failure' }],
    ['nothing listening', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }],
    ['the connection reset', { code: 'ECONNRESET', message: 'read ECONNRESET' }],
    ['the socket closed under a query', { message: 'Connection terminated unexpectedly' }],
    ['every address of the host refusing', Object.assign(new AggregateError([{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }]), {})],
  ])('%s is unavailable', (_, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['a unique violation', { code: '23505', message: 'duplicate key value violates unique constraint' }],
    ['a syntax error (a bug)', { code: '42601', message: 'syntax error at or near "SELEC"' }],
    ['a plain error', new Error('something else')],
    ['not an error at all', 'ECONNREFUSED'],
  ])('%s is not', (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});

describe('a transaction PostgreSQL ended for another', () => {
  it.each([
    ['a deadlock', { code: '40P01', message: 'deadlock detected' }, true],
    ['a serialization failure', { code: '40001', message: 'could not serialize access due to concurrent update' }, true],
    ['a unique violation', { code: '23505', message: 'duplicate key value violates unique constraint' }, false],
    ['the database away', { code: '57P01', message: 'terminating connection due to administrator command' }, false],
    ['nothing', null, false],
  ])('%s: %s', (_, error, conflict) => expect(isTransactionConflict(error)).toBe(conflict));
});

describe('a database that accepts connections and never answers', () => {
  let blackHole: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    blackHole = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackHole.close(resolve));
  });

  it('fails within the connection timeout, as unavailable', async () => {
    const started = Date.now();
    const error = await openPostgres(`postgres://chaski@127.0.0.1:${(blackHole.address() as AddressInfo).port}/chaski`, { connectTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});
