import { describe, expect, it } from 'vitest';
import { sampleCategory, sampleGuide } from '../../test/records';
import { canonicalJson } from './canonical-json';
import { buildPack, recordHash, verifyPack } from './content-pack';
import { generateSigningKey } from './signature';

const records = [
  { kind: 'category' as const, id: 'salud', version: 1, data: sampleCategory('salud') },
  { kind: 'guide' as const, id: 'sis', version: 3, data: sampleGuide('sis', 'salud') },
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
    expect(await verifyPack(JSON.parse(text.replace("T'aqa salud", "T'aqa saluD")), key.publicKey)).toEqual({ ok: false, code: 'hash_mismatch' });
    expect(await verifyPack(JSON.parse(text.replace('cursor-1', 'cursor-2')), key.publicKey)).toEqual({ ok: false, code: 'bad_signature' });
    expect(await verifyPack(await buildPack(records, 'cursor-1', other.privateKey), key.publicKey)).toEqual({ ok: false, code: 'bad_signature' });
    expect(await verifyPack({ ...pack, records: pack.records.slice(1) }, key.publicKey)).toEqual({ ok: false, code: 'incomplete' });
    expect(await verifyPack({ manifest: pack.manifest }, key.publicKey)).toEqual({ ok: false, code: 'not_a_pack' });
  });

  it('counts a "__proto__" key in a record, so adding one breaks the hash', async () => {
    const key = await generateSigningKey();
    const pack = await buildPack(records, 'cursor-1', key.privateKey);
    // What an attacker would write into the file: JSON.parse makes "__proto__" an own key.
    const doctored = JSON.parse(JSON.stringify(pack).replace('"data":{"id":"salud"', '"data":{"__proto__":{},"id":"salud"'));
    expect(Object.keys(doctored.records[0].data)).toContain('__proto__');
    expect(canonicalJson(doctored.records[0].data)).toContain('"__proto__":{}');
    expect(await recordHash(doctored.records[0])).not.toBe(await recordHash(pack.records[0]!));
    expect(await verifyPack(doctored, key.publicKey)).toEqual({ ok: false, code: 'hash_mismatch' });
  });

  it('refuses a genuinely signed pack whole when one record does not validate', async () => {
    const key = await generateSigningKey();
    const broken = [...records, { kind: 'guide' as const, id: 'roto', version: 1, data: { id: 'roto', title: { es: 'Sin nada más' } } }];
    const pack = await buildPack(broken, 'cursor-1', key.privateKey);
    expect(await verifyPack(JSON.parse(JSON.stringify(pack)), key.publicKey)).toEqual({ ok: false, code: 'invalid_record', record: 'guide/roto' });
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and writes what JSON.stringify writes', () => {
    const value = { b: [1, { z: true, a: null }, undefined], a: 'x', c: undefined, d: 'ñ"\u2028' };
    expect(canonicalJson(value)).toBe('{"a":"x","b":[1,{"a":null,"z":true},null],"d":"ñ\\"\u2028"}');
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });
});
