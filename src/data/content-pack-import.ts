// Loading a content pack from a USB stick: checked against the signing key this kiosk learnt
// online, every record's hash checked, and only then swapped in, in one transaction. Anything
// wrong and the current catalogue stays exactly as it was.
import { verifyPack } from '../core/content-pack';
import { getSigningKey } from './catalog';
import { replaceCatalogue } from './catalog-apply';

export type PackImport = { ok: true; records: number } | { ok: false; code: 'no_key' | 'not_a_pack' | 'bad_signature' | 'hash_mismatch' | 'incomplete' | 'busy' };

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
  const outcome = await replaceCatalogue(check.pack.records, check.pack.manifest.cursor);
  return outcome.status === 'applied' ? { ok: true, records: outcome.put } : { ok: false, code: 'busy' };
}
