// Writes src/core/ubigeo-inei.json: Peru's INEI ubigeo codes (department → province → district)
// in the compact shape src/core/ubigeo.ts reads. Run `node scripts/build-ubigeo.mjs` after
// changing this file or the devDependency; the JSON is committed, the kiosk precaches it.
//
// Source and licence: the npm package `ubigeo-peru` 2.0.2 (src/ubigeo-inei.json), by Angel
// Fernando Quiroz Campos, licensed GPL-3.0, which allows redistributing it and works derived
// from it under the same licence; the codes and names themselves are INEI's public data. The
// JSON written here keeps that attribution in its `source` field. (Whether a GPL-3.0 data file
// is acceptable inside the app bundle is the project's call: the lead was told.)
//
// The package's list stops around 2017 and has errors, so this script corrects it, and fails
// loudly if a correction no longer applies (the upstream data changed: look again by hand):
//  - a header row for province 0102 (Bagua) carries the department code 010000;
//  - provinces 1608 and 2202 carry the wrong name (Maynas, San Martín);
//  - a few names are cut short or misspelt (Fitzcarral, Villa, Toled);
//  - most names lost their accents (Huanuco, Jose, Maria): restored word by word from a list of
//    Spanish words and well-known place names, never guessed for native toponyms;
//  - 17 districts created since (four in La Convención, five in the VRAEM's La Mar and Huanta,
//    Alto Trujillo, ...) are added with the codes INEI gave them, each code and name found in two
//    independent public lists built from INEI or JNE data.
// Districts whose code was still provisional when checked (Sangani 120307, Santa Rosa de Loreto
// 160405) are left out on purpose.
import { readFileSync, writeFileSync } from 'node:fs';
import console from 'node:console';
import process from 'node:process';
import { gzipSync } from 'node:zlib';

const root = new URL('../', import.meta.url);
const PACKAGE = 'ubigeo-peru';
const pkg = JSON.parse(readFileSync(new URL(`node_modules/${PACKAGE}/package.json`, root), 'utf8'));
const rows = JSON.parse(readFileSync(new URL(`node_modules/${PACKAGE}/src/ubigeo-inei.json`, root), 'utf8'));
const OUT = new URL('src/core/ubigeo-inei.json', root);

// What Peru has (INEI, 2025): 24 departments plus the Constitutional Province of Callao, 196
// provinces, 1,891 districts. Checked below so that a silent upstream change cannot slip through.
const EXPECTED = { departments: 25, provinces: 196, districts: 1891 };

/** Rows whose code is wrong in the package, matched by code and name. */
const RECODE = [{ from: '010000', name: 'Bagua', to: '010200' }];

/** Whole names replaced, by code (the package's name is given to check it still applies). */
const RENAME = {
  '020700': ['Carlos Fermín Fitzcarral', 'Carlos Fermín Fitzcarrald'],
  '110300': ['Nazca', 'Nasca'], // INEI writes Nasca for the province and its capital
  '110301': ['Nazca', 'Nasca'],
  '160800': ['Maynas', 'Putumayo'], // province created in 2014 from Maynas
  '220200': ['San Martín', 'Bellavista'],
  '240200': ['Contralmirante Villa', 'Contralmirante Villar'],
  '060506': ['Santa Cruz de Toled', 'Santa Cruz de Toledo'], // cut at INEI's field width
  '070103': ['Carmen de La Legua', 'Carmen de la Legua Reynoso'],
  '100603': ['Hermílio Valdizan', 'Hermilio Valdizán'],
  '200115': ['26 de Octubre', 'Veintiséis de Octubre'],
};

/** Districts missing from the package (created after it was compiled). */
const ADD = {
  '030612': 'Ahuayro',
  '050413': 'Putis',
  '050512': 'Unión Progreso',
  '050513': 'Río Magdalena',
  '050514': 'Ninabamba',
  '050515': 'Patibamba',
  '080915': 'Kumpirushiato',
  '080916': 'Cielo Punco',
  '080917': 'Manitea',
  '080918': 'Unión Asháninka',
  '090724': 'Lambras',
  '090725': 'Cochabamba',
  '130112': 'Alto Trujillo',
  '180107': 'San Antonio',
  '221006': 'Santa Lucía',
  '250306': 'Huipoca',
  '250307': 'Boquerón',
};

