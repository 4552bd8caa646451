// Writes src/core/ubigeo-inei.json: Peru's INEI ubigeo codes (department → province → district)
// in the compact shape src/core/ubigeo.ts reads. Run `node scripts/build-ubigeo.mjs` after
// changing this file or either source package; the JSON is committed, the kiosk precaches it.
// Provenance, licences and the checks made are recorded in docs/provenance.md.
//
// Sources and licences (both devDependencies, pinned; neither is shipped, only this script's
// output is):
//  - `ubigeos` 2.1.0 by jldamians, licence ISC (package.json): the maps in dist/data/, read as
//    the primary source;
//  - `peruuse` 1.2.0 by Eduardo Diaz Ugarte, licence MIT (LICENSE file): the same list inside
//    dist/index.mjs, read only to check the first one.
// The two lists agree code for code and name for name (25 + 196 + 1,867 entries), so the data
// rests on two permissive grants, and the script fails if they ever stop agreeing. The codes
// and names themselves are INEI's (Instituto Nacional de Estadística e Informática): the list is
// INEI's as it stood around 2016, with INEI's spellings where other public lists differ (Marmot
// not Compin, Allauca not Ayauca, San Juan de Iscos, Ihuayllo, Quisqui (Kichki), Anco_Huallo).
//
// Until 2026-12 this file was built from `ubigeo-peru` 2.0.2 (GPL-3.0). That package was dropped
// so that nothing GPL-licensed feeds the app; nothing of it is read any more.
//
// Corrections, each checked so that the script fails loudly when one no longer applies (the
// upstream data changed: look again by hand):
//  - a few names as this app writes them: Callao for INEI's "Prov. Const. del Callao", an
//    underscore, a grave accent and a capital "Y" from the source's data entry;
//  - accents restored word by word from a list of Spanish words and well-known place names
//    (Huanuco → Huánuco, Jose, Maria), never guessed for native toponyms;
//  - the article in lower case inside a name (Santo Domingo de los Olleros);
//  - 24 districts created since the source list was compiled (Los Chankas, Oronccoy, Megantoni,
//    the four in La Convención, five in the VRAEM's La Mar and Huanta, Alto Trujillo, ...) are
//    added with the codes INEI gave them, each code and name found in two independent public
//    lists built from INEI or JNE data.
// Districts whose code was still provisional when checked (Sangani 120307, Santa Rosa de Loreto
// 160405) are left out on purpose.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import console from 'node:console';
import process from 'node:process';
import { gzipSync } from 'node:zlib';

const root = new URL('../', import.meta.url);
const require = createRequire(root);
const OUT = new URL('src/core/ubigeo-inei.json', root);

/** The packages read, with the licence each declares (checked below against its package.json). */
const SOURCES = [
  { name: 'ubigeos', license: 'ISC' },
  { name: 'peruuse', license: 'MIT' },
];

// What Peru has (INEI, 2025): 24 departments plus the Constitutional Province of Callao, 196
// provinces, 1,891 districts. Checked below so that a silent upstream change cannot slip through.
const EXPECTED = { departments: 25, provinces: 196, districts: 1891 };

/** Whole names replaced, by code (the source's name is given to check it still applies). */
const RENAME = {
  '0701': ['Prov. Const. del Callao', 'Callao'], // as every other screen and form names it
  '0508': ['Pàucar del Sara Sara', 'Páucar del Sara Sara'], // a grave accent typed for an acute
  '030602': ['Anco_Huallo', 'Anco Huallo'], // INEI's own file has the underscore
  '040129': ['José Luis Bustamante Y Rivero', 'José Luis Bustamante y Rivero'],
  '100603': ['Hermílio Valdizan', 'Hermilio Valdizán'],
  '230111': ['La Yarada los Palos', 'La Yarada Los Palos'], // Ley 30358 names it so
};

