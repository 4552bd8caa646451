// The short code printed on a patron's receipt, derived from the submission's UUIDv7 id: the
// last 40 random bits in Crockford base32 (no I, L, O, U), e.g. "K7QM-3XPA". Short enough to
// read aloud to an agency, and found again from the id.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function receiptCode(id: string): string {
  const hex = id.replace(/-/g, '').slice(-10);
  let n = BigInt(`0x${hex}`);
  let code = '';
  for (let i = 0; i < 8; i++) {
    code = ALPHABET[Number(n & 31n)] + code;
    n >>= 5n;
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
