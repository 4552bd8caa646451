// What a guide screen can play: for a guide and the patron's language, the parts with a cached
// recording, in the order the guide shows them, each with the facts its button states.
import { type AudioPart, type AudioRecord, guideParts, partText } from '../core/audio';
import type { Guide } from '../core/content-schema';
import { hasPassed } from '../core/dated-facts';
import { type Lang, fallbackChain } from '../core/lang';
import { sha256Hex } from '../core/encoding';
import { cachedAudio, cachedFiles } from './audio-cache';
import { database } from './db';

export interface PlayablePart {
  part: AudioPart;
  recording: AudioRecord;
  /** In a language after the patron's in the fallback chain (Spanish for a Quechua patron). */
  fallback: boolean;
  /** Recorded from a text the guide no longer has (its textHash differs): shown with a notice. */
  stale: boolean;
}

/** Whether the fact a part states has passed its `until` (core/dated-facts), so the screen shows
 * "this may have changed" in its place: a recording would still state it aloud, to someone who
 * cannot read the notice, so it is not offered. */
function partHasPassed(guide: Guide, part: AudioPart, today: string): boolean {
  if (part === 'cost') return hasPassed(guide.cost.until, today);
  if (part === 'requirements') return guide.requirements.some((item) => hasPassed(item.until, today));
  const step = /^step-(\d+)$/.exec(part);
  return step ? hasPassed(guide.steps[Number(step[1]) - 1]?.until, today) : false;
}

async function textHash(text: string | undefined): Promise<string | undefined> {
  return text === undefined ? undefined : sha256Hex(text);
}

/** The parts of `guide` a patron who chose `lang` can hear now, in guide order: a recording in
 * `lang` first, else in the next language of its fallback chain; only what is cached.
 *
 * A stale recording (the text changed since) is offered with a notice rather than hidden: the
 * hash changes with any edit, a comma or a Quechua spelling fixed, and hiding would silence the
 * part for a patron who does not read until someone records it again. What must not be heard
 * (a price or a step past its day) is left out by partHasPassed, stale or not. */
export async function playableParts(guide: Guide, lang: Lang, today: string): Promise<PlayablePart[]> {
  const [rows, files] = await Promise.all([database().audio.where('guideId').equals(guide.id).toArray(), cachedFiles()]);
  const held = new Map(rows.filter((row) => files.has(row.sha256)).map((row) => [row.id, row.data]));
  if (held.size === 0) return [];
  const chain = fallbackChain(lang);
  const playable: PlayablePart[] = [];
  for (const part of guideParts(guide)) {
    if (partHasPassed(guide, part, today)) continue;
    const recording = chain.map((code) => held.get(`${guide.id}.${code}.${part}`)).find((r) => r !== undefined);
    if (!recording) continue;
    const stale = (await textHash(partText(guide, part, recording.lang))) !== recording.textHash;
    playable.push({ part, recording, fallback: recording.lang !== lang, stale });
  }
  return playable;
}

/** An object URL of a cached recording, for an <audio> element; the caller revokes it when
 * done. Undefined when the file is gone (dropped for space since the screen rendered). */
export async function recordingObjectUrl(recording: AudioRecord): Promise<string | undefined> {
  const blob = await cachedAudio(recording.sha256);
  return blob ? URL.createObjectURL(blob) : undefined;
}
