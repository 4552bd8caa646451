// The INEI ubigeo list, read once from the JSON the kiosk also downloads (src/core).
import { readFileSync } from 'node:fs';
import type { UbigeoData } from '../core/ubigeo';

let cached: UbigeoData | undefined;

export function loadUbigeo(): UbigeoData {
  cached ??= JSON.parse(readFileSync(new URL('../core/ubigeo-inei.json', import.meta.url), 'utf8')) as UbigeoData;
  return cached;
}
