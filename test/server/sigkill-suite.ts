// The fault every database must survive: the server process killed with SIGKILL (power cut, OOM
// killer) while kiosks are pushing. Run on PGlite (sigkill.test.ts) and PostgreSQL
// (sigkill.pg.test.ts). What must hold is what a kiosk relies on: a batch the server answered
// with 2xx is stored, so the kiosk may drop it; whatever went unanswered is sent again after the
// restart and is then stored exactly once.
import { expect } from 'vitest';
import type { RunningServer } from '../start-server';
import { enrol, push, sealedSubmission, sealingKey, storedIds } from './kiosk-client';

const BATCHES = 24;
const BATCH_SIZE = 25;
const LANES = 4;
/** Acknowledged batches before the kill: enough that the kill lands among pushes in flight. */
const KILL_AFTER = 6;
const KILL_DELAY_MS = 10;

/** `start` starts a server on the same data every time it is called. */
export async function killMidPush(start: () => Promise<RunningServer>): Promise<{ acknowledged: number; unanswered: number; committedUnanswered: number; ms: number }> {
  const began = Date.now();
  const first = await start();
  const { token } = await enrol(first.url);
  const key = await sealingKey(first.url);
  const batches = await Promise.all(
    Array.from({ length: BATCHES }, (_, b) => Promise.all(Array.from({ length: BATCH_SIZE }, (_, i) => sealedSubmission(key, `Persona ${b}-${i}`)))),
  );

  const acked = new Set<number>();
  let killed = false;
  let next = 0;
  const lane = async () => {
    while (next < batches.length) {
      const b = next++;
      try {
        const { status, results } = await push(first.url, token, batches[b]!);
        // A 2xx is the kiosk's signal to drop the batch: each item must say it is held.
        if (status >= 200 && status < 300) {
          expect(results.map((r) => r.status).filter((s) => s !== 'accepted' && s !== 'duplicate')).toEqual([]);
          acked.add(b);
        }
      } catch {
        // no answer: the kiosk keeps the batch
      }
      if (!killed && acked.size >= KILL_AFTER) {
        killed = true;
        // A moment later, so the kill lands while other batches are inside the server: some
        // committed but not yet answered, some half-way through their transaction.
        setTimeout(() => first.child.kill('SIGKILL'), KILL_DELAY_MS);
      }
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  expect(killed).toBe(true);
  expect(await first.exited).toBeNull(); // killed by the signal, not exited on its own

  const second = await start();
  try {
    const stored = new Set(await storedIds(second.url));
    const lost = [...acked].flatMap((b) => batches[b]!.filter((s) => !stored.has(s.id)).map((s) => s.id));
    expect(lost).toEqual([]);

    // The kiosk sends again everything that got no 2xx (some of it may have been committed
    // before the kill: those must come back as duplicates, not be stored twice).
    const unanswered = batches.filter((_, b) => !acked.has(b));
    const committedUnanswered = unanswered.flat().filter((s) => stored.has(s.id)).length;
    for (const batch of unanswered) {
      const { status, results } = await push(second.url, token, batch);
      expect(status).toBe(200);
      expect(results.map((r) => r.status).filter((s) => s !== 'accepted' && s !== 'duplicate')).toEqual([]);
    }
    const ids = await storedIds(second.url);
    expect(ids).toHaveLength(BATCHES * BATCH_SIZE);
    expect(new Set(ids).size).toBe(BATCHES * BATCH_SIZE);
    expect(new Set(ids)).toEqual(new Set(batches.flat().map((s) => s.id)));
    return { acknowledged: acked.size, unanswered: unanswered.length, committedUnanswered, ms: Date.now() - began };
  } finally {
    await second.stop();
  }
}
