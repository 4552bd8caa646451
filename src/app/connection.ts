// Whether the kiosk can reach its server: the browser's `navigator.onLine` only says a network is
// there (a library LAN with no way out still reads "online"), so what counts is how the last
// sync went (data/sync-state), with the browser's "offline" taken at its word at once.
import { useEffect, useState } from 'preact/hooks';
import { useLiveQuery } from '../data/live';
import { type Contact, readSyncInfo } from '../data/sync-state';

export type Connection = 'online' | 'offline' | 'failing';

function useNavigatorOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

export function useConnection(): { connection: Connection; networkThere: boolean; contact?: Contact } {
  const networkThere = useNavigatorOnline();
  const info = useLiveQuery(readSyncInfo, []);
  const contact = info.value?.contact;
  // Before the first sync has said anything, the browser's word is all there is.
  const connection: Connection = !networkThere ? 'offline' : !contact || contact.state === 'ok' ? 'online' : contact.state === 'failing' ? 'failing' : 'offline';
  return { connection, networkThere, contact };
}
