// Operators' kiosk commands, through the running server's admin API or on the database directly:
//   npm run kiosk:code -- "<library name>" [uses] [days]   a code a librarian types into a new kiosk
//   npm run kiosk:list                                     kiosks (library, district, last seen) and codes
//   npm run kiosk:revoke -- <kiosk id>                     its token is refused from now on
//   npm run kiosk:revoke -- --code <code or code id>       the code enrols nothing more
//   npx tsx src/server/kiosk-cli.ts district <kiosk id> <ubigeo | none>
//                                                          where the report places its counts
//   npm run kiosk:library -- <kiosk id> "<library name>"  corrects the library it was enrolled with
//                                                          (whose local notes it shares)
// A code is printed once; only its hash is stored.
import * as v from 'valibot';
import { API_PATHS, apiPath, EnrollRequestSchema } from '../core/protocol';
import { firstIssue } from '../core/wire-schema';
import { describeUbigeo } from '../core/ubigeo';
import { adminRequest, fail, operate } from './cli-support';
import { type CodeSummary, type KioskSummary, KioskStore } from './kiosk-store';
import { loadUbigeo } from './ubigeo-data';

type ApiAnswer<T> = T & { error?: { message: string } };

const [command, ...args] = process.argv.slice(2);

function refused(server: { url: string }, status: number, body: { error?: { message: string } }): never {
  throw new Error(`the server at ${server.url} refused: ${body.error?.message ?? status}`);
}

async function createCode(): Promise<void> {
  const [label, uses = '1', days = '30'] = args;
  if (!label) fail('usage: npm run kiosk:code -- "<library name>" [uses] [days]');
  const maxUses = Number(uses);
  const validDays = Number(days);
  if (!Number.isInteger(maxUses) || maxUses < 1 || maxUses > 1000) fail('uses must be a whole number from 1 to 1000');
  if (!Number.isInteger(validDays) || validDays < 1 || validDays > 3650) fail('days must be a whole number from 1 to 3650');
  const code = await operate<string>({
    async viaServer(server) {
      const { status, body } = await adminRequest<ApiAnswer<{ code?: string }>>(server, 'POST', API_PATHS.adminEnrollmentCodes, { label, maxUses, validDays });
      return status === 201 && body.code ? body.code : refused(server, status, body);
    },
    direct: (db) => new KioskStore(db).createEnrollmentCode(label, { maxUses, validDays }),
  });
  console.log(`Enrolment code for ${label}: ${code}  (${maxUses} kiosk(s), valid ${validDays} days)`);
}

async function list(): Promise<void> {
  const { kiosks, codes } = await operate<{ kiosks: KioskSummary[]; codes: CodeSummary[] }>({
    async viaServer(server) {
      const k = await adminRequest<ApiAnswer<{ kiosks: KioskSummary[] }>>(server, 'GET', API_PATHS.adminKiosks);
      const c = await adminRequest<ApiAnswer<{ codes: CodeSummary[] }>>(server, 'GET', API_PATHS.adminEnrollmentCodes);
      if (k.status !== 200) refused(server, k.status, k.body);
      if (c.status !== 200) refused(server, c.status, c.body);
      return { kiosks: k.body.kiosks, codes: c.body.codes };
    },
    direct: async (db) => ({ kiosks: await new KioskStore(db).listKiosks(), codes: await new KioskStore(db).listCodes() }),
  });
  console.log(`Kiosks (${kiosks.length}):`);
  for (const k of kiosks) {
    console.log(`  ${k.id}  ${k.library}  district ${placeName(k.district)}  enrolled ${k.enrolledAt}  last seen ${k.lastSeenAt ?? 'never'}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''}`);
  }
  console.log(`Enrolment codes (${codes.length}):`);
  for (const c of codes) {
    console.log(`  ${c.id}  ${c.label}  used ${c.uses}/${c.maxUses}  expires ${c.expiresAt ?? 'never'}${c.revokedAt ? `  REVOKED ${c.revokedAt}` : ''}`);
  }
}

