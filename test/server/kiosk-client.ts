// A kiosk as the server sees it, over HTTP only: enrolled with a code the admin API made, reading
// the change feed, sealing submissions with the key the feed publishes and pushing them in
// batches. For tests that run real server processes (nodes.pg.test.ts, the SIGKILL tests).
import { v7 as uuidv7 } from 'uuid';
import type { Change, ChangesPage, Submission, SubmissionsResponse } from '../../src/core/protocol';
import type { ServerKey } from '../../src/core/records';
import { type PublicKeyJwk, sealContext, seal } from '../../src/core/seal';
import { sampleCategory, sampleForm, sampleGuide } from '../records';
import { raw } from './http-client';
import { writeContent } from './support';

export const ADMIN_TOKEN = 'admin-token-shared-by-every-node';
/** Quiet servers that serve the API alone. */
export const QUIET_ENV = { LOG_LEVEL: 'error', STATIC_DIR: '/nonexistent', ADMIN_TOKEN, DEMO_ENROLL: 'off' };

/** The form every test submits to: one required text field. */
export const PEDIDO = sampleForm([{ id: 'nombre', type: 'text', required: true, maxLength: 40, label: { es: 'Nombre', qu: 'Suti' } }]);

/** A small valid catalogue: one category, two guides, the form. */
export function writeSmallContent(dir: string): string {
  return writeContent(dir, { categories: [sampleCategory('salud')], guides: [sampleGuide('sis', 'salud'), sampleGuide('essalud', 'salud')], forms: [PEDIDO] });
}

export const admin = (url: string, path: string, body?: unknown) =>
  fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** An enrolment code from the admin API, as an operator makes one. */
export async function newCode(url: string, options: { adminToken?: string; label?: string; maxUses?: number; from?: string } = {}): Promise<string> {
  const { adminToken = ADMIN_TOKEN, label = 'Biblioteca de Urcos', maxUses, from } = options;
  const made = await raw(`${url}/api/v1/admin/enrollment-codes`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` }, body: { label, ...(maxUses === undefined ? {} : { maxUses }) }, from });
  if (made.status !== 201) throw new Error(`no enrolment code: ${made.status} ${made.text()}`);
  return made.json<{ code: string }>().code;
}

/** The kiosk's enrolment with `code`, as the librarian types it on the kiosk. */
export async function enrolWithCode(url: string, code: string, options: { library?: string; from?: string } = {}): Promise<{ kioskId: string; token: string }> {
  const { library = 'Biblioteca de Urcos', from } = options;
  const enrolled = await raw(`${url}/api/v1/kiosks/enroll`, { method: 'POST', body: { code, library }, from });
  if (enrolled.status !== 201) throw new Error(`enrolment refused: ${enrolled.status} ${enrolled.text()}`);
  return enrolled.json<{ kioskId: string; token: string }>();
}

/** A kiosk enrolled through `url` with a fresh code made by the admin API. `from`: the client's
 * address (behind the reverse proxy, each kiosk its own). */
export async function enrol(url: string, options: { adminToken?: string; library?: string; from?: string } = {}): Promise<{ kioskId: string; token: string }> {
  return enrolWithCode(url, await newCode(url, { adminToken: options.adminToken, label: options.library, from: options.from }), options);
}

/** Every change after `since` (all pages), and the cursor to ask from next. */
export async function feed(url: string, since = ''): Promise<{ changes: Change[]; cursor: string }> {
  const changes: Change[] = [];
  let cursor = since;
  for (;;) {
    const page = (await (await fetch(`${url}/api/v1/changes?since=${encodeURIComponent(cursor)}`)).json()) as ChangesPage;
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.more) return { changes, cursor };
  }
}

/** The public key kiosks seal submissions with, as the feed publishes it. */
export async function sealingKey(url: string): Promise<PublicKeyJwk> {
  const change = (await feed(url)).changes.find((c) => c.kind === 'key' && c.id === 'submissions' && c.op === 'put');
  if (!change || change.op !== 'put') throw new Error('the feed carries no submissions key');
  return (change.data as Extract<ServerKey, { id: 'submissions' }>).publicKey;
}

/** A submission sealed for the server, as a kiosk queues it. */
export async function sealedSubmission(key: PublicKeyJwk, nombre: string, formId = PEDIDO.id, formVersion = 1) {
  const meta: Omit<Submission, 'payload'> = { id: uuidv7(), formId, formVersion, createdAt: new Date().toISOString() };
  return { ...meta, sealed: await seal(key, { answers: { nombre } }, sealContext(meta)) };
}

/** POST /api/v1/submissions as a kiosk sends it; the answer as it came. */
export function sendSubmissions(url: string, token: string, submissions: unknown[], headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/v1/submissions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ submissions }),
  });
}

/** The same, read: the status and the results (none when the answer is not 2xx or never came). */
export async function push(url: string, token: string, submissions: unknown[]): Promise<{ status: number; results: SubmissionsResponse['results'] }> {
  const response = await sendSubmissions(url, token, submissions);
  const body = (await response.json().catch(() => ({}))) as Partial<SubmissionsResponse>;
  return { status: response.status, results: response.ok ? (body.results ?? []) : [] };
}

/** The ids of every stored submission, as the admin export lists them (one per stored row). */
export async function storedIds(url: string): Promise<string[]> {
  const response = await admin(url, '/api/v1/admin/submissions?format=json');
  if (!response.ok) throw new Error(`export failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { submissions: Array<{ id: string }> }).submissions.map((s) => s.id);
}
