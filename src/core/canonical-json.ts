// JSON with object keys sorted at every depth, so equal records always hash equal no matter how
// the YAML file ordered its fields. Written out key by key rather than by copying into a new
// object: a key named "__proto__" (an own property after JSON.parse) would be dropped by an
// assignment, and a record could then gain a key its hash does not cover.
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (omitted(item) ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const parts: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const inner = (value as Record<string, unknown>)[key];
      if (!omitted(inner)) parts.push(`${JSON.stringify(key)}:${canonicalJson(inner)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
