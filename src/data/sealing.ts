// Seals what waits in the outbox with the key the catalogue brought, if it brought one.
import { getServerKey } from './catalog';
import { sealQueuedSubmissions } from './outbox';

export async function sealWithKnownKey(): Promise<number> {
  const key = await getServerKey();
  return key ? sealQueuedSubmissions(key) : 0;
}
