// The kiosk as a patron uses it: the screens' landmarks, and the steps specs repeat (open a
// guide, fill a form, send it, read the receipt, print). Spanish unless a step says otherwise.
// The librarian's side is in librarian.ts, the browser's storage in kiosk-storage.ts, the
// server's in server.ts.
import { expect, type Locator, type Page } from '@playwright/test';

/** What the receipt screen tells the patron, and where it lives. */
export interface Receipt {
  /** The code the patron keeps (XXXX-XXXX). */
  code: string;
  /** The submission's id, as the server will store it. */
  id: string;
  /** The receipt screen's path, to come back to it. */
  path: string;
}

/** A patron's answers, in the order the form asks: typed, or for a list, the option's label. */
export type Answers = Array<[question: string | RegExp, answer: string]>;

export class Kiosk {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1 });
  categoryLinks = () => this.page.locator('.category-card');
  guideLinks = () => this.page.locator('.guide-link');
  searchInput = () => this.page.locator('#search-input');
  connection = () => this.page.getByTestId('connection');
  /** The countdown, or "Salir"'s question: the only alert dialogs patrons meet. */
  sessionDialog = () => this.page.getByRole('alertdialog');
  receiptStatus = () => this.page.getByTestId('receipt-status');
  receiptCode = () => this.page.getByTestId('receipt-code');

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

  /** Home by the logo, the way a patron who does not press "Salir" leaves. */
  async goHomeByLogo() {
    await this.page.getByRole('link', { name: /Chaski/ }).first().click();
  }

  /** The top bar's "Salir" (in Spanish). */
  async pressSalir() {
    await this.page.getByRole('button', { name: 'Salir', exact: true }).click();
  }

  /** Opens a guide by its address, as a bookmark or a deep link would, and waits for its title. */
  async openGuide(id: string) {
    await this.page.goto(`/guia/${id}`);
    await expect(this.heading()).toBeVisible();
  }

  /** Opens a form by its address; `guide` is the guide it was opened from (feedback forms). */
  async openForm(id: string, guide?: string) {
    await this.page.goto(`/formulario/${id}${guide ? `?guia=${guide}` : ''}`);
    await expect(this.heading()).toBeVisible();
  }

  /** Answers questions by their labels: text is typed, a list's option is picked by its label. */
  async fillForm(answers: Answers) {
    for (const [question, answer] of answers) {
      const field = this.page.getByLabel(question);
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption({ label: answer });
      else await field.fill(answer);
    }
  }

  /** Ticks one option of a yes/no or multiple-choice question (a group named by the question). */
  async choose(question: RegExp, option: string) {
    await this.page.getByRole('group', { name: question }).getByLabel(option).check();
  }

  /** Types a date the way the form asks for it: day, month by name, year (either language). */
  async fillDate(question: RegExp, date: { day: number; month: number; year: number }) {
    const group = this.page.getByRole('group', { name: question });
    await group.getByLabel(/^(Día|Punchaw)$/).fill(String(date.day));
    await group.getByLabel(/^(Mes|Killa)$/).selectOption(String(date.month).padStart(2, '0'));
    await group.getByLabel(/^(Año|Wata)$/).fill(String(date.year));
  }

  /** Presses the form's send button ("Apachiy" in Quechua). */
  async send(label: 'Enviar' | 'Apachiy' = 'Enviar') {
    await this.page.getByRole('button', { name: label }).click();
  }

  /** Waits for the receipt screen's code and reads it. */
  async receipt(): Promise<Receipt> {
    const code = (await this.receiptCode().textContent())!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const path = new URL(this.page.url()).pathname;
    return { code, id: decodeURIComponent(path.split('/').pop()!), path };
  }

  /** The feedback form under a guide ("¿Qué le pareció esta guía?"), answered but not sent. */
  async fillFeedback({ guide, useful, comment }: { guide: string; useful: boolean; comment: string }) {
    await this.openForm('comentario-guia', guide);
    await this.choose(/^¿Le sirvió esta guía\?/, useful ? 'Sí' : 'No');
    await this.fillForm([[/^¿Hay algo equivocado o que falta/, comment]]);
  }

  /** The feedback form, answered and sent; returns its receipt. */
  async sendFeedback(feedback: { guide: string; useful: boolean; comment: string }): Promise<Receipt> {
    await this.fillFeedback(feedback);
    await this.send();
    return this.receipt();
  }

  /** Opens and fills the Pensión 65 pre-application (in Spanish) with `name` and valid answers,
   * all but the optional mobile number; not sent. */
  async fillPension65(name: string) {
    await this.openForm('preinscripcion-pension-65');
    await this.fillForm([
      [/^Número de DNI/, '10117410'],
      [/^Nombres/, name],
      [/^Apellidos/, 'Quispe Mamani'],
    ]);
    await this.fillDate(/^Fecha de nacimiento/, { day: 14, month: 3, year: 1952 });
    await this.fillForm([
      ['Departamento', 'Cusco'],
      ['Provincia', 'Quispicanchi'],
      ['Distrito', 'Urcos'],
      [/^Dirección de su casa/, 'Jr. Grau 123'],
    ]);
    await this.choose(/Recibe alguna pensión/, 'No');
  }

  /** The screen as the printer gets it (A4), as text. */
  async printout(): Promise<{ pages: number; text: string }> {
    return pdfText(await this.page.pdf({ format: 'A4' }));
  }
}

/** The text of a PDF, page by page (unpdf, PDF.js underneath). */
async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(document, { mergePages: true });
  return { pages: totalPages, text: text.replace(/\s+/g, ' ') };
}
