// The server's side of a test: what the network's operators see and do through the admin API
// (submissions received, content published, kiosks revoked, USB files imported), and the
// catalogue the server was given. Specs get a `ServerAdmin` as the `server` fixture.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReceiptsFile } from '../src/core/usb-files';
import { E2E_ADMIN_TOKEN, E2E_CONTENT_DIR } from './playwright.config';

export interface StoredSubmission {
  id: string;
  formId: string;
  library: string;
  payload: { answers: Record<string, unknown>; context?: { guideId?: string } };
}

/** What the server answers to a content import. */
export interface ImportSummary {
  summary: { added: string[]; updated: string[]; removed: string[] };
}

export class ServerAdmin {
  constructor(
    readonly baseURL: string,
    private readonly token = E2E_ADMIN_TOKEN,
  ) {}

  private async call(path: string, init: { method?: string; body?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseURL}${path}`, { ...init, headers });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return response;
  }

  /** Every submission of one form the server holds. */
  async submissions(formId: string): Promise<StoredSubmission[]> {
    return ((await (await this.call(`/api/v1/admin/submissions?form=${formId}`)).json()) as { submissions: StoredSubmission[] }).submissions;
  }

  /** The guide comments ('comentario-guia') whose text is exactly `comment`: a test's own, since
   * each test writes a comment no other sends. */
  async commentsSaying(comment: string): Promise<StoredSubmission[]> {
    return (await this.submissions('comentario-guia')).filter((s) => s.payload.answers.problema === comment);
  }

  /** Remembers what the server holds of `formId` now; the function returned gives only what
   * arrived after, so a test counts its own submissions whatever earlier tests sent. */
  async arrivalsOf(formId: string): Promise<() => Promise<StoredSubmission[]>> {
    const before = new Set((await this.submissions(formId)).map((s) => s.id));
    return async () => (await this.submissions(formId)).filter((s) => !before.has(s.id));
  }

  /** Publishes the content folder, as `npm run content:import` would. */
  async publishContent(): Promise<ImportSummary> {
    return (await (await this.call('/api/v1/admin/content/import', { method: 'POST' })).json()) as ImportSummary;
  }

  /** The signed content pack the operators put on a USB stick, as its file's text. */
  async contentPack(): Promise<string> {
    return (await this.call('/api/v1/admin/pack')).text();
  }

  async revokeKiosk(kioskId: string): Promise<void> {
    await this.call(`/api/v1/admin/kiosks/${kioskId}/revoke`, { method: 'POST', body: '{}' });
  }

  /** A new enrolment code, as the operators hand one to a library. */
  async newEnrolmentCode(label: string): Promise<string> {
    return ((await (await this.call('/api/v1/admin/enrollment-codes', { method: 'POST', body: JSON.stringify({ label }) })).json()) as { code: string }).code;
  }

  /** Imports an outbox file brought on a USB stick; returns the signed receipts file. */
  async importOutboxFile(text: string): Promise<ReceiptsFile> {
    return (await (await this.call('/api/v1/admin/outbox/import', { method: 'POST', body: text })).json()) as ReceiptsFile;
  }

  /** Edits a guide's YAML in the server's content folder; `restore()` (for a `finally`) puts the
   * file back as it was and publishes it again. */
  guideFile(id: string): GuideFile {
    return new GuideFile(this, join(E2E_CONTENT_DIR, 'guides', `${id}.yaml`));
  }
}

export class GuideFile {
  private readonly original: string;

  constructor(
    private readonly server: ServerAdmin,
    private readonly path: string,
  ) {
    this.original = readFileSync(path, 'utf8');
  }

  /** Writes new titles into the file (none published yet). */
  retitle(titles: { es?: string; qu?: string }): void {
    let text = this.original;
    if (titles.es !== undefined) text = text.replace(/^( {2}es: )".*"$/m, `$1"${titles.es}"`);
    if (titles.qu !== undefined) text = text.replace(/^( {2}qu: )".*"$/m, `$1"${titles.qu}"`);
    if (text === this.original) throw new Error(`no title changed in ${this.path}`);
    writeFileSync(this.path, text);
  }

  /** The file as it was, published. */
  async restore(): Promise<void> {
    writeFileSync(this.path, this.original);
    await this.server.publishContent();
  }
}

/** How many categories the server publishes: one per file in the catalogue it was given. */
export function publishedCategoryCount(): number {
  return readdirSync(join(E2E_CONTENT_DIR, 'categories')).filter((f) => f.endsWith('.yaml')).length;
}

/** The ids of every guide the server publishes. */
export function publishedGuideIds(): string[] {
  return readdirSync(join(E2E_CONTENT_DIR, 'guides'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''));
}
