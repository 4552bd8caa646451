// The kiosk CLI (`npm run kiosk:…`) as an operator runs it, on a data folder, for the server
// tests. Called inside a `describe`: whatever a test left running is killed after it.
import { afterEach } from 'vitest';
import { runScript, type ScriptProcess } from '../start-server';

export function kioskCli(): (dataDir: string, args: string[]) => Promise<{ code: number | null; output: string }> {
  const started: ScriptProcess[] = [];
  afterEach(() => {
    for (const { child } of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
  return async (dataDir, args) => {
    const running = runScript('kiosk-cli.ts', { DATA_DIR: dataDir, LOG_LEVEL: 'error' }, args);
    started.push(running);
    return { code: await running.exited, output: running.output() };
  };
}
