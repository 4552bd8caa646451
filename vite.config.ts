// Builds the kiosk PWA from src/ into dist/, and its service worker (src/sw/sw.ts) with the
// precache manifest injected by Workbox. Also holds the Vitest configuration.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { playwright } from '@vitest/browser-playwright';
import type { ChunkingContext } from 'rolldown';
import { defineConfig } from 'vitest/config';
import { VitePWA } from 'vite-plugin-pwa';
import { metaPolicy } from './src/core/csp.ts';
import { type Language, parseLanguageRegistry } from './src/core/language-registry.ts';
import languages from './locales/languages.json' with { type: 'json' };

const root = fileURLToPath(new URL('./src', import.meta.url));

/** The sync server a network fixes when it hosts the app somewhere else (CHASKI_SERVER_URL at
 * build time); empty: the app's own origin. Kiosks cannot change it (docs/security.md). */
function syncServerOrigin(raw = process.env.CHASKI_SERVER_URL): string {
  if (!raw) return '';
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`CHASKI_SERVER_URL must be an http(s) address, got ${raw}`);
  return url.origin;
}
const syncServer = syncServerOrigin();

const syncEntry = fileURLToPath(new URL('./src/sync/sync-now.ts', import.meta.url));
let syncModules: Set<string> | undefined;
/** Every module src/sync/sync-now.ts imports statically, directly or not (computed once per build,
 * forgotten when the next starts: `vite build --watch`; what the first screen also imports is
 * taken by the 'boot' group first). */
function syncClosure(ctx: ChunkingContext): Set<string> {
  if (syncModules) return syncModules;
  const found = new Set<string>();
  const visit = (id: string) => {
    if (found.has(id)) return;
    found.add(id);
    for (const next of ctx.getModuleInfo(id)?.importedIds ?? []) visit(next);
  };
  visit(syncEntry);
  syncModules = found;
  return found;
}

/** The classic script that paints the stored home screen before the bundle runs, and the name
 * it is built under: its content's hash under /assets/, like the bundle's files (read once per
 * build, in buildStart). */
const SNAPSHOT_SCRIPT = fileURLToPath(new URL('./src/home-snapshot.js', import.meta.url));
const SNAPSHOT_TAG = '<script src="/home-snapshot.js"></script>';
let snapshotScript = { fileName: '', source: '' };
function readSnapshotScript(): void {
  const source = readFileSync(SNAPSHOT_SCRIPT, 'utf8');
  snapshotScript = { fileName: `assets/home-snapshot-${createHash('sha256').update(source).digest('hex').slice(0, 8)}.js`, source };
}

