// Loading a content pack from a USB stick: checked against the signing key this kiosk learnt
// online, every record's hash and schema checked, refused if it is older than the catalogue the
// kiosk holds, and only then swapped in, in one transaction. Anything wrong and the current
// catalogue stays exactly as it was; the code says why, for the librarian.
import { type PackRefusal, verifyPack } from '../core/content-pack';
import { decodeCursor } from '../core/cursor';
import { keepPackAudio } from './audio-cache';
import { getCursor, getSigningKey } from './catalog';
import { replaceCatalogue } from './catalog-apply';
import { StorageFullError } from './storage-health';

export type PackImportRefusal = PackRefusal | 'no_key' | 'older' | 'busy' | 'storage_full';
export type PackImport = { ok: true; records: number } | { ok: false; code: PackImportRefusal; record?: string };

/** Whether the pack's cursor is behind the kiosk's: same catalogue (epoch), fewer changes. A
 * pack from another epoch (a rebuilt server) resets the catalogue, as an online sync would. */
function olderThanHeld(packCursor: string, heldCursor: string | undefined): boolean {
  const pack = decodeCursor(packCursor);
  const held = heldCursor ? decodeCursor(heldCursor) : null;
  return !!pack && !!held && pack.epoch === held.epoch && pack.seq < held.seq;
}

export async function importContentPack(text: string): Promise<PackImport> {
  const key = await getSigningKey();
  if (!key) return { ok: false, code: 'no_key' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, code: 'not_a_pack' }; // a truncated file ends here
  }
  const check = await verifyPack(parsed, key.publicKey);
  if (!check.ok) return check;
  if (olderThanHeld(check.pack.manifest.cursor, await getCursor())) return { ok: false, code: 'older' };
  try {
    const outcome = await replaceCatalogue(check.pack.records, check.pack.manifest.cursor);
    if (outcome.status !== 'applied') return { ok: false, code: 'busy' };
    // The recordings' bytes, when the pack carries them: the catalogue is in whatever becomes of
    // them (a file refused or no room is heard of in the panel's audio section).
    await keepPackAudio((parsed as { audio?: unknown }).audio).catch((error: unknown) => console.warn('Chaski: keeping the pack’s recordings failed', error));
    return { ok: true, records: outcome.put };
  } catch (error) {
    if (error instanceof StorageFullError) return { ok: false, code: 'storage_full' };
    throw error;
  }
}
