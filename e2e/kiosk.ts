// A thin page model of the kiosk: locators and the few actions specs repeat.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { E2E_CONTENT_DIR } from './playwright.config';

/** How many categories the server publishes: one per file in the catalogue it was given. */
export function publishedCategoryCount(): number {
  return readdirSync(join(E2E_CONTENT_DIR, 'categories')).filter((f) => f.endsWith('.yaml')).length;
}

export class Kiosk {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1 });
  categoryLinks = () => this.page.locator('.category-card');
  guideLinks = () => this.page.locator('.guide-link');
  searchInput = () => this.page.locator('#search-input');
  connection = () => this.page.getByTestId('connection');

  /** First online visit: wait for the catalogue to be pulled and the service worker to take
   * control, so everything needed offline is stored. */
  async firstVisit() {
    await this.page.goto('/');
    await expect(this.categoryLinks().first()).toBeVisible();
    await this.page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.ready;
      return registration.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
    });
  }

  async switchTo(language: 'Español' | 'Runasimi') {
    await this.page.getByRole('button', { name: language, exact: true }).click();
    await expect(this.page.getByRole('button', { name: language, exact: true })).toHaveAttribute('aria-pressed', 'true');
  }

  /** Presses Tab until `target` has focus, as a keyboard user would; fails after `max` presses. */
  async tabTo(target: Locator, max = 25) {
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press('Tab');
    }
    await expect(target).toBeFocused();
  }

  async search(text: string) {
    await this.searchInput().fill(text);
  }
}

/** Publishes the content folder on the running server, as `npm run content:import` would. */
export async function publishContent(baseURL: string, token: string) {
  const response = await fetch(`${baseURL}/api/v1/admin/content/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`import failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Enrols this browser's kiosk with the demo code, through the kiosk's own screen. */
export const LIBRARIAN_PIN = '4821';

export async function enrollKiosk(page: Page, code: string, library = 'Biblioteca Municipal de Urcos', path = '/kiosco') {
  await page.goto(path);
  await page.getByLabel('Código de registro').fill(code);
  await page.getByLabel('Nombre de la biblioteca').fill(library);
  await page.getByLabel('PIN del bibliotecario (4 a 8 números)').fill(LIBRARIAN_PIN);
  await page.getByLabel('Repita el PIN').fill(LIBRARIAN_PIN);
  await page.getByRole('button', { name: 'Registrar' }).click();
  // From /kiosco the kiosk says it is enrolled; from /biblioteca the panel opens.
  await expect(page.getByText(`Este equipo está registrado para ${library}.`).or(page.getByRole('heading', { name: 'Envíos pendientes' }))).toBeVisible();
}

export interface StoredSubmission {
  id: string;
  formId: string;
  library: string;
  payload: { answers: Record<string, unknown>; context?: { guideId?: string } };
}

/** What the server holds, through the operators' admin API. */
export async function serverSubmissions(baseURL: string, token: string, formId: string): Promise<StoredSubmission[]> {
  const response = await fetch(`${baseURL}/api/v1/admin/submissions?form=${formId}`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { submissions: StoredSubmission[] }).submissions;
}

/** Every value stored in the kiosk's patron database, as one string to search. */
export async function patronDatabaseDump(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('chaski-patron');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names);
          const out: Record<string, unknown> = {};
          for (const name of names) {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => (out[name] = request.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(JSON.stringify(out) + JSON.stringify({ ...sessionStorage }));
          };
        };
      }),
  );
}


/** Everything the app keeps in this browser, as one string to search: every IndexedDB database,
 * both Web Storages, and every response in Cache Storage. */
export async function everythingStored(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const names = [...db.objectStoreNames];
      if (names.length > 0) {
        const tx = db.transaction(names);
        for (const name of names) {
          const rows = await new Promise<unknown[]>((resolve) => {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => resolve(request.result);
          });
          parts.push(JSON.stringify(rows));
        }
      }
      db.close();
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) parts.push(request.url, await (await cache.match(request))!.text());
    }
    return parts.join('\n');
  });
}

/** Fills the Pensión 65 pre-application (in Spanish) with `name` and valid answers. */
export async function fillPension65(page: Page, name: string) {
  await page.goto('/formulario/preinscripcion-pension-65');
  await page.getByLabel(/^Número de DNI/).fill('10117410');
  await page.getByLabel(/^Nombres/).fill(name);
  await page.getByLabel(/^Apellidos/).fill('Quispe Mamani');
  await fillDate(page, /^Fecha de nacimiento/, { day: 14, month: 3, year: 1952 });
  await page.getByLabel('Departamento').selectOption({ label: 'Cusco' });
  await page.getByLabel('Provincia').selectOption({ label: 'Quispicanchi' });
  await page.getByLabel('Distrito').selectOption({ label: 'Urcos' });
  await page.getByLabel(/^Dirección de su casa/).fill('Jr. Grau 123');
  await page.getByRole('group', { name: /Recibe alguna pensión/ }).getByLabel('No').check();
}

/** Types a date the way the form asks for it: day, month by name, year. */
export async function fillDate(page: Page, label: RegExp, date: { day: number; month: number; year: number }) {
  const group = page.getByRole('group', { name: label });
  await group.getByLabel(/^(Día|Punchaw)$/).fill(String(date.day));
  await group.getByLabel(/^(Mes|Killa)$/).selectOption(String(date.month).padStart(2, '0'));
  await group.getByLabel(/^(Año|Wata)$/).fill(String(date.year));
}

/** The text of a PDF, page by page (unpdf, PDF.js underneath). */
export async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(document, { mergePages: true });
  return { pages: totalPages, text: text.replace(/\s+/g, ' ') };
}