export default defineConfig({
  root,
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // No modulepreload polyfill, and the preload helper only for the sync code (issue 19): the
    // first screen is one chunk, and a lazy screen's own shared chunks come from the service
    // worker's cache, where a second round trip costs a few milliseconds. Before the worker has
    // precached (the first minute of a kiosk's life), a screen opened online may wait one more
    // round trip for a chunk it shares with another lazy screen. But the sync code is what a
    // fresh kiosk waits on for its catalogue, and its import is a one-line facade of the sync
    // chunk (the chunk is shared, so its export names are not the module's): without the hint,
    // one more round trip (~300 ms on a rural link) before the first feed request can leave.
    modulePreload: {
      polyfill: false,
      resolveDependencies: (filename, dependencies) => (/(^|\/)sync-now-[^/]*\.js$/.test(filename) ? dependencies : []),
    },
    rolldownOptions: {
      output: {
        // Everything the first screen imports statically in one chunk (issue 19): each file is a
        // request, and on a 300 ms link, or from the service worker on an old CPU, 30 small
        // first-load files cost more than their bytes. Lazy screens share code from it.
        // The sync code and all it imports (src/sync/sync-now.ts) is a second chunk that the page
        // loads once the first screen is painted: a repeat load parses a fifth less before it
        // paints and a first visit's longest task is shorter; a fresh kiosk fetches one more file.
        codeSplitting: {
          groups: [
            { name: 'boot', tags: ['$initial'], priority: 2 },
            { name: (id, ctx) => (syncClosure(ctx).has(id) ? 'sync' : null), priority: 1 },
            // What the lazy screens share, in one chunk rather than a dozen of 100 bytes to 2 KB.
            // With the patron's screens one module (app/screens/patron-screens.ts) and the
            // librarian's another, a fresh kiosk precaches 26 files, not 45: on a rural link files
            // come in rounds of six connections, a round trip each (bench/offline-ready.ts;
            // e2e/budget.spec.ts counts them). A screen first opened online before that fetches
            // more bytes in fewer requests.
            { name: 'shared', minShareCount: 2, priority: 0 },
          ],
        },
      },
    },
  },
  resolve: {
    // Dexie's own ES module build instead of its UMD bundle behind import-wrapper.mjs (which exists
    // for Node's dual-package hazard, not a browser bundle): modern syntax, and the bundler can
    // leave out what the kiosk never calls. ~2 KB less gzip in the first load (issue 19).
    alias: [{ find: /^dexie$/, replacement: fileURLToPath(new URL('./node_modules/dexie/dist/modern/dexie.mjs', import.meta.url)) }],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { 'import.meta.env.CHASKI_SERVER_URL': JSON.stringify(syncServer) },
  server: { proxy: { '/api': 'http://localhost:8080' } },
  plugins: [
    {
      name: 'chaski-sync-closure',
      buildStart() {
        syncModules = undefined;
      },
    },
    {
      // The app reads locales/languages.json without validating it (core/lang.ts: no valibot in
      // the first load), so a build with a broken registry fails here instead. The kiosk gets
      // only the fields it reads (the others are for content:check and tests): the registry is
      // in the first-load bundle (e2e/budget.spec.ts).
      name: 'chaski-languages',
      apply: 'build',
      enforce: 'pre',
      buildStart: () => void parseLanguageRegistry(languages),
      transform(code, id) {
        if (!id.endsWith('/locales/languages.json')) return undefined;
        const kioskFields = ({ code, name, tag, fallback, enabled, formats }: Language) => ({ code, name, tag, fallback, enabled, formats });
        return { code: JSON.stringify({ languages: parseLanguageRegistry(JSON.parse(code)).languages.map(kioskFields) }), map: null };
      },
    },
    {
      // A repeat load waits for the snapshot's painter (src/home-snapshot.js, parser-blocking at
      // the end of the page). Named by its content under /assets/, it is cached as immutable like
      // the bundle, and a reload takes it from the browser's memory as it does the bundle, instead
      // of asking the service worker for it each time (10-15 ms at 4× CPU, bench/offline-load.ts).
      // (Taken out of the page before Vite reads it, which bundles only module scripts, and put
      // back, renamed, after.)
      name: 'chaski-snapshot-script',
      apply: 'build',
      buildStart: readSnapshotScript,
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: snapshotScript.fileName, source: snapshotScript.source });
      },
      transformIndexHtml: {
        order: 'pre',
        handler(html) {
          if (!html.includes(SNAPSHOT_TAG)) throw new Error(`src/index.html must load the snapshot painter as ${SNAPSHOT_TAG}`);
          return html.replace(SNAPSHOT_TAG, '');
        },
      },
    },
    {
      name: 'chaski-snapshot-script-tag',
      apply: 'build',
      transformIndexHtml: { order: 'post', handler: () => [{ tag: 'script', attrs: { src: `/${snapshotScript.fileName}` }, injectTo: 'body' as const }] },
    },
    {
      // The app's policy in its own page, so it holds wherever the app is hosted.
      name: 'chaski-csp',
      apply: 'build',
      transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaPolicy(syncServer) }, injectTo: 'head-prepend' }],
    },
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      // The page registers the worker itself with workbox-window (src/app/sw-bridge.ts), so it
      // can offer "update available, reload" instead of swapping versions under a patron.
      injectRegister: false,
      // The manifest's icons are for installing the app, which happens online, and the browser
      // keeps its own copies; kiosks run Chromium --kiosk on the address (deploy/kiosk/). Nothing
      // offline shows them (the favicon is inline, the brand drawn in the page), and on a rural
      // link three more files are a round of requests before a fresh kiosk is offline-ready
      // (bench/offline-ready.ts, e2e/budget.spec.ts).
      includeManifestIcons: false,
      manifest: {
        name: 'Chaski',
        short_name: 'Chaski',
        description: 'Trámites del Estado, sin internet, en castellano y runasimi',
        lang: 'es-PE',
        start_url: '/',
        display: 'standalone',
        background_color: '#fbf7f0',
        theme_color: '#7a2e12',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,webmanifest}'],
      },
    }),
  ],
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      // Node: core, server (against PGlite on disk), locales.
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.{ts,tsx}'], exclude: ['src/**/*.pg.test.ts', 'src/**/*.browser.test.{ts,tsx}'] } },
      // The same store tests against a real PostgreSQL 15 that the test starts and stops.
      { extends: true, test: { name: 'postgres', include: ['src/**/*.pg.test.ts'], fileParallelism: false } },
      // IndexedDB code runs in a real Chromium (Debian's), not against a fake.
      {
        extends: true,
        test: {
          name: 'browser',
          // The files share one origin's IndexedDB: one at a time, each from none.
          fileParallelism: false,
          setupFiles: ['test/browser-setup.ts'],
          include: ['src/**/*.browser.test.{ts,tsx}'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
