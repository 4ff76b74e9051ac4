// Anzen report: the case browser. Data is read with JSON.parse from the inert JSON block #anzen-cases and shown only
// through textContent and createElement: no string from the run is ever parsed as HTML.
(function () {
  'use strict';
  var PAGE = 300;
  var data = JSON.parse(document.getElementById('anzen-cases').textContent);
  var cases = data.cases;
  var byId = function (id) { return document.getElementById(id); };
  var filters = { target: byId('f-target'), perspective: byId('f-perspective'), lang: byId('f-lang'),
    verdict: byId('f-verdict') };
  var search = byId('f-search');
  var list = byId('case-list-body');
  var countLine = byId('case-count');
  var more = byId('case-more');
  var detail = byId('case-detail');
  var shown = PAGE;
  var selectedRow = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function fill(select, values) {
    values.forEach(function (v) {
      var o = document.createElement('option');
      o.value = v;
      o.textContent = v;
      select.appendChild(o);
    });
  }

  function distinct(field) {
    var seen = {};
    var out = [];
    cases.forEach(function (c) {
      var v = c[field];
      if (v !== null && v !== undefined && !Object.prototype.hasOwnProperty.call(seen, v)) {
        seen[v] = true;
        out.push(v);
      }
    });
    return out;
  }

  fill(filters.target, distinct('target'));
  fill(filters.perspective, distinct('perspective').sort());
  fill(filters.lang, distinct('lang').sort());
  fill(filters.verdict, distinct('verdict').sort());

  function text(c) {
    var parts = [c.case_id, c.response || '', c.evidence || '', c.technique || ''];
    (c.messages || []).forEach(function (m) { parts.push(m.content || ''); });
    return parts.join('\n').toLowerCase();
  }

  function matches(c) {
    for (var k in filters) {
      if (filters[k].value && c[k] !== filters[k].value) { return false; }
    }
    var q = search.value.trim().toLowerCase();
    return !q || text(c).indexOf(q) >= 0;
  }

  function show(c, row) {
    if (selectedRow) { selectedRow.classList.remove('selected'); }
    selectedRow = row;
    row.classList.add('selected');
    detail.replaceChildren();
    var facts = el('dl', 'facts');
    [['target', c.target], ['case', c.case_id], ['language', c.lang], ['perspective', c.perspective],
      ['expected', c.expected], ['technique', c.technique], ['verdict', c.verdict], ['label', c.label],
      ['evidence', c.evidence], ['error', c.error]].forEach(function (f) {
      if (f[1] === null || f[1] === undefined || f[1] === '') { return; }
      facts.appendChild(el('dt', null, f[0]));
      var dd = el('dd', f[0] === 'verdict' ? 'v-' + c.verdict : null, f[1]);
      facts.appendChild(dd);
    });
    detail.appendChild(facts);
    var side = el('div', 'side');
    var left = el('div', 'prompt');
    left.appendChild(el('h3', null, 'Prompt'));
    (c.messages || []).forEach(function (m) {
      var box = el('div', 'msg');
      box.appendChild(el('div', 'role', m.role));
      box.appendChild(el('pre', null, m.content));
      left.appendChild(box);
    });
    var right = el('div', 'response');
    right.appendChild(el('h3', null, 'Response'));
    right.appendChild(el('pre', null, c.response === null || c.response === undefined ? '(no answer)' : c.response));
    side.appendChild(left);
    side.appendChild(right);
    detail.appendChild(side);
  }

  function render() {
    var matched = cases.filter(matches);
    list.replaceChildren();
    matched.slice(0, shown).forEach(function (c) {
      var tr = document.createElement('tr');
      tr.className = 'case';
      [c.target, c.case_id, c.lang, c.perspective].forEach(function (v) { tr.appendChild(el('td', null, v)); });
      tr.appendChild(el('td', 'v-' + c.verdict, c.verdict));
      tr.addEventListener('click', function () { show(c, tr); });
      list.appendChild(tr);
    });
    countLine.textContent = matched.length + ' matching of ' + cases.length + ' case(s) on this page'
      + (matched.length > shown ? '; showing the first ' + shown : '');
    more.hidden = matched.length <= shown;
    document.body.setAttribute('data-cases-rendered', String(Math.min(shown, matched.length)));
  }

  Object.keys(filters).forEach(function (k) {
    filters[k].addEventListener('change', function () { shown = PAGE; render(); });
  });
  search.addEventListener('input', function () { shown = PAGE; render(); });
  more.addEventListener('click', function () { shown += PAGE; render(); });
  render();
  var first = list.querySelector('tr.case');
  if (first) { first.click(); }
}());
