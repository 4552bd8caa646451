// Recorded guides: a librarian or community translator reads a guide aloud, part by part, on a
// kiosk; the recording travels to the server like the outbox does, waits for an editor, and once
// approved is published in the change feed as an `audio` record every kiosk fetches and plays
// offline. No browser has a Quechua voice: a human one is what patrons who do not read can trust.
// See docs/protocol.md ("Recorded guides").
import * as v from 'valibot';
import type { Guide } from './content-schema';
import { calendarTimestamp, int32, safeText, slugId } from './wire-schema';

/** The parts of a guide read aloud, in the order the guide shows them. Each step is its own part
 * (`step-1` …), so a patron can hear again the one step they are at. */
export type AudioPart = 'summary' | 'audience' | 'requirements' | `step-${number}` | 'cost' | 'where' | 'problems';

const PART = /^(?:summary|audience|requirements|cost|where|problems|step-[1-9][0-9]?)$/;
export const AudioPartSchema = v.pipe(v.string(), v.regex(PART, 'must be summary, audience, requirements, step-<n>, cost, where or problems'));

/** A language code as the registry and content write it: `es`, `qu`, `quz`, `ay`. */
export const LangCodeSchema = v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/, 'must be a language code of 2 or 3 lowercase letters'));

export const SHA256_HEX = /^[0-9a-f]{64}$/;
export const Sha256Schema = v.pipe(v.string(), v.regex(SHA256_HEX, 'must be a SHA-256 in lowercase hex'));

/** Opus at ~24 kbit/s is about 180 KB a minute; five minutes of one part is more than any part
 * needs, and a limit the server can hold in memory for one request. */
export const MAX_AUDIO_BYTES = 5 * 1024 * 1024;
export const MAX_AUDIO_MS = 10 * 60 * 1000;

/** What a browser records (MediaRecorder: WebM/Opus in Chromium, Ogg/Opus in Firefox) and what
 * a phone saves (MP3, M4A/AAC, WAV). The type travels as given, without codec parameters. */
export const AUDIO_TYPES = ['audio/webm', 'audio/ogg', 'audio/mpeg', 'audio/mp4', 'audio/wav'] as const;
export type AudioType = (typeof AUDIO_TYPES)[number];

/** What a recording says about itself, the same on the kiosk, on the wire and on the server. */
export const recordingFacts = {
  guideId: slugId,
  lang: LangCodeSchema,
  part: AudioPartSchema,
  sha256: Sha256Schema,
  bytes: v.pipe(int32(1), v.maxValue(MAX_AUDIO_BYTES, `must be at most ${MAX_AUDIO_BYTES} bytes`)),
  durationMs: v.pipe(int32(1), v.maxValue(MAX_AUDIO_MS, 'must be at most ten minutes')),
  type: v.picklist(AUDIO_TYPES),
  /** Who read it aloud, as they want to be credited ("Rosa Quispe, bibliotecaria"). */
  recordedBy: v.pipe(safeText(80), v.trim(), v.minLength(1, 'must not be empty')),
  recordedAt: calendarTimestamp,
  /** The guide's catalogue version when it was recorded, for the editor. */
  guideVersion: int32(1),
  /** SHA-256 of the text read (partText): a kiosk whose guide says something else now knows the
   * recording is older than the text, whatever else in the guide changed. */
  textHash: Sha256Schema,
};

/** The published record, kind `audio`, id `<guide>.<lang>.<part>`: one approved recording per
 * part and language; approving a newer one replaces it. The bytes are at GET /audio/<sha256>,
 * never changing (a new recording is a new hash). */
export const AudioRecordSchema = v.strictObject({
  id: v.pipe(v.string(), v.maxLength(120)),
  ...recordingFacts,
  approvedAt: calendarTimestamp,
});
export type AudioRecord = v.InferOutput<typeof AudioRecordSchema>;

export function audioRecordId(guideId: string, lang: string, part: string): string {
  return `${guideId}.${lang}.${part}`;
}

/** The parts of a guide that can be read aloud, in order (problems only when the guide has it). */
export function guideParts(guide: Guide): AudioPart[] {
  const parts: AudioPart[] = ['summary', 'audience', 'requirements'];
  guide.steps.forEach((_, i) => parts.push(`step-${i + 1}`));
  parts.push('cost', 'where');
  if (guide.problems) parts.push('problems');
  return parts;
}

type Texts = Partial<Record<string, string>>;

/** The text a part reads in `lang`, exactly as content holds it (undefined when the guide has no
 * such part or no text in that language): what `textHash` is taken of. The cost reads its note
 * and its figures, so a new price makes the recording older than the text. */
export function partText(guide: Guide, part: string, lang: string): string | undefined {
  const pick = (text: Texts | undefined) => text?.[lang];
  if (part === 'summary' || part === 'audience' || part === 'where') return pick(guide[part] as Texts);
  if (part === 'problems') return pick(guide.problems as Texts | undefined);
  if (part === 'requirements') {
    const lines = guide.requirements.map((r) => pick(r as Texts));
    return lines.every((line) => line !== undefined) ? lines.join('\n') : undefined;
  }
  if (part === 'cost') {
    const cost = guide.cost;
    const note = 'note' in cost && cost.note ? pick(cost.note as Texts) : '';
    if (note === undefined) return undefined;
    const figure = 'free' in cost ? 'free' : 'soles' in cost ? `S/ ${cost.soles}` : 'varies';
    return `${figure}\n${note}`;
  }
  const step = /^step-(\d+)$/.exec(part);
  if (step) return pick(guide.steps[Number(step[1]) - 1] as Texts | undefined);
  return undefined;
}
