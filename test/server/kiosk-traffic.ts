// A kiosk speaking the sync API to a real server process, for the tests that move, back up and
// restore a database: it enrols, downloads the catalogue and keeps its cursor, and sends what a
// kiosk sends (submissions, a day's usage, a local note, a recording in chunks), so the database
// holds a row in every table and a test can ask the server afterwards what it remembers.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { partText } from '../../src/core/audio';
import type { Guide } from '../../src/core/content-schema';
import type { Change, Submission } from '../../src/core/protocol';
import { AUDIO_CHUNK_BYTES, type RecordingMeta } from '../../src/core/recording';
import { emptyCounts } from '../../src/core/usage';

export const GUIDE_ID = 'acta-nacimiento-copia';

async function call<T>(base: string, method: string, path: string, options: { body?: unknown; raw?: Buffer; token?: string } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.raw ? { 'content-type': 'application/octet-stream' } : options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: options.raw ? new Uint8Array(options.raw) : options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export interface CatalogueSync {
  changes: Change[];
  cursor: string;
  reset: boolean;
}

export class TestKiosk {
  /** Where the kiosk's catalogue stands: the last cursor it was given. */
  cursor: string | undefined;

  private constructor(
    public base: string,
    readonly kioskId: string,
    readonly token: string,
  ) {}

  static async enrol(base: string, code: string, library = 'Biblioteca Municipal de Urcos'): Promise<TestKiosk> {
    const { status, body } = await call<{ kioskId: string; token: string }>(base, 'POST', '/api/v1/kiosks/enroll', { body: { code, library } });
    if (status !== 201) throw new Error(`enrolment refused: ${status} ${JSON.stringify(body)}`);
    return new TestKiosk(base, body.kioskId, body.token);
  }

  /** Follows the change feed from its cursor to the end, as the kiosk's sync does. */
  async syncCatalogue(): Promise<CatalogueSync> {
    const changes: Change[] = [];
    let reset = false;
    for (;;) {
      const since = this.cursor ? `&since=${encodeURIComponent(this.cursor)}` : '';
      const { status, body } = await call<{ changes: Change[]; cursor: string; more: boolean; reset?: true }>(this.base, 'GET', `/api/v1/changes?limit=1000${since}`);
      if (status !== 200) throw new Error(`changes: ${status} ${JSON.stringify(body)}`);
      changes.push(...body.changes);
      reset ||= body.reset === true;
      this.cursor = body.cursor;
      if (!body.more) return { changes, cursor: body.cursor, reset };
    }
  }

  /** A guide comment about GUIDE_ID, against the form version the catalogue publishes. */
  static comment(text: string, catalogue: Change[]): Submission {
    const form = catalogue.find((c) => c.kind === 'form' && c.id === 'comentario-guia')!;
    return { id: uuidv7(), formId: 'comentario-guia', formVersion: form.version, createdAt: new Date().toISOString(), payload: { answers: { util: false, problema: text }, context: { guideId: GUIDE_ID } } };
  }

  /** Each submission's status as the server answers it: accepted, duplicate, … */
  async submit(submissions: Submission[]): Promise<string[]> {
    const { status, body } = await call<{ results: Array<{ status: string }> }>(this.base, 'POST', '/api/v1/submissions', { body: { submissions }, token: this.token });
    if (status !== 200) throw new Error(`submissions: ${status} ${JSON.stringify(body)}`);
    return body.results.map((r) => r.status);
  }

  /** Today's counters (revision 1): 'stored' the first time, 'stale' when already held. */
  async pushUsage(): Promise<string> {
    const day = new Date(Date.now() - 5 * 3600_000).toISOString().slice(0, 10);
    const counts = { ...emptyCounts(), sessions: 4, guidesOpened: { [GUIDE_ID]: 3 } };
    const { status, body } = await call<{ results: Array<{ status: string }> }>(this.base, 'POST', '/api/v1/usage', { body: { days: [{ day, revision: 1, counts }] }, token: this.token });
    if (status !== 200) throw new Error(`usage: ${status} ${JSON.stringify(body)}`);
    return body.results[0]!.status;
  }

  async pushNote(text: string): Promise<string> {
    const expires = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const note = { id: uuidv4(), guideId: GUIDE_ID, text: { es: text }, expires, revision: 1, deleted: false, updatedAt: new Date().toISOString() };
    const { status, body } = await call<{ results: Array<{ status: string }> }>(this.base, 'POST', '/api/v1/notes', { body: { notes: [note] }, token: this.token });
    if (status !== 200) throw new Error(`notes: ${status} ${JSON.stringify(body)}`);
    return body.results[0]!.status;
  }

  /** The library's notes' Spanish texts, as the kiosk reads them. */
  async notes(): Promise<{ status: number; texts: string[] }> {
    const { status, body } = await call<{ notes?: Array<{ text: { es: string } }> }>(this.base, 'GET', '/api/v1/notes', { token: this.token });
    return { status, texts: (body.notes ?? []).map((n) => n.text.es) };
  }

  /** Sends `bytes` as a recording of GUIDE_ID's first step, in chunks; returns its meta. */
  async record(bytes: Buffer, catalogue: Change[]): Promise<RecordingMeta> {
    const guide = catalogue.find((c) => c.kind === 'guide' && c.id === GUIDE_ID) as Extract<Change, { op: 'put' }>;
    const meta = {
      id: uuidv4(), guideId: GUIDE_ID, lang: 'qu', part: 'step-1', sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length,
      durationMs: 12_000, type: 'audio/webm', recordedBy: 'Rosa Quispe, bibliotecaria', recordedAt: new Date().toISOString(), guideVersion: guide.version,
      textHash: createHash('sha256').update(partText(guide.data as Guide, 'step-1', 'qu') ?? '').digest('hex'),
    } as RecordingMeta;
    let state = (await call<{ status: string; received: number }>(this.base, 'POST', '/api/v1/recordings', { body: meta, token: this.token })).body;
    while (state.status === 'incomplete') {
      const chunk = bytes.subarray(state.received, state.received + AUDIO_CHUNK_BYTES);
      state = (await call<{ status: string; received: number }>(this.base, 'PUT', `/api/v1/recordings/${meta.id}/audio?offset=${state.received}`, { raw: chunk, token: this.token })).body;
    }
    if (state.status !== 'pending') throw new Error(`recording ended ${JSON.stringify(state)}`);
    return meta;
  }
}

/** Bytes that are not silence, so a bytea column that lost or mangled any would show it. */
export const someAudio = (size = 300_000): Buffer => randomBytes(size);

/** Every file under `dir` with its SHA-256: what "left untouched" is checked against. */
export function fileHashes(dir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else hashes[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return hashes;
}

/** The operators' view of submissions of a form, through the admin API. */
export async function adminSubmissions(base: string, token: string, formId = 'comentario-guia'): Promise<Array<{ id: string; payload: { answers: Record<string, unknown> } }>> {
  const { body } = await call<{ submissions: Array<{ id: string; payload: { answers: Record<string, unknown> } }> }>(base, 'GET', `/api/v1/admin/submissions?form=${formId}`, { token });
  return body.submissions;
}
