/**
 * The dashboard's only script: listens to the turnout stream and moves the figures and bars the
 * server already drew (same markup, so with JavaScript off the page still shows, and refreshes
 * itself). ES5, no library: it runs on an old projector laptop as well as on a phone.
 */
export const liveJs = `(function () {
  var root = document.getElementById('dash');
  if (!root || !window.EventSource) return;
  var status = root.getAttribute('data-status');
  var q = root.getAttribute('data-q');
  var started = status === 'open' ? Date.now() - 1000 * Number(root.getAttribute('data-elapsed') || 0) : null;
  var state = document.getElementById('live-state');

  function each(sel, fn) { var l = root.querySelectorAll(sel); for (var i = 0; i < l.length; i++) fn(l[i]); }
  function put(name, text) { each('[data-f="' + name + '"]', function (el) { el.textContent = text; }); }
  function pct(a, b) { return b ? (Math.floor((a * 20000 + b) / (2 * b)) / 100).toFixed(2) + '%' : '—'; }
  function bar(name, cast, eligible, met) {
    each('svg[data-bar="' + name + '"]', function (svg) {
      var w = Number(svg.getAttribute('data-w'));
      var fill = svg.querySelector('.bar-fill');
      fill.setAttribute('width', String(Math.round(w * Math.min(eligible ? cast / eligible : 0, 1))));
      if (met) fill.classList.add('met'); else fill.classList.remove('met');
    });
  }
  function clock() {
    if (started === null) return;
    var s = Math.max(0, Math.floor((Date.now() - started) / 1000));
    var m = Math.floor(s / 60) % 60, h = Math.floor(s / 3600);
    put('elapsed', h + ':' + (m < 10 ? '0' : '') + m + ':' + (s % 60 < 10 ? '0' : '') + (s % 60));
  }
  var labels = { draft: '草稿', open: '投票中', closed: '已结束' };

  function render(t) {
    put('cast', String(t.cast));
    put('eligible', String(t.eligible));
    put('percent', pct(t.cast, t.eligible));
    put('status', labels[t.status] || t.status);
    bar('all', t.cast, t.eligible, t.quorumMet);
    var quorum = document.getElementById('quorum');
    quorum.className = 'quorum ' + (t.quorumMet ? 'met' : 'short');
    quorum.textContent = t.quorumMet
      ? '已达到 ' + q + ' 线（至少 ' + t.required + ' 票）'
      : '还差 ' + (t.required - t.cast) + ' 票达到 ' + q + ' 线（至少 ' + t.required + ' 票）';
    for (var i = 0; i < t.categories.length; i++) {
      var c = t.categories[i];
      var svg = root.querySelector('svg[data-bar="cat-' + i + '"]');
      var need = svg && svg.getAttribute('data-need');
      put('cat-' + i, c.cast + ' / ' + c.eligible);
      bar('cat-' + i, c.cast, c.eligible, need ? c.cast >= Number(need) : false);
    }
    if (t.slips) {
      put('slips-issued', String(t.slips.issued));
      put('slips-voided', String(t.slips.voided));
      put('slips-used', String(t.slips.used));
      put('slips-unused', String(t.slips.unused));
    }
    if (t.status === 'open' && started === null) started = Date.now();
    if (t.status === 'closed') {
      started = null;
      var note = document.getElementById('closed-note');
      if (note) note.hidden = false;
    }
  }

  var es = new EventSource(root.getAttribute('data-stream'));
  es.addEventListener('turnout', function (e) {
    var t = JSON.parse(e.data);
    render(t);
    state.textContent = '实时更新中';
    if (t.status === 'closed') { es.close(); state.textContent = '投票已结束'; }
  });
  es.onerror = function () { if (es.readyState !== 2) state.textContent = '连接中断，正在重连…'; };
  setInterval(clock, 1000);
  clock();
})();
`;
