import { describe, expect, it } from 'vitest';
import { generateServerKey, importServerPrivateKey, openSeal, prepareSeal, seal, sealContext } from './seal';

const meta = { id: '01937a3e-5f7c-7cc1-8f3a-9b0c44e12d77', formId: 'afiliacion-sis', formVersion: 2, createdAt: '2026-11-24T10:00:00.000Z' };
const payload = { answers: { dni: '10117410', nombres: 'Rosa' } };

describe('sealed submissions', () => {
  it('opens with the server key, and the sealed text does not contain the answers', async () => {
    const server = await generateServerKey();
    const sealed = await seal(server.publicKey, payload, sealContext(meta));
    expect(JSON.stringify(sealed)).not.toMatch(/Rosa|10117410/);
    expect(await openSeal(await importServerPrivateKey(server.privateKey), sealed, sealContext(meta))).toEqual(payload);
  });

  it('cannot be opened with another key, with one byte changed, or moved to another submission', async () => {
    const server = await generateServerKey();
    const other = await generateServerKey();
    const sealed = await seal(server.publicKey, payload, sealContext(meta));
    const key = await importServerPrivateKey(server.privateKey);
    await expect(openSeal(await importServerPrivateKey(other.privateKey), sealed, sealContext(meta))).rejects.toThrow();
    const flipped = sealed.ct[5] === 'A' ? 'B' : 'A';
    await expect(openSeal(key, { ...sealed, ct: sealed.ct.slice(0, 5) + flipped + sealed.ct.slice(6) }, sealContext(meta))).rejects.toThrow();
    await expect(openSeal(key, sealed, sealContext({ ...meta, formId: 'preinscripcion-pension-65' }))).rejects.toThrow();
  });

  it('seals the same answers differently every time', async () => {
    const server = await generateServerKey();
    const [a, b] = await Promise.all([seal(server.publicKey, payload, sealContext(meta)), seal(server.publicKey, payload, sealContext(meta))]);
    expect(a.ct).not.toBe(b.ct);
  });

  it('prepared ahead, opens the same way and seals one submission only', async () => {
    const server = await generateServerKey();
    const sealOnce = await prepareSeal(server.publicKey);
    const sealed = await sealOnce(payload, sealContext(meta));
    expect(await openSeal(await importServerPrivateKey(server.privateKey), sealed, sealContext(meta))).toEqual(payload);
    await expect(sealOnce(payload, sealContext(meta))).rejects.toThrow(/one submission only/);
  });
});
