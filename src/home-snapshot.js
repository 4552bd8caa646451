// Paints the stored home screen before the bundle runs: src/app/home-snapshot.ts says why and how.
/* global location, sessionStorage, localStorage, document */
(function () {
  try {
    if (location.pathname !== '/' || location.search) return;
    var lang = sessionStorage.getItem('chaski.lang') || localStorage.getItem('chaski.defaultLang') || 'es';
    var snapshot = JSON.parse(localStorage.getItem('chaski.home.' + lang) || 'null');
    var app = document.getElementById('app');
    if (!app || app.firstChild || !snapshot || snapshot.v !== 1 || snapshot.lang !== lang || typeof snapshot.html !== 'string') return;
    document.documentElement.lang = snapshot.tag;
    app.innerHTML = snapshot.html;
    app.setAttribute('data-snapshot', lang);
  } catch {
    // The app paints as it always did.
  }
})();
