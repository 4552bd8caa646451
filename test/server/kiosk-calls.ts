// What a kiosk and an operator do over HTTP against a running server, for the operations tests:
// the content and submissions they use, and /metrics read (enrolling and pushing: kiosk-client.ts).
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
