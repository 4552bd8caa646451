// Dexie switches its debug mode on whenever the page comes from localhost, which the kiosk does
// when the library runs the server on the same machine: every table call then creates a console
// task for async stack traces, ~15 ms of a Send at 4× CPU slowdown (bench/outbox.ts). Only
// development wants that. Every module that opens a database imports Dexie from here.
import Dexie from 'dexie';

Dexie.debug = import.meta.env.DEV;

export default Dexie;
