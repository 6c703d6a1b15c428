// The API reference page: plain HTML, CSS and a small script served by the app itself, so it works
// offline and under a strict Content-Security-Policy (no CDN). It reads /openapi.json and offers a
// "try it" form per operation, with the bearer token kept in the page only.

export const REFERENCE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ogustine ⇄ QuickBooks API reference</title>
<link rel="stylesheet" href="/reference/reference.css">
</head>
<body>
<header>
  <h1>Ogustine ⇄ QuickBooks Online API</h1>
  <p>Generated from <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
  <label for="token">Bearer token (JWT from Ogustine)</label>
  <input id="token" type="password" autocomplete="off" spellcheck="false">
  <label for="lang">Accept-Language</label>
  <select id="lang"><option value="fr">fr</option><option value="en">en</option></select>
</header>
<main id="operations" aria-live="polite">Loading…</main>
<script src="/reference/reference.js"></script>
</body>
</html>
`;

export const REFERENCE_CSS = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; }
header { padding: 1rem 2rem; background: #0b3d2e; color: #fff; display: grid; gap: .4rem; max-width: 100%; }
header a { color: #cde; }
header input, header select { max-width: 40rem; padding: .4rem; font: inherit; }
main { padding: 1rem 2rem; max-width: 70rem; }
h2 { border-bottom: 1px solid #ccc; margin-top: 2rem; }
details { background: #fff; border: 1px solid #ddd; border-radius: 6px; margin: .5rem 0; }
summary { cursor: pointer; padding: .5rem .8rem; }
summary:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
.method { display: inline-block; min-width: 4.5rem; font-weight: 700; text-transform: uppercase; }
.get { color: #0b6e2e; } .post { color: #8a4b00; } .put { color: #004d99; } .delete { color: #a00; }
.body { padding: .5rem .8rem 1rem; }
pre { background: #f1f1f1; padding: .6rem; overflow: auto; max-height: 24rem; }
label { display: block; margin-top: .4rem; font-weight: 600; }
input, textarea { font: 14px ui-monospace, monospace; width: 100%; box-sizing: border-box; padding: .3rem; }
button { margin-top: .6rem; padding: .4rem 1rem; font: inherit; background: #0b3d2e; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
`;

export const REFERENCE_JS = `
(function () {
  'use strict';
  var main = document.getElementById('operations');
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function resolve(doc, schema) {
    if (schema && schema.$ref) return doc.components.schemas[schema.$ref.split('/').pop()];
    return schema;
  }
  function operationView(doc, path, method, op, index) {
    var id = 'op' + index;
    var params = (op.parameters || []);
    var form = el('form', { 'aria-label': 'Try ' + method.toUpperCase() + ' ' + path });
    params.forEach(function (p) {
      var inputId = id + '-' + p.in + '-' + p.name;
      form.append(el('label', { for: inputId }, [p.in + ' ' + p.name + (p.required ? ' (required)' : '')]));
      form.append(el('input', { id: inputId, name: p.in + ':' + p.name }));
    });
    var body = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
    if (body) {
      form.append(el('label', { for: id + '-body' }, ['JSON body']));
      form.append(el('textarea', { id: id + '-body', name: 'body', rows: '6' }));
    }
    var output = el('pre', { 'aria-live': 'polite' });
    form.append(el('button', { type: 'submit' }, ['Send']));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var url = path;
      var query = new URLSearchParams();
      Array.prototype.forEach.call(form.querySelectorAll('input'), function (input) {
        var parts = input.name.split(':');
        if (input.value === '') return;
        if (parts[0] === 'path') url = url.replace('{' + parts[1] + '}', encodeURIComponent(input.value));
        if (parts[0] === 'query') query.set(parts[1], input.value);
      });
      var qs = query.toString();
      var headers = { 'accept-language': document.getElementById('lang').value };
      var token = document.getElementById('token').value.trim();
      if (token) headers.authorization = 'Bearer ' + token;
      var init = { method: method.toUpperCase(), headers: headers };
      var textarea = form.querySelector('textarea');
      if (textarea && textarea.value.trim() !== '') { headers['content-type'] = 'application/json'; init.body = textarea.value; }
      output.textContent = '…';
      fetch(url + (qs ? '?' + qs : ''), init).then(function (res) {
        return res.text().then(function (text) {
          var shown = text;
          try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON */ }
          output.textContent = res.status + ' ' + res.statusText + '\\n\\n' + shown;
        });
      }).catch(function (e) { output.textContent = String(e); });
    });
    var responses = Object.keys(op.responses || {}).map(function (status) {
      var r = op.responses[status];
      var content = r.content && (r.content['application/json'] || r.content['application/problem+json']);
      var schema = content ? resolve(doc, content.schema) : undefined;
      return el('div', {}, [el('strong', {}, [status + ' ']), r.description || '', schema ? el('pre', {}, [JSON.stringify(schema, null, 2)]) : '']);
    });
    var summary = el('summary', {}, [el('span', { class: 'method ' + method }, [method]), ' ', el('code', {}, [path]), ' — ', op.summary || '']);
    var details = el('details', { id: id }, [summary, el('div', { class: 'body' }, [op.description ? el('p', {}, [op.description]) : '', el('h4', {}, ['Responses'])].concat(responses).concat([el('h4', {}, ['Try it']), form, output]))]);
    return { tag: (op.tags || ['Other'])[0], node: details };
  }
  fetch('/openapi.json').then(function (res) { return res.json(); }).then(function (doc) {
    var byTag = {};
    var index = 0;
    Object.keys(doc.paths).forEach(function (path) {
      Object.keys(doc.paths[path]).forEach(function (method) {
        var view = operationView(doc, path, method, doc.paths[path][method], index++);
        (byTag[view.tag] = byTag[view.tag] || []).push(view.node);
      });
    });
    main.textContent = '';
    Object.keys(byTag).forEach(function (tag) {
      main.append(el('h2', {}, [tag]));
      byTag[tag].forEach(function (node) { main.append(node); });
    });
  }).catch(function (e) { main.textContent = 'Could not load /openapi.json: ' + e; });
})();
`;
