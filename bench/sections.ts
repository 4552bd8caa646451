// The parts of `npm run bench`, in the order of issue 6 (and of the report), then issue 18's.
import { section as audio } from './audio';
import { daySection } from './day';
import { section as firstLoad } from './first-load';
import { section as lighthouse } from './lighthouse';
import { section as offlineLoad } from './offline-load';
import { section as offlineReady } from './offline-ready';
import { outboxSection } from './outbox';
import { section as pull } from './pull';
import { searchSection } from './search';
import { section as network } from './network';
import { section as server } from './server';
import type { BenchSection } from './support';
import { usageSection } from './usage';

export const SECTIONS: BenchSection[] = [firstLoad, lighthouse, offlineLoad, pull, searchSection, outboxSection, usageSection, audio, server, network, offlineReady, daySection];
