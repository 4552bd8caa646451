// What a page's JS heap holds, by kind, from a real heap snapshot (CDP HeapProfiler): the figure
// "JS heap used" (Runtime.getHeapUsage) counts V8's compiled code too, which grows for the first
// hundred patrons of a day as V8 compiles and optimises the functions they run, and stops; a
// snapshot tells that warm-up apart from objects the app keeps.
import type { CDPSession } from 'playwright';

export interface HeapParts {
  /** Objects, arrays, strings, closures … : what the app's code can keep alive. */
  objects: number;
  /** Bytecode, baseline and optimised machine code, and their metadata (V8 "code" nodes). */
  code: number;
  /** The browser's own objects reported in the snapshot (DOM, DevTools' network buffers …),
   * which Runtime.getHeapUsage does not count. */
  native: number;
}

export async function heapParts(cdp: CDPSession): Promise<HeapParts> {
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const collect = (event: { chunk: string }) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  const snapshot = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const parts: HeapParts = { objects: 0, code: 0, native: 0 };
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt]!];
    const size = snapshot.nodes[i + sizeAt]!;
    if (type === 'code') parts.code += size;
    else if (type === 'native' || type === 'synthetic') parts.native += size;
    else parts.objects += size;
  }
  return parts;
}