/** Districts missing from the source (created after it was compiled). */
const ADD = {
  '030611': 'Los Chankas',
  '030612': 'Ahuayro',
  '050413': 'Putis',
  '050511': 'Oronccoy',
  '050512': 'Unión Progreso',
  '050513': 'Río Magdalena',
  '050514': 'Ninabamba',
  '050515': 'Patibamba',
  '080914': 'Megantoni',
  '080915': 'Kumpirushiato',
  '080916': 'Cielo Punco',
  '080917': 'Manitea',
  '080918': 'Unión Asháninka',
  '090723': 'Santiago de Tucuma',
  '090724': 'Lambras',
  '090725': 'Cochabamba',
  '100609': 'Pueblo Nuevo',
  '100610': 'Santo Domingo de Anda',
  '130112': 'Alto Trujillo',
  '180107': 'San Antonio',
  '211105': 'San Miguel',
  '221006': 'Santa Lucía',
  '250306': 'Huipoca',
  '250307': 'Boquerón',
};

/** Accents restored word by word: Spanish given names and words, and place names whose written
 * accent is not in doubt. A word not listed keeps the source's spelling. */
const ACCENTS = Object.fromEntries(
  `Agustín Albarracín Alomía Ancón Andrés Antón Apurímac Ascensión Asís Azángaro Barrón Bartolomé
   Belén Beraún Bermúdez Bolívar Bombón Cáceres Callería Camaná Caravelí Carrión Cayaltí Celendín César Chávez
   Chavín Chepén Chimú Concepción Constitución Contumazá Córdova Cristóbal Dámaso Damián Elías
   Eslabón Fermín Frías Gálvez Guzmán Hernández Héroes Heroínas Hilarión Huamán Huancané Huántar
   Huánuco Huarochirí Huaytará Íllimo Jaén Jerónimo Jesús Joaquín José Juanjuí Julcán Junín López
   Lunahuaná Lurín Máncora Marañón María Márquez Martín Mejía Mochumí Monsefú Monzón Mórrope Morropón
   Nicolás Ordóñez Oyón Oyotún Pachacámac Paiján Perené Perú Piérola Purús Ramón Rázuri Rímac Río
   Román Sánchez Sayán Sebastián Simón Soplín Tomás Túcume Tumán Túpac Unión Valcárcel Valdizán
   Veintiséis Víctor Virú Vizcatán Zúñiga`
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => [word.normalize('NFD').replace(/\u0301/g, '').normalize('NFC'), word]),
);

function fail(message) {
  console.error(`build-ubigeo: ${message}`);
  process.exit(1);
}

function packageOf(name, license) {
  const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8'));
  if (pkg.license !== license) fail(`${name}@${pkg.version} now declares ${pkg.license}, not ${license}: check its terms`);
  return pkg;
}

/** `ubigeos`: three Maps, code → name. */
function readUbigeos() {
  const data = require('ubigeos/dist/data');
  return { d: Object.fromEntries(data.RegionData), p: Object.fromEntries(data.ProvinceData), t: Object.fromEntries(data.DistrictData) };
}

/** `peruuse`: its Maps are not exported (its lookup stops at the first gap in the codes), so the
 * `x.set('code', { code: 'code', name: 'name' })` lines are read from the bundle. */
