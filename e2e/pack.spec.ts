// A content pack on a USB stick: the kiosk checks the server's signature and every record's
// hash before swapping its catalogue in one step. A pack with one changed byte, signed with
// another key, or cut short is refused with a clear message and the old catalogue still works.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { buildPack, type ContentPack } from '../src/core/content-pack';
import { generateSigningKey, type SigningKeyPair } from '../src/core/signature';
import { Kiosk } from './kiosk';
import { Librarian } from './librarian';
import { E2E_DIR } from './playwright.config';
import { publishedCategoryCount } from './server';

test('a signed content pack updates an offline kiosk; tampered, foreign and truncated packs change nothing', async ({ page, context, server }) => {
  const kiosk = new Kiosk(page);
  const librarian = new Librarian(page);
  await kiosk.firstVisit();
  await librarian.enrolFromPanel('Biblioteca de Marcapata');
  await context.setOffline(true);

  const guide = server.guideFile('beca-18');
  const dir = mkdtempSync(join(tmpdir(), 'chaski-pack-'));
  try {
    // At the network's office the catalogue changes, and a pack is made for the USB stick.
    guide.retitle({ es: 'Beca 18 (convocatoria nueva)' });
    await server.publishContent();
    const packText = await server.contentPack();
    const pack = JSON.parse(packText) as ContentPack;
    const foreignKey = await generateSigningKey();
    // The operator's own key (the server's data folder): what a genuine pack is signed with.
    const networkKey = JSON.parse(readFileSync(join(E2E_DIR, 'data', 'signing-key.json'), 'utf8')) as SigningKeyPair;
    const broken = pack.records.map((r) => (r.kind === 'guide' && r.id === 'beca-18' ? { ...r, data: { ...(r.data as object), steps: 'ninguno' } } : r));
    const variants = {
      'one-byte.json': packText.replace('convocatoria nueva', 'convocatoria nuevA'),
      'proto.json': packText.replace('"data":{', '"data":{"__proto__":{},'),
      'foreign.json': JSON.stringify(await buildPack(pack.records, pack.manifest.cursor, foreignKey.privateKey)),
      'invalid-record.json': JSON.stringify(await buildPack(broken, pack.manifest.cursor, networkKey.privateKey)),
      'truncated.json': packText.slice(0, Math.floor(packText.length / 2)),
      'good.json': packText,
    };
    expect(variants['proto.json']).not.toBe(packText);
    for (const [name, text] of Object.entries(variants)) writeFileSync(join(dir, name), text);

    const guideTitle = async () => {
      await kiosk.openGuide('beca-18');
      return kiosk.heading().textContent();
    };
    const before = await guideTitle();
    expect(before).not.toContain('convocatoria nueva');

    for (const [name, message] of [
      ['one-byte.json', 'El paquete fue modificado después de firmarse. No se cambió nada.'],
      ['proto.json', 'El paquete fue modificado después de firmarse. No se cambió nada.'],
      ['foreign.json', 'El paquete no viene del servidor de la red o fue modificado. No se cambió nada.'],
      ['invalid-record.json', 'El paquete trae un registro que este equipo no puede leer (guide/beca-18): actualice la aplicación. No se cambió nada.'],
      ['truncated.json', 'El archivo no es un paquete de contenido o está incompleto. No se cambió nada.'],
    ] as const) {
      await librarian.openPanel();
      await librarian.loadContentPack(join(dir, name));
      await expect(page.getByText(message)).toBeVisible();
      // The old catalogue still works, offline.
      expect(await guideTitle()).toBe(before);
      await page.goto('/');
      await expect(kiosk.categoryLinks()).toHaveCount(publishedCategoryCount());
    }

    await librarian.openPanel();
    await librarian.loadContentPack(join(dir, 'good.json'));
    await expect(page.getByText(/Catálogo actualizado desde el paquete: \d+ registros\./)).toBeVisible();
    expect(await guideTitle()).toContain('Beca 18 (convocatoria nueva)');
    await page.goto('/');
    await expect(kiosk.categoryLinks()).toHaveCount(publishedCategoryCount());

    // Online again, the kiosk moves past the pack; the same pack is now older than its catalogue.
    await guide.restore();
    // The connection coming back is enough: the kiosk syncs by itself.
    await context.setOffline(false);
    await expect.poll(guideTitle).toBe(before);
    await librarian.openPanel();
    await librarian.loadContentPack(join(dir, 'good.json'));
    await expect(page.getByText('Este paquete es más antiguo que el catálogo del equipo. No se cambió nada.')).toBeVisible();
    expect(await guideTitle()).toBe(before);
  } finally {
    await guide.restore();
  }
});
