// `npm run kiosk:code -- "<library name>" [uses] [days]`: creates an enrolment code a librarian
// types into a new kiosk. Prints the code once; only its hash is stored.
import { adminPost, fail, operate } from './cli-support';
import { KioskStore } from './kiosk-store';

const [label, uses = '1', days = '30'] = process.argv.slice(2);
if (!label) fail('usage: npm run kiosk:code -- "<library name>" [uses] [days]');
const maxUses = Number(uses);
const validDays = Number(days);

operate<string>({
  async viaServer(server) {
    const { status, body } = await adminPost<{ code?: string; error?: { message: string } }>(server, '/api/v1/admin/enrollment-codes', { label, maxUses, validDays });
    if (status === 201 && body.code) return body.code;
    throw new Error(`the server at ${server.url} refused: ${body.error?.message ?? status}`);
  },
  direct: (db) => new KioskStore(db).createEnrollmentCode(label, { maxUses, validDays }),
})
  .then((code) => console.log(`Enrolment code for ${label}: ${code}  (${maxUses} kiosk(s), valid ${validDays} days)`))
  .catch(fail);
