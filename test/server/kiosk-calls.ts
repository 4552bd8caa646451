// What a kiosk and an operator do over HTTP against a running server, for the operations tests:
// enrol with a code the admin API made, push submissions, poll the feed, scrape /metrics.
import { v7 as uuidv7 } from 'uuid';
import { sampleCategory, sampleFeedbackForm, sampleGuide } from '../records';
import { tempDir, writeContent } from './support';

/** A content folder with one feedback form, `opinion`, whose `problema` field takes free text. */
export function opinionContent(): string {
  return writeContent(tempDir('chaski-content-'), { categories: [sampleCategory('salud')], guides: [sampleGuide('sis', 'salud')], forms: [sampleFeedbackForm('opinion')] });
}

export function opinion(problema: string, id = uuidv7()) {
  return { id, formId: 'opinion', formVersion: 1, createdAt: new Date().toISOString(), payload: { answers: { util: false, problema } } };
}

export async function newCode(url: string, adminToken: string, maxUses = 1): Promise<string> {
  const response = await fetch(`${url}/api/v1/admin/enrollment-codes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'Biblioteca de Urcos', maxUses }),
  });
  if (response.status !== 201) throw new Error(`code: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { code: string }).code;
}

export async function enrol(url: string, code: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/kiosks/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, library: 'Biblioteca de Urcos' }) });
  if (response.status !== 201) throw new Error(`enrol: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export function push(url: string, token: string, submissions: unknown[], headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/v1/submissions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ submissions }),
  });
}

/** The samples of a Prometheus text exposition, by series (`name{labels}` as written). */
export function samples(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) found.set(match[1]!, Number(match[2]));
  }
  return found;
}

export async function scrape(url: string, token: string): Promise<Map<string, number>> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`metrics: ${response.status}`);
  return samples(await response.text());
}
