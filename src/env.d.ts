// Build-time settings the app reads through import.meta.env (defined in vite.config.ts).
interface ImportMetaEnv {
  /** The sync server's origin when the network hosts the app elsewhere; empty for the app's own. */
  readonly CHASKI_SERVER_URL: string;
}
