// The signature of a receipts file (see ReceiptsFile in protocol.ts): the server's signing key
// over everything but the signature. Its private half is kept outside the database
// (src/server/signing-key.ts), so a copy of the database cannot forge receipts that would make
// a kiosk drop submissions it has not delivered; the kioskId inside binds the file to one kiosk.
import type { ReceiptsFile } from './protocol';
import type { PublicKeyJwk } from './seal';
import { signJson, verifyJson } from './signature';

export async function signReceipts(file: Omit<ReceiptsFile, 'signature'>, privateKey: JsonWebKey): Promise<ReceiptsFile> {
  return { ...file, signature: await signJson(privateKey, file) };
}

export async function receiptsSignatureValid(file: ReceiptsFile, signingKey: PublicKeyJwk): Promise<boolean> {
  const { signature, ...rest } = file;
  return verifyJson(signingKey, rest, signature);
}
