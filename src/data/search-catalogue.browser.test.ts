// Search over the real catalogue (every file in content/), stored in real IndexedDB the way a
// pull stores it: each service must be found by the names patrons really type, in Spanish and in
// Quechua, among the first results on the screen.
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../core/protocol';
import { CONTENT_KINDS, validateRecord } from '../core/records';
import { searchCatalogue as searchGuides } from './search';
import { applyChangesPage } from './catalog-apply';
import { database } from './db';

const files = {
  category: import.meta.glob<string>('../../content/categories/*.yaml', { query: '?raw', import: 'default', eager: true }),
  guide: import.meta.glob<string>('../../content/guides/*.yaml', { query: '?raw', import: 'default', eager: true }),
  form: import.meta.glob<string>('../../content/forms/*.yaml', { query: '?raw', import: 'default', eager: true }),
  term: import.meta.glob<string>('../../content/terms/*.yaml', { query: '?raw', import: 'default', eager: true }),
};

/** What a patron types → the guide that must be among the first three results. Spanish:
 * everyday names and abbreviations, typed without accents. */
const SPANISH: Array<[query: string, guide: string]> = [
  ['dni perdido', 'dni-duplicado'],
  ['dni vencido', 'dni-renovacion'],
  ['primer dni', 'dni-mayor-primera-vez'],
  ['dni para bebe', 'dni-menor'],
  ['partida de nacimiento', 'acta-nacimiento-copia'],
  ['partida de matrimonio', 'acta-matrimonio-copia'],
  ['acta de defuncion', 'acta-defuncion-copia'],
  ['inscribir bebe', 'registro-civil-nacimiento'],
  ['sis gratis', 'sis-gratuito'],
  ['sis independiente', 'sis-independiente'],
  ['essalud asegurado', 'essalud-consultar-seguro'],
  ['pension 65', 'pension-65'],
  ['juntos', 'juntos'],
  ['sisfoh', 'clasificacion-socioeconomica'],
  ['actualizar cse', 'ule-actualizar-cse'],
  ['contigo discapacidad', 'contigo'],
  ['cuna mas', 'cuna-mas'],
  ['beca 18', 'beca-18'],
  ['beca permanencia', 'beca-permanencia'],
  ['matricula colegio', 'matricula-escolar'],
  ['cul', 'certificado-unico-laboral'],
  ['antecedentes penales', 'antecedentes-penales'],
  ['antecedentes policiales', 'antecedentes-policiales'],
  ['antecedentes judiciales', 'antecedentes-judiciales'],
  ['jubilacion onp', 'pension-onp'],
  ['cuenta dni', 'cuenta-dni'],
  ['pagalo', 'pagalo-pe'],
  ['ruc', 'ruc-persona'],
  ['alerta registral', 'sunarp-alerta-registral'],
  ['interprete', 'interprete-lenguas-indigenas'],
  ['atencion en quechua', 'atencion-en-quechua'],
  ['omaped', 'omaped-registro-discapacidad'],
  ['violencia familiar', 'violencia-familiar'],
  ['me pega mi esposo', 'violencia-familiar'],
  ['linea 100', 'violencia-familiar'],
  // rural-amazon
  ['barco del estado en el rio', 'pias-plataformas-itinerantes'],
  ['pias', 'pias-plataformas-itinerantes'],
  ['tambo', 'tambo-programa-pais'],
  ['reconocimiento de comunidad nativa', 'comunidad-reconocimiento'],
  ['inscribir comunidad campesina', 'comunidad-reconocimiento'],
  ['titulo de mi chacra', 'titulacion-tierras-rurales'],
  ['cofopri', 'titulacion-tierras-rurales'],
  ['padron de productores agrarios', 'padron-productores-agro-rural'],
  ['agro rural', 'padron-productores-agro-rural'],
  // family-food-health
  ['vale de gas', 'vale-fise'],
  ['fise', 'vale-fise'],
  ['qali warma', 'wasi-mikuna'],
  ['desayuno del colegio', 'wasi-mikuna'],
  ['vaso de leche', 'vaso-de-leche'],
  ['vacunas del bebe', 'cred-vacunas'],
  ['control cred', 'cred-vacunas'],
  ['control prenatal', 'control-prenatal'],
  ['embarazada', 'control-prenatal'],
  ['casa materna', 'control-prenatal'],
  ['balon de gas', 'vale-fise'],
  ['leche para mi hijo', 'vaso-de-leche'],
  ['vacuna', 'cred-vacunas'],
  ['embarazo', 'control-prenatal'],
  ['parto', 'control-prenatal'],
  ['comida colegio', 'wasi-mikuna'],
  ['peso y talla', 'cred-vacunas'],
  ['anemia', 'cred-vacunas'],
  // justice-records-work
  ['poner denuncia en la comisaria', 'denuncia-policial'],
  ['me robaron denuncia', 'denuncia-policial'],
  ['juez de paz', 'juez-de-paz'],
  ['pelea con vecino', 'juez-de-paz'],
  ['queja defensoria del pueblo', 'defensoria-del-pueblo-queja'],
  ['me trataron mal en la municipalidad', 'defensoria-del-pueblo-queja'],
  ['no tengo partida de nacimiento', 'inscripcion-nacimiento-tardia'],
  ['inscripcion extemporanea', 'inscripcion-nacimiento-tardia'],
  ['corregir partida de nacimiento', 'rectificacion-acta'],
  ['nombre mal escrito en la partida', 'rectificacion-acta'],
  ['certificado de estudios', 'certificado-de-estudios'],
  ['certificado de secundaria del colegio', 'certificado-de-estudios'],
  ['busco trabajo', 'empleos-peru'],
  ['bolsa de trabajo', 'empleos-peru'],
  ['lurawi', 'llamkasun-peru'],
  ['trabaja peru', 'llamkasun-peru'],
  ['trabajo temporal en obras', 'llamkasun-peru'],
  // rural-services-forms
  ['gastos de sepelio sis', 'sepelio-sis'],
  ['murio mi papa entierro', 'sepelio-sis'],
  ['seguro agricola', 'seguro-agricola-catastrofico'],
  ['la helada malogro mi chacra', 'seguro-agricola-catastrofico'],
  ['reparacion victimas del terrorismo', 'registro-victimas-reparaciones'],
  ['registro unico de victimas', 'registro-victimas-reparaciones'],
  ['familiar desaparecido', 'registro-victimas-reparaciones'],
  ['vivienda rural', 'vivienda-rural'],
  ['casa contra la helada', 'vivienda-rural'],
  ['haku winay', 'haku-winay'],
  ['foncodes proyecto de cuyes', 'haku-winay'],
  ['casarse por civil', 'matrimonio-civil'],
  ['matrimonio comunitario gratis', 'matrimonio-civil'],
];

