// Paints the stored home screen before the bundle runs: src/app/home-snapshot.ts says why and how.
/* global location, sessionStorage, localStorage, document */
(function () {
  // Only what the app's own home screen is made of (e2e/home-snapshot.spec.ts fails if it grows
  // past this list): a snapshot planted in localStorage by anyone else may not redirect the page
  // (<meta>), move its links (<base>, an outside href), load anything or run anything.
  var TAGS = /^(a|button|circle|div|footer|form|h1|h2|header|input|label|li|main|nav|p|path|rect|span|svg|ul)$/;
  var ATTRIBUTES = /^(aria-[a-z]+|data-[a-z-]+|autocomplete|class|cx|cy|d|fill|focusable|for|height|href|id|lang|name|placeholder|r|role|rx|stroke|stroke-[a-z]+|tabindex|type|viewbox|width)$/;
  var INSIDE_HREF = /^(\/(?![/\\])|#)/;

  function isHomeMarkup(fragment) {
    var elements = fragment.querySelectorAll('*');
    for (var i = 0; i < elements.length; i++) {
      var el = elements[i];
      if (!TAGS.test(el.localName)) return false;
      for (var j = 0; j < el.attributes.length; j++) {
        var attribute = el.attributes[j];
        var name = attribute.name.toLowerCase();
        if (!ATTRIBUTES.test(name) || (name === 'href' && !INSIDE_HREF.test(attribute.value))) return false;
      }
    }
    return true;
  }

  try {
    if (location.pathname !== '/' || location.search) return;
    var lang = sessionStorage.getItem('chaski.lang') || localStorage.getItem('chaski.defaultLang') || 'es';
    var snapshot = JSON.parse(localStorage.getItem('chaski.home.' + lang) || 'null');
    var app = document.getElementById('app');
    if (!app || app.firstChild || !snapshot || snapshot.v !== 1 || snapshot.lang !== lang || typeof snapshot.html !== 'string') return;
    // Parsed inert (a template's content loads and runs nothing), checked, then moved in.
    var template = document.createElement('template');
    template.innerHTML = snapshot.html;
    if (!isHomeMarkup(template.content)) return;
    document.documentElement.lang = snapshot.tag;
    app.appendChild(template.content);
    app.setAttribute('data-snapshot', lang);
  } catch {
    // The app paints as it always did.
  }
})();
