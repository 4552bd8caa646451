// Closing the browser in the middle of a push loses nothing and duplicates nothing: whether the
// server never saw the request, or committed it and the answer was lost with the browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, expect, type Page, test, watchCsp } from './fixtures';
import { FaultProxy, type HoldPoint } from './fault-proxy';
import { enrollKiosk, Kiosk, serverSubmissions } from './kiosk';
import config, { E2E_ADMIN_TOKEN, E2E_ENROLL_CODE, E2E_PORT } from './playwright.config';

async function launch(profile: string, origin: string, violations: Parameters<typeof watchCsp>[1]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, { ...config.use?.launchOptions, baseURL: origin, headless: true });
  await watchCsp(context, violations);
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

for (const hold of ['before-server', 'after-commit'] as HoldPoint[]) {
  test(`closing the browser while a push is in flight (${hold}) loses nothing and duplicates nothing`, async ({ baseURL, cspViolations }) => {
    // Two persistent Chromium profiles are started one after the other: ~40 s on a quiet
    // 2-core machine, more when it is shared.
    test.setTimeout(150_000);
    const proxy = new FaultProxy(E2E_PORT);
    const origin = `http://localhost:${await proxy.start()}`;
    const profile = mkdtempSync(join(tmpdir(), 'chaski-profile-'));
    try {
      let { context, page } = await launch(profile, origin, cspViolations);
      await new Kiosk(page).firstVisit();
      await enrollKiosk(page, E2E_ENROLL_CODE, 'Biblioteca de Ocongate');

      proxy.hold = hold;
      const frozen = proxy.nextHold();
      const comment = `Cerrado a medio envío (${hold}) ${Date.now()}`;
      await page.goto('/formulario/comentario-guia?guia=juntos');
      await page.getByRole('group', { name: /Le sirvió esta guía/ }).getByLabel('Sí').check();
      await page.getByLabel(/Hay algo equivocado/).fill(comment);
      await page.getByRole('button', { name: 'Enviar' }).click();
      await expect(page.getByTestId('receipt-status')).toHaveText('En espera de envío');
      const receiptUrl = new URL(page.url()).pathname;
      await frozen;
      await context.close();

      const held = (await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'comentario-guia')).filter((s) => s.payload.answers.problema === comment);
      expect(held).toHaveLength(hold === 'after-commit' ? 1 : 0);

      proxy.hold = null;
      ({ context, page } = await launch(profile, origin, cspViolations));
      await page.goto(receiptUrl);
      await expect(page.getByTestId('receipt-status')).toHaveText('Enviado');
      const stored = (await serverSubmissions(baseURL!, E2E_ADMIN_TOKEN, 'comentario-guia')).filter((s) => s.payload.answers.problema === comment);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.payload).toEqual({ answers: { util: true, problema: comment }, context: { guideId: 'juntos' } });
      await context.close();
    } finally {
      await proxy.stop();
      rmSync(profile, { recursive: true, force: true });
    }
  });
}
