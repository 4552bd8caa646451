// A server on PGlite killed with SIGKILL while a kiosk pushes: nothing it acknowledged is lost,
// and what it did not is stored exactly once when sent again (test/server/sigkill-suite.ts).
import { rmSync } from 'node:fs';
import { it } from 'vitest';
import { QUIET_ENV, writeSmallContent } from '../../test/server/kiosk-client';
import { killMidPush } from '../../test/server/sigkill-suite';
import { tempDir } from '../../test/server/support';
import { startServer } from '../../test/start-server';

it('loses no acknowledged submission when PGlite\'s server is killed mid-push', async () => {
  const dataDir = tempDir();
  const contentDir = writeSmallContent(tempDir());
  try {
    const { acknowledged, unanswered, committedUnanswered, ms } = await killMidPush(() => startServer({ dataDir, contentDir, env: QUIET_ENV }));
    console.log(`PGlite SIGKILL: ${acknowledged} batches acknowledged before the kill, ${unanswered} sent again (${committedUnanswered} submissions of them already stored), ${ms} ms`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(contentDir, { recursive: true, force: true });
  }
}, 90_000);
