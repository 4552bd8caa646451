// What the panel's notes page needs beside data/local-notes.ts: the guides a note can be put
// on, with their titles. Kept here (not in catalog.ts) so it travels in the notes page's chunk,
// not in the first load.
import type { LocalizedText } from '../core/content-schema';
import { database } from './db';

export interface GuideChoice {
  id: string;
  title: LocalizedText;
}

/** Every guide in the catalogue, by id, with its title (the screen sorts by the shown language). */
export async function guideChoices(): Promise<GuideChoice[]> {
  return (await database().guides.toArray()).map((row) => ({ id: row.id, title: row.data.title }));
}
