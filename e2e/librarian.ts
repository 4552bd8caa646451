// The librarian's side of the kiosk: enrolling the terminal, the PIN in front of the panel, and
// what the panel shows and does (outbox, connection, USB files, content packs). Spanish unless
// a step says otherwise; the panel's Quechua labels are checked where a spec needs them.
import { type Download, expect, type Locator, type Page } from '@playwright/test';
import { E2E_ENROLL_CODE } from './playwright.config';

/** The PIN every spec chooses at enrolment. */
export const LIBRARIAN_PIN = '4821';

/** The panel's own words that a step waits on, per language. */
const WORDS = {
  es: { pin: 'PIN', unlock: 'Entrar', outbox: 'Envíos pendientes' },
  qu: { pin: 'Pakasqa yupay (PIN)', unlock: 'Yaykuy', outbox: 'Apachinanpaq suyachkaqkuna' },
} as const;

type Language = keyof typeof WORDS;

/** A district as the enrolment form names it. */
export interface Place {
  department: string;
  province: string;
  district: string;
}

export class Librarian {
  constructor(readonly page: Page) {}

  pinField = (language: Language = 'es') => this.page.getByLabel(WORDS[language].pin, { exact: true });
  /** The outbox section's heading: on screen only while the panel is open. */
  panelHeading = (language: Language = 'es') => this.page.getByRole('heading', { name: WORDS[language].outbox });
  outbox = () => this.page.getByTestId('outbox');
  /** One submission in the panel's outbox list, found by text it shows (its code, its reason). */
  outboxEntry = (text: string) => this.outbox().locator('li', { hasText: text });
  connection = () => this.page.getByTestId('panel-connection');
  lastPull = () => this.page.getByTestId('last-pull');
  lastPush = () => this.page.getByTestId('last-push');
  syncNowButton = () => this.page.getByRole('button', { name: 'Actualizar ahora' });
  saveOutboxButton = () => this.page.getByRole('button', { name: 'Guardar envíos en un archivo' });

  /** Enrols the kiosk on its enrolment screen (/kiosco) with a code from the network, naming
   * the library and choosing LIBRARIAN_PIN; the screen then says the kiosk is enrolled. */
  async enrol(library: string, code = E2E_ENROLL_CODE, district?: Place) {
    await this.page.goto('/kiosco');
    if (district) await this.chooseDistrict(district);
    await this.fillEnrolment(library, code);
    await expect(this.page.getByText(`Este equipo está registrado para ${library}.`)).toBeVisible();
  }

  /** The same from the panel's door (/biblioteca), which opens the panel once enrolled. */
  async enrolFromPanel(library: string, code = E2E_ENROLL_CODE) {
    await this.page.goto('/biblioteca');
    await this.fillEnrolment(library, code);
    await expect(this.panelHeading()).toBeVisible();
  }

  /** Picks the library's district at enrolment, by the names a librarian reads. */
  async chooseDistrict({ department, province, district }: Place) {
    await this.page.getByLabel('Departamento').selectOption({ label: department });
    await this.page.getByLabel('Provincia').selectOption({ label: province });
    await this.page.getByLabel('Distrito', { exact: true }).selectOption({ label: district });
  }

  /** The panel's page of this kiosk's own usage (the panel must be open). */
  async openUsage() {
    await this.page.getByRole('button', { name: 'Ver el uso de este equipo' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: /uso de este equipo/ })).toBeVisible();
  }

  /** The panel's page of the library's local notes (the panel must be open). */
  async openNotes() {
    await this.page.getByRole('button', { name: 'Ver y escribir notas' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Notas de esta biblioteca' })).toBeVisible();
  }

  /** Writes a new local note on the notes page, as a librarian types it, and saves it. */
  async writeNote(note: { guide: string; es: string; qu?: string; lastDay: string }) {
    await this.page.getByLabel('Guía', { exact: true }).selectOption(note.guide);
    await this.page.getByLabel('Texto en español').fill(note.es);
    if (note.qu) await this.page.getByLabel('Texto en quechua').fill(note.qu);
    await this.page.getByLabel('Último día que se muestra').fill(note.lastDay);
    await this.page.getByRole('button', { name: 'Guardar la nota' }).click();
    await expect(this.noteItem(note.es)).toBeVisible();
  }

  /** One note in the notes page's list, found by its Spanish text. */
  noteItem = (text: string) => this.page.getByTestId('note-item').filter({ hasText: text });

  /** A figure of the usage page's summary table, this month's column. */
  usageFigure = (name: string) => this.page.getByRole('table', { name: 'En resumen' }).getByRole('row', { name: new RegExp(`^${name}`) });

  private async fillEnrolment(library: string, code: string) {
    await this.page.getByLabel('Código de registro').fill(code);
    await this.page.getByLabel('Nombre de la biblioteca').fill(library);
    await this.page.getByLabel('PIN del bibliotecario (4 a 8 números)').fill(LIBRARIAN_PIN);
    await this.page.getByLabel('Repita el PIN').fill(LIBRARIAN_PIN);
    await this.page.getByRole('button', { name: 'Registrar' }).click();
  }

  /** Goes to the panel's door and unlocks it. */
  async openPanel(pin = LIBRARIAN_PIN) {
    await this.page.goto('/biblioteca');
    await this.unlock(pin);
  }

  /** Types the right PIN at the door and waits for the panel. */
  async unlock(pin = LIBRARIAN_PIN, language: Language = 'es') {
    await this.tryPin(pin, language);
    await expect(this.panelHeading(language)).toBeVisible();
  }

  /** Types a PIN and presses Entrar, whatever comes of it. */
  async tryPin(pin: string, language: Language = 'es') {
    await this.pinField(language).fill(pin);
    await this.page.getByRole('button', { name: WORDS[language].unlock }).click();
  }

  /** A PIN the door refuses: waits until it was checked (slow on purpose: PBKDF2) and the field
   * cleared, so the next try is a separate one. */
  async tryRefusedPin(pin: string) {
    await this.tryPin(pin);
    await expect(this.pinField()).toHaveValue('', { timeout: 30_000 });
  }

  /** "Actualizar ahora": a pull and a push, at once. */
  async syncNow() {
    await this.syncNowButton().click();
  }

  /** "Guardar envíos en un archivo": the outbox file for the USB stick, as the browser downloads it. */
  async saveOutboxFile(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.saveOutboxButton().click();
    return download;
  }

  async loadReceiptsFile(path: string) {
    await this.page.getByText('Cargar archivo de recibos').setInputFiles(path);
  }

  async loadContentPack(path: string) {
    await this.page.getByText('Cargar paquete de contenido').setInputFiles(path);
  }

  /** The kiosk's id, as the panel shows it (for the operators to revoke it). */
  async kioskId(): Promise<string> {
    return (await this.page.getByText(/^[0-9a-f]{8}-[0-9a-f-]{27}$/).textContent())!;
  }

  /** Re-enrols a revoked kiosk with a new code, from the panel. */
  async enrolAgain(code: string) {
    await this.page.getByLabel('Código de registro').fill(code);
    await this.page.getByRole('button', { name: 'Registrar de nuevo' }).click();
  }

  /** Retries one entry that needs attention. */
  async retry(entry: Locator) {
    await entry.getByRole('button', { name: 'Reintentar' }).click();
  }
}
