import { afterAll } from 'vitest';
import type { Db } from './db';
import { submissionSuite } from './submission-suite';
import { tempPglite } from './test-support';

const opened: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const dispose of opened) await dispose();
});

submissionSuite('PGlite (on disk)', async (): Promise<Db> => {
  const { db, dispose } = await tempPglite();
  opened.push(dispose);
  return db;
});