async function revoke(): Promise<void> {
  const [first, second] = args;
  const byCode = first === '--code';
  const target = byCode ? second : first;
  if (!target) fail('usage: npm run kiosk:revoke -- <kiosk id>   or   npm run kiosk:revoke -- --code <code or code id>');
  const codeRef = /^[0-9a-f]{12}$/.test(target) ? { id: target } : { code: target };
  const done = await operate<boolean>({
    async viaServer(server) {
      const { status, body } = byCode
        ? await adminRequest<ApiAnswer<object>>(server, 'POST', API_PATHS.adminEnrollmentCodesRevoke, codeRef)
        : await adminRequest<ApiAnswer<object>>(server, 'POST', apiPath(API_PATHS.adminKioskRevoke, { id: target }), {});
      if (status === 404) return false;
      return status === 200 ? true : refused(server, status, body);
    },
    direct: async (db) => (byCode ? (await new KioskStore(db).revokeCode(codeRef)) > 0 : new KioskStore(db).revokeKiosk(target)),
  });
  if (!done) fail(byCode ? `no enrolment code matches ${target}` : `no kiosk has the id ${target} (see npm run kiosk:list)`);
  console.log(byCode ? `Enrolment code ${target} revoked: it enrols no more kiosks.` : `Kiosk ${target} revoked: its token is refused from now on.`);
}

/** "081201 (Cusco / Quispicanchi / Urcos)", or "not set". */
function placeName(district: string | null | undefined): string {
  if (!district) return 'not set';
  const place = describeUbigeo(loadUbigeo(), district);
  return place ? `${district} (${place.department} / ${place.province} / ${place.district})` : district;
}

async function setDistrict(): Promise<void> {
  const [kioskId, given] = args;
  if (!kioskId || !given) fail('usage: npx tsx src/server/kiosk-cli.ts district <kiosk id> <6-digit INEI ubigeo, or none>');
  const district = given === 'none' ? null : given;
  if (district !== null && !describeUbigeo(loadUbigeo(), district)) fail(`${district} is not a district in INEI's ubigeo list (six digits, e.g. 081201 for Urcos)`);
  const done = await operate<boolean>({
    async viaServer(server) {
      const { status, body } = await adminRequest<ApiAnswer<object>>(server, 'POST', apiPath(API_PATHS.adminKioskDistrict, { id: kioskId }), { district });
      if (status === 404) return false;
      return status === 200 ? true : refused(server, status, body);
    },
    direct: (db) => new KioskStore(db).setDistrict(kioskId, district),
  });
  if (!done) fail(`no kiosk has the id ${kioskId} (see npm run kiosk:list)`);
  console.log(`Kiosk ${kioskId}: district ${placeName(district)}. Its counts, past days included, are placed there.`);
}

async function setLibrary(): Promise<void> {
  const [kioskId, library] = args;
  if (!kioskId || !library) fail('usage: npm run kiosk:library -- <kiosk id> "<library name>"');
  const name = v.safeParse(EnrollRequestSchema.entries.library, library);
  if (!name.success) fail(`library: ${firstIssue(name.issues)}`);
  const changed = await operate<{ previous: string; notesMoved: number } | null>({
    async viaServer(server) {
      const { status, body } = await adminRequest<ApiAnswer<{ previous: string; notesMoved: number }>>(server, 'POST', apiPath(API_PATHS.adminKioskLibrary, { id: kioskId }), { library });
      if (status === 404) return null;
      return status === 200 ? body : refused(server, status, body);
    },
    direct: (db) => new KioskStore(db).setLibrary(kioskId, name.output),
  });
  if (!changed) fail(`no kiosk has the id ${kioskId} (see npm run kiosk:list)`);
  const moved = changed.notesMoved > 0 ? ` Its ${changed.notesMoved} local note(s) moved with it.` : '';
  console.log(`Kiosk ${kioskId}: library "${name.output}" (was "${changed.previous}"); it now shares that library's local notes.${moved}`);
}

const commands: Record<string, () => Promise<void>> = { code: createCode, list, revoke, district: setDistrict, library: setLibrary };
const run = commands[command ?? ''];
if (!run) fail('usage: kiosk-cli.ts code|list|revoke|district|library …  (npm run kiosk:code, kiosk:list, kiosk:revoke)');
run().catch(fail);
