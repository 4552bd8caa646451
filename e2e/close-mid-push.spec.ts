// Closing the browser in the middle of a push loses nothing and duplicates nothing: whether the
// server never saw the request, or committed it and the answer was lost with the browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, launchProfile, test } from './fixtures';
import { FaultProxy, type HoldPoint } from './fault-proxy';
import { Kiosk } from './kiosk';
import { Librarian } from './librarian';
import { E2E_PORT } from './playwright.config';

for (const hold of ['before-server', 'after-commit'] as HoldPoint[]) {
  test(`closing the browser while a push is in flight (${hold}) loses nothing and duplicates nothing`, async ({ server, cspViolations }) => {
    // Two persistent Chromium profiles are started one after the other: ~40 s on a quiet
    // 2-core machine, more when it is shared.
    test.setTimeout(150_000);
    const proxy = new FaultProxy(E2E_PORT);
    const origin = `http://localhost:${await proxy.start()}`;
    const profile = mkdtempSync(join(tmpdir(), 'chaski-profile-'));
    try {
      let { context, page } = await launchProfile(profile, origin, cspViolations);
      const kiosk = new Kiosk(page);
      await kiosk.firstVisit();
      await new Librarian(page).enrol('Biblioteca de Ocongate');

      proxy.hold = hold;
      const frozen = proxy.nextHold();
      const comment = `Cerrado a medio envío (${hold}) ${Date.now()}`;
      const receipt = await kiosk.sendFeedback({ guide: 'juntos', useful: true, comment });
      await expect(kiosk.receiptStatus()).toHaveText('En espera de envío');
      await frozen;
      await context.close();

      expect(await server.commentsSaying(comment)).toHaveLength(hold === 'after-commit' ? 1 : 0);

      proxy.hold = null;
      ({ context, page } = await launchProfile(profile, origin, cspViolations));
      await page.goto(receipt.path);
      await expect(new Kiosk(page).receiptStatus()).toHaveText('Enviado');
      const stored = await server.commentsSaying(comment);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.payload).toEqual({ answers: { util: true, problema: comment }, context: { guideId: 'juntos' } });
      await context.close();
    } finally {
      await proxy.stop();
      rmSync(profile, { recursive: true, force: true });
    }
  });
}