/** Accents restored word by word: Spanish given names and words, and place names whose written
 * accent is not in doubt. A word not listed keeps the package's spelling. */
const ACCENTS = Object.fromEntries(
  `Agustín Albarracín Alomía Ancón Andrés Antón Apurímac Ascensión Asís Azángaro Barrón Bartolomé
   Belén Beraún Bermúdez Bolívar Bombón Cáceres Callería Camaná Caravelí Carrión Cayaltí Celendín César Chávez
   Chavín Chepén Chimú Concepción Constitución Contumazá Córdova Cristóbal Dámaso Damián Elías
   Eslabón Fermín Frías Gálvez Guzmán Hernández Héroes Heroínas Hilarión Huamán Huancané Huántar
   Huánuco Huarochirí Huaytará Íllimo Jaén Jerónimo Jesús Joaquín José Juanjuí Julcán Junín López
   Lunahuaná Lurín Máncora Marañón María Márquez Martín Mejía Mochumí Monsefú Monzón Mórrope Morropón
   Nicolás Ordóñez Oyón Oyotún Pachacámac Paiján Perené Perú Piérola Purús Ramón Rázuri Rímac Río
   Román Sánchez Sayán Sebastián Simón Soplín Tomás Túcume Tumán Túpac Unión Valcárcel Valdizán
   Víctor Virú Vizcatán Zúñiga`
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => [word.normalize('NFD').replace(/\u0301/g, '').normalize('NFC'), word]),
);

function fail(message) {
  console.error(`build-ubigeo: ${message}`);
  process.exit(1);
}

const used = new Set();
const fixName = (code, name) => {
  const rename = RENAME[code];
  if (rename) {
    if (rename[0] !== name) fail(`${code} is now "${name}", not "${rename[0]}": check RENAME`);
    used.add(code);
    return rename[1];
  }
  const accented = name
    .split(/([ -])/)
    .map((part) => ACCENTS[part] ?? part)
    .join('')
    // Spanish writes the article in lower case inside a name (Santo Domingo de la Capilla),
    // except where it is part of a proper name (Villa El Salvador, San Miguel de El Faique).
    .replace(/ de La /g, ' de la ');
  return accented;
};

const d = {};
const p = {};
const t = {};
for (const row of rows) {
  let code = `${row.departamento}${row.provincia}${row.distrito}`;
  if (!/^\d{6}$/.test(code)) fail(`malformed code ${JSON.stringify(row)}`);
  const recode = RECODE.find((r) => r.from === code && r.name === row.nombre);
  if (recode) {
    code = recode.to;
    used.add(recode.from);
  }
  const name = fixName(code, row.nombre.trim());
  if (code.slice(2) === '0000') {
    if (code.slice(0, 2) in d) fail(`duplicate department ${code}`);
    d[code.slice(0, 2)] = name;
  } else if (code.slice(4) === '00') {
    if (code.slice(0, 4) in p) fail(`duplicate province ${code}`);
    p[code.slice(0, 4)] = name;
  } else {
    if (code in t) fail(`duplicate district ${code}`);
    t[code] = name;
  }
}
for (const [code, name] of Object.entries(ADD)) {
  if (code in t) fail(`${code} (${name}) is in the package now: drop it from ADD`);
  t[code] = name;
}

const unused = [...RECODE.map((r) => r.from), ...Object.keys(RENAME)].filter((c) => !used.has(c));
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
const version = `inei-2025+${PACKAGE}@${pkg.version}`;
const source =
  `INEI ubigeo codes via the npm package ${PACKAGE}@${pkg.version} (GPL-3.0), ` +
  'corrected and updated by scripts/build-ubigeo.mjs';
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