/** Quechua: the names the guides use, as patrons type them (no apostrophes or accents needed). */
const QUECHUA: Array<[query: string, guide: string]> = [
  ['paqarimuy qillqa', 'acta-nacimiento-copia'],
  ['chinkachisqa dni', 'dni-duplicado'],
  ['tukusqa dni', 'dni-renovacion'],
  ['wawa dni', 'dni-menor'],
  ['kasarakuy qillqa', 'acta-matrimonio-copia'],
  ['wañuy qillqa', 'acta-defuncion-copia'],
  ['hampikuy amachay', 'sis-gratuito'],
  ['yuyaqkunapaq qullqi', 'pension-65'],
  ['yuyaq kay qullqi onp', 'pension-onp'],
  ['hatun yachay wasi', 'beca-18'],
  ['llamkay maskay', 'certificado-unico-laboral'],
  ['pnp huchakuna', 'antecedentes-policiales'],
  ['wasi ayllupa kawsaynin', 'clasificacion-socioeconomica'],
  ['diskapasidad qullqi', 'contigo'],
  ['wawa qhawana', 'cuna-mas'],
  ['qullqi waqaychana', 'cuenta-dni'],
  ['simi tikraq', 'interprete-lenguas-indigenas'],
  ['runasimipi uyarisqa', 'atencion-en-quechua'],
  ['yachay wasi matrikula', 'matricula-escolar'],
  ['impuwistu', 'ruc-persona'],
  ['wasi chakra sunarp', 'sunarp-alerta-registral'],
  ['ayllu ukhupi maqay', 'violencia-familiar'],
  // rural-amazon
  ['mayu wampu', 'pias-plataformas-itinerantes'],
  ['tambokuna', 'tambo-programa-pais'],
  ['kumunidad riqsichiy', 'comunidad-reconocimiento'],
  ['allpa titulu', 'titulacion-tierras-rurales'],
  ['chakra llamkaq', 'padron-productores-agro-rural'],
  // family-food-health
  ['gas balun', 'vale-fise'],
  ['yachay wasi mikhuna', 'wasi-mikuna'],
  ['wawakunapaq lichi', 'vaso-de-leche'],
  ['wawa wakuna', 'cred-vacunas'],
  ['wiksayuq warmi', 'control-prenatal'],
  ['wachakuy', 'control-prenatal'],
  ['lichi', 'vaso-de-leche'],
  ['wakuna', 'cred-vacunas'],
  ['qali warma', 'wasi-mikuna'],
  ['yawar pisiy', 'cred-vacunas'],
  // justice-records-work
  ['kumisaryapi willakuy', 'denuncia-policial'],
  ['runamasiwan sasachakuy', 'juez-de-paz'],
  ['defensoriapi anyakuy', 'defensoria-del-pueblo-queja'],
  ['qhipata qillqachiy', 'inscripcion-nacimiento-tardia'],
  ['paqarimuy qillqa allichay', 'rectificacion-acta'],
  ['yachay wasi qillqa nuta', 'certificado-de-estudios'],
  ['llamkay maskay', 'empleos-peru'],
  ['pisi pachapaq llamkay', 'llamkasun-peru'],
  // rural-services-forms
  ['pampaypaq qullqi', 'sepelio-sis'],
  ['chakra waqllisqa', 'seguro-agricola-catastrofico'],
  ['maqanakuy pacha', 'registro-victimas-reparaciones'],
  ['sumaq wasi', 'vivienda-rural'],
  ['quwi wallpa uywaykuna', 'haku-winay'],
  ['kasarakuyta munani', 'matrimonio-civil'],
];

