// The editors' review page of recorded guides (served by src/server/routes/admin-recordings.ts):
// asks the admin token once and keeps it in sessionStorage (this tab only, gone when it closes),
// lists the pending recordings, plays each (fetched with the token, played as a blob: URL) and
// approves or rejects it with a reason. Plain script: the server's CSP runs no inline code.
const API = '/api/v1/admin/recordings';
const KEY = 'chaski-admin-token';
const $ = (selector, root = document) => root.querySelector(selector);
const PARTS = { summary: 'Resumen', audience: 'Para quién es', requirements: 'Requisitos', cost: 'Costo', where: 'Dónde', problems: 'Si hay problemas' };
const LANGS = { es: 'Castellano', qu: 'Quechua', quz: 'Quechua Cusco-Collao', ay: 'Aimara' };
const partName = (part) => PARTS[part] ?? part.replace(/^step-(\d+)$/, 'Paso $1');
const say = (text) => ($('#status').textContent = text);

async function call(path, init = {}) {
  const response = await fetch(path, { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${sessionStorage.getItem(KEY)}` } });
  if (response.status === 401) {
    sessionStorage.removeItem(KEY);
    show();
    $('#login-error').textContent = 'La clave no es válida: escríbala de nuevo.';
    throw new Error('La clave no es válida.');
  }
  if (!response.ok) throw new Error((await response.json().catch(() => null))?.error?.message ?? `Error ${response.status}`);
  return response;
}

function item(recording) {
  const node = $('#item').content.firstElementChild.cloneNode(true);
  // Every item has the same buttons: each names its recording (the heading) to a screen reader.
  const title = $('.title', node);
  title.id = `title-${recording.id}`;
  title.textContent = `${recording.guideTitle ?? recording.guideId} · ${partName(recording.part)} · ${LANGS[recording.lang] ?? recording.lang}`;
  for (const control of node.querySelectorAll('button')) control.setAttribute('aria-describedby', title.id);
  $('.part', node).textContent = partName(recording.part);
  $('.lang', node).textContent = LANGS[recording.lang] ?? recording.lang;
  $('.who', node).textContent = recording.recordedBy;
  $('.library', node).textContent = recording.library;
  $('.when', node).textContent = new Date(recording.recordedAt).toLocaleString('es-PE');
  $('.duration', node).textContent = `${Math.round(recording.durationMs / 1000)} s`;
  $('.text', node).textContent = recording.text ?? '(la guía ya no tiene este texto)';
  $('.changed', node).hidden = !recording.textChanged;
  const audio = $('audio', node);
  audio.setAttribute('aria-label', `Grabación: ${partName(recording.part)}`);
  $('.listen', node).addEventListener('click', async (event) => {
    try {
      const blob = await (await call(`${API}/${recording.id}/audio`)).blob();
      audio.src = URL.createObjectURL(blob);
      audio.hidden = false;
      event.target.hidden = true;
      audio.focus();
      await audio.play().catch(() => undefined);
    } catch (error) {
      say(error.message);
    }
  });
  $('.approve', node).addEventListener('click', async () => {
    try {
      await call(`${API}/${recording.id}/approve`, { method: 'POST' });
      say(`Aprobada y publicada: ${recording.guideTitle ?? recording.guideId}, ${partName(recording.part)}.`);
      node.remove();
    } catch (error) {
      say(error.message);
    }
  });
  $('.reject', node).addEventListener('submit', async (event) => {
    event.preventDefault();
    const reason = event.target.elements.reason.value.trim();
    if (!reason) return say('Escriba el motivo del rechazo.');
    try {
      await call(`${API}/${recording.id}/reject`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason }) });
      say(`Rechazada: ${recording.guideTitle ?? recording.guideId}, ${partName(recording.part)}.`);
      node.remove();
    } catch (error) {
      say(error.message);
    }
  });
  return node;
}

async function load() {
  say('Cargando…');
  try {
    const { recordings } = await (await call(`${API}?status=pending`)).json();
    $('#list').replaceChildren(...recordings.map(item));
    say(recordings.length === 0 ? 'No hay grabaciones pendientes.' : `${recordings.length} grabaciones pendientes.`);
  } catch (error) {
    say(error.message);
  }
}

function show() {
  const signedIn = Boolean(sessionStorage.getItem(KEY));
  $('#login').hidden = signedIn;
  $('#review').hidden = !signedIn;
  if (signedIn) void load();
  else $('#token').focus();
}

$('#login').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, $('#token').value.trim());
  $('#token').value = '';
  $('#login-error').textContent = '';
  show();
});
$('#reload').addEventListener('click', () => void load());
$('#logout').addEventListener('click', () => {
  sessionStorage.removeItem(KEY);
  $('#list').replaceChildren();
  show();
});
show();
