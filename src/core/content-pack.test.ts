import { describe, expect, it } from 'vitest';
import { buildPack, generateSigningKey, verifyPack } from './content-pack';

const records = [
  { kind: 'category' as const, id: 'salud', version: 1, data: { id: 'salud', name: { es: 'Salud', qu: 'Qhali kay' } } },
  { kind: 'guide' as const, id: 'sis', version: 3, data: { id: 'sis', title: { es: 'SIS', qu: 'SIS' } } },
];

describe('signed content packs', () => {
  it('verifies a pack signed with the trusted key', async () => {
    const key = await generateSigningKey();
    const pack = await buildPack(records, 'cursor-1', key.privateKey);
    expect(await verifyPack(JSON.parse(JSON.stringify(pack)), key.publicKey)).toMatchObject({ ok: true });
  });

  it('rejects one changed byte, another key, a missing record and a truncated file', async () => {
    const key = await generateSigningKey();
    const other = await generateSigningKey();
    const pack = await buildPack(records, 'cursor-1', key.privateKey);
    const text = JSON.stringify(pack);
    expect(await verifyPack(JSON.parse(text.replace('Qhali kay', 'Qhali kaY')), key.publicKey)).toEqual({ ok: false, code: 'hash_mismatch' });
    expect(await verifyPack(JSON.parse(text.replace('cursor-1', 'cursor-2')), key.publicKey)).toEqual({ ok: false, code: 'bad_signature' });
    expect(await verifyPack(await buildPack(records, 'cursor-1', other.privateKey), key.publicKey)).toEqual({ ok: false, code: 'bad_signature' });
    expect(await verifyPack({ ...pack, records: pack.records.slice(1) }, key.publicKey)).toEqual({ ok: false, code: 'incomplete' });
    expect(await verifyPack({ manifest: pack.manifest }, key.publicKey)).toEqual({ ok: false, code: 'not_a_pack' });
  });
});
