// Long loops on the page (validating a pulled page, building the search index) give the browser
// a turn every few milliseconds, so a tap or a keystroke is answered while they run.

/** A slice of work longer than this would be a long task on a slow kiosk CPU (4× slower than this
 * machine: 8 ms here is 32 ms there, under the 50 ms that blocks a tap). */
export const SLICE_MS = 8;

/** Lets the browser paint and answer input before the rest of the work. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  // A posted message is not clamped to 4 ms as nested timers are.
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A clock for cooperative loops: `await slice.check()` yields once SLICE_MS have passed. */
export function slicer() {
  let start = performance.now();
  return {
    async check(): Promise<void> {
      if (performance.now() - start < SLICE_MS) return;
      await yieldToMain();
      start = performance.now();
    },
  };
}