function readPeruuse() {
  const text = readFileSync(require.resolve('peruuse/dist/index.mjs'), 'utf8');
  const out = { d: {}, p: {}, t: {} };
  const setCalls = text.match(/\.set\('/g)?.length ?? 0;
  let found = 0;
  for (const m of text.matchAll(/\.set\('(\d+)',\s*\{\s*code:\s*'(\d+)',\s*name:\s*(['"])((?:(?!\3).)*)\3/g)) {
    const [, key, code, , name] = m;
    if (key !== code) fail(`peruuse: entry ${key} carries code ${code}`);
    const level = { 2: 'd', 4: 'p', 6: 't' }[code.length];
    if (!level) fail(`peruuse: malformed code ${code}`);
    out[level][code] = name;
    found++;
  }
  if (found !== setCalls) fail(`peruuse: read ${found} of ${setCalls} entries: the bundle's layout changed`);
  return out;
}

const packages = SOURCES.map(({ name, license }) => packageOf(name, license));
const primary = readUbigeos();
const check = readPeruuse();
const disagreements = [];
for (const level of ['d', 'p', 't']) {
  for (const code of new Set([...Object.keys(primary[level]), ...Object.keys(check[level])])) {
    if (primary[level][code] !== check[level][code]) {
      disagreements.push(`${code}: ${JSON.stringify(primary[level][code])} / ${JSON.stringify(check[level][code])}`);
    }
  }
}
if (disagreements.length > 0) fail(`the two sources disagree (ubigeos / peruuse):\n  ${disagreements.join('\n  ')}`);

const used = new Set();
const fixName = (code, name) => {
  const rename = RENAME[code];
  if (rename) {
    if (rename[0] !== name) fail(`${code} is now "${name}", not "${rename[0]}": check RENAME`);
    used.add(code);
    return rename[1];
  }
  return (
    name
      .split(/([ -])/)
      .map((part) => ACCENTS[part] ?? part)
      .join('')
      // Spanish writes the article in lower case inside a name (Santo Domingo de los Olleros),
      // except where it is part of a proper name (Villa El Salvador, San Miguel de El Faique).
      .replace(/ de (La|Los|Las) /g, (_, article) => ` de ${article.toLowerCase()} `)
  );
};

const out = { d: {}, p: {}, t: {} };
for (const level of ['d', 'p', 't']) {
  const length = { d: 2, p: 4, t: 6 }[level];
  for (const [code, raw] of Object.entries(primary[level])) {
    if (code.length !== length || !/^\d+$/.test(code) || /00$/.test(code)) fail(`malformed code ${code} (${raw})`);
    const name = raw.trim();
    if (!name) fail(`${code} has no name`);
    out[level][code] = fixName(code, name);
  }
}
const { d, p, t } = out;
for (const [code, name] of Object.entries(ADD)) {
  if (code in t) fail(`${code} (${name}) is in the source now: drop it from ADD`);
  t[code] = name;
}

const unused = Object.keys(RENAME).filter((c) => !used.has(c));
if (unused.length > 0) fail(`corrections that no longer apply: ${unused.join(', ')}`);
for (const code of Object.keys(p)) if (!(code.slice(0, 2) in d)) fail(`province ${code} has no department`);
for (const code of Object.keys(t)) if (!(code.slice(0, 4) in p)) fail(`district ${code} has no province`);
for (const code of Object.keys(p)) {
  if (!Object.keys(t).some((c) => c.startsWith(code))) fail(`province ${code} has no district`);
}
const counts = { departments: Object.keys(d).length, provinces: Object.keys(p).length, districts: Object.keys(t).length };
if (JSON.stringify(counts) !== JSON.stringify(EXPECTED)) {
  fail(`counts ${JSON.stringify(counts)}, expected ${JSON.stringify(EXPECTED)}`);
}

// Written by hand rather than by JSON.stringify, which would put "10".."25" before "01".
const jsonRecord = (record) =>
  `{${Object.keys(record)
    .sort()
    .map((code) => `${JSON.stringify(code)}:${JSON.stringify(record[code])}`)
    .join(',')}}`;
const [main, second] = packages;
const version = `inei-2025+${main.name}@${main.version}`;
const source =
  `INEI ubigeo codes and names via the npm packages ${main.name}@${main.version} (${main.license}) and ` +
  `${second.name}@${second.version} (${second.license}), which agree entry for entry; corrected and ` +
  'updated by scripts/build-ubigeo.mjs (see docs/provenance.md)';
// One key per line keeps diffs readable when INEI adds a district.
const json =
  `{\n"version":${JSON.stringify(version)},\n"source":${JSON.stringify(source)},\n` +
  `"d":${jsonRecord(d)},\n"p":${jsonRecord(p)},\n"t":${jsonRecord(t)}\n}\n`;
writeFileSync(OUT, json);
const bytes = Buffer.byteLength(json);
console.log(
  `wrote ${OUT.pathname}: ${counts.departments} departments, ${counts.provinces} provinces, ` +
    `${counts.districts} districts; ${bytes} bytes, ${gzipSync(json, { level: 9 }).length} gzipped`,
);