/** As patrons really type: spelling by ear, a slip of a finger, numbers glued on, whole sentences
 * around the word that matters. */
const FORGIVING: Array<[query: string, guide: string]> = [
  ['pencion', 'pension-65'],
  ['pension65', 'pension-65'],
  ['pensoin 65', 'pension-65'],
  ['reniek dni', 'dni-duplicado'],
  ['senso', 'clasificacion-socioeconomica'],
  ['censo del hogar', 'clasificacion-socioeconomica'],
  ['quiero mi dni', 'dni-duplicado'],
  ['quiero sacar mi partida', 'acta-nacimiento-copia'],
  ['juntos cobro', 'juntos'],
  ['como cobro pension 65', 'pension-65'],
  ['beca18', 'beca-18'],
  ['vecas', 'beca-18'],
  ['matricula colejio', 'matricula-escolar'],
  ['antesedentes penales', 'antecedentes-penales'],
  ['jubilasion', 'pension-onp'],
  ['duplicdo dni', 'dni-duplicado'],
  ['clasificasion socioeconomica', 'clasificacion-socioeconomica'],
  ['esalud', 'essalud-consultar-seguro'],
  ['interprete quechua', 'interprete-lenguas-indigenas'],
  ['dni de mi wawa', 'dni-menor'],
  ['huahua dni', 'dni-menor'],
  ['ampikuy amachay', 'sis-gratuito'],
  ['yuyakkunapak kulki', 'pension-65'],
];

/** The first result must be the service itself, not one that merely mentions the word. */
const FIRST: Array<[query: string, guides: string[]]> = [
  ['dni', ['dni-duplicado', 'dni-mayor-primera-vez', 'dni-menor', 'dni-renovacion']],
  ['sis', ['sis-gratuito']],
  ['reniec', ['dni-duplicado', 'dni-mayor-primera-vez', 'dni-menor', 'dni-renovacion', 'acta-nacimiento-copia']],
  ['beca', ['beca-18', 'beca-permanencia']],
  ['pension', ['pension-65', 'pension-onp']],
];

/** Forms are found too: the complaints book is not a guide. */
const FORMS: Array<[query: string, form: string]> = [
  ['reclamo', 'libro-reclamaciones'],
  ['libro de reclamaciones', 'libro-reclamaciones'],
  ['queja', 'libro-reclamaciones'],
  ['interprete', 'solicitud-interprete'],
];

const QUERIES = [...SPANISH, ...QUECHUA, ...FORGIVING];

beforeAll(async () => {
  const db = database();
  await db.transaction('rw', [db.categories, db.guides, db.forms, db.meta], async () => {
    await Promise.all([db.categories.clear(), db.guides.clear(), db.forms.clear(), db.meta.clear()]);
  });
  const changes: Change[] = [];
  for (const kind of CONTENT_KINDS) {
    for (const [path, text] of Object.entries(files[kind])) {
      const result = validateRecord(kind, parse(text));
      if (!result.ok) throw new Error(`${path}: ${JSON.stringify(result.issues)}`);
      changes.push({ kind, id: result.value.id, version: 1, op: 'put', data: result.value });
    }
  }
  await applyChangesPage({ changes, cursor: 'all', more: false }, undefined);
});

describe('search over the whole catalogue', () => {
  it('has every guide of content/ stored', async () => {
    expect(await database().guides.count()).toBe(Object.keys(files.guide).length);
  });

  it.each(QUERIES)('"%s" finds %s among the first three results', async (query, guide) => {
    const found = (await searchGuides(query)).guides.map((g) => g.id);
    expect(found.slice(0, 3)).toContain(guide);
  });

  it.each(FIRST)('"%s" puts the service itself first', async (query, guides) => {
    const [first] = (await searchGuides(query)).guides;
    expect(guides).toContain(first?.id);
  });

  it.each(FORMS)('"%s" finds the form %s', async (query, form) => {
    expect((await searchGuides(query)).forms.map((f) => f.id)).toContain(form);
  });

  it('finds a topic by its name, and a query of nothing known finds nothing rather than everything', async () => {
    expect((await searchGuides('salud')).categories.map((c) => c.id)).toContain('salud');
    expect(await searchGuides('xilofono zzzz')).toMatchObject({ total: 0, forms: [], categories: [] });
  });

  it('leaves one timing entry however many keystrokes were searched (a kiosk page lives all day)', async () => {
    for (const prefix of ['d', 'dn', 'dni', 'dni p', 'dni pe', 'dni per', 'dni perd', 'dni perdi']) await searchGuides(prefix);
    expect(performance.getEntriesByName('chaski:search')).toHaveLength(1);
  });

  it('covers at least 40 real-world queries, in both languages, and every guide at least once', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(40);
    expect(Math.min(SPANISH.length, QUECHUA.length)).toBeGreaterThanOrEqual(15);
    expect(new Set(QUERIES.map(([, guide]) => `${guide}.yaml`))).toEqual(new Set(Object.keys(files.guide).map((p) => p.split('/').pop())));
  });
});
