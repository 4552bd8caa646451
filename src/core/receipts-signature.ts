// The signature of a receipts file (see ReceiptsFile in usb-files.ts): the server's signing key
// over everything but the signature. Its private half is kept outside the database
// (src/server/signing-key.ts), so a copy of the database cannot forge receipts that would make
// a kiosk drop submissions it has not delivered; the kioskId inside binds the file to one kiosk.
import { signJson, verifyJson } from './signature';
import type { ReceiptsFile } from './usb-files';
import type { PublicKeyJwk } from './wire-schema';

export async function signReceipts(file: Omit<ReceiptsFile, 'signature'>, privateKey: JsonWebKey): Promise<ReceiptsFile> {
  return { ...file, signature: await signJson(privateKey, file) };
}

/** Checked on the file as it was read (`JSON.parse`), not as a schema kept it: a field a newer
 * server adds is signed too. */
export async function receiptsSignatureValid(file: object, signingKey: PublicKeyJwk): Promise<boolean> {
  const { signature, ...rest } = file as { signature?: unknown };
  return verifyJson(signingKey, rest, signature);
}
