// npm run build's last step: node src/server/precompress-cli.ts [dist] (precompress.ts says why).
import { resolve } from 'node:path';
import { precompressDir } from './precompress';

const dir = resolve(process.argv[2] ?? 'dist');
const { files, bytes, brotliBytes, gzipBytes } = precompressDir(dir);
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`precompressed ${files} files in ${dir}: ${kib(bytes)} → brotli ${kib(brotliBytes)}, gzip ${kib(gzipBytes)}`);
