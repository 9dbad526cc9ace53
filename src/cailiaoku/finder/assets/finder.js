/* cailiaoku finder page (finder.html): query box, exact toggle, filters with counts, ranked results
 * with highlights, copy and 加入草稿, paging, state in the URL hash
 * (#q=…&exact=1&syn=1&fold=1&theme=…&role=…&kind=…&year=…&org=…&ph=1). */
(function () {
  "use strict";
  var C = window.Cailiaoku;
  var F = C.finder, M = C.data.manifest;
  var root = document.getElementById("ck-finder");
  if (!root) { return; }
  var PAGE = M.spec.data.page_size;
  var BASKET = "cailiaoku.draft.basket";
  var LIST_FACETS = ["theme", "role", "kind", "year", "org"];
  var LABELS = { theme: "主题", role: "角色", kind: "文种", year: "年份", org: "单位", ph: "占位符" };
  var KIND_ORDER = M.kinds || [];  /* taxonomy.yaml kinds:, in their order */
  var engine = null, shown = 0, last = null, timer = null, seq = 0, running = 0;
  var state = { q: "", exact: false, syn: false, fold: false, filters: {} };

  root.innerHTML =
    '<form class="ck-finder-form" role="search">' +
    '<input type="search" class="ck-finder-q" name="q" autocomplete="off" aria-label="检索词" ' +
    'placeholder="输入检索词，如：三审三校　舆情 监测　网络安全 -舆情　&quot;理论学习中心组&quot;">' +
    '<label class="ck-finder-exact"><input type="checkbox" name="exact"> 精确匹配</label>' +
    '<label class="ck-finder-exact ck-finder-syn" title="同时查找 taxonomy.yaml 中列出的近义说法，如 网评 与 网络评论">' +
    '<input type="checkbox" name="syn"> 含近义词</label>' +
    '<label class="ck-finder-exact" title="其他范文中几乎相同的段落并入排在前面的一条">' +
    '<input type="checkbox" name="fold"> 合并相近写法</label>' +
    '<button type="submit" class="md-button md-button--primary">检索</button></form>' +
    '<p class="ck-finder-help">按词检索，结果按相关程度排序：空格分开的几个词须同时出现；词前加“-”表示排除；' +
    '用引号括起的短语或勾选“精确匹配”时按原文逐字查找（全角半角标点、引号视为相同）。' +
    '词语也按细分词查找（“舆情监测”也找到分开写的“舆情……监测”）；勾选“含近义词”时一并查找“网评”与“网络评论”这样的说法。</p>' +
    '<div class="ck-finder-body"><aside class="ck-facets" id="ck-facets" aria-label="筛选"></aside>' +
    '<section class="ck-finder-main"><div class="ck-filterbar">' +
    '<button type="button" class="ck-filter-toggle" aria-expanded="false" aria-controls="ck-facets">筛选</button>' +
    '<div class="ck-chips" aria-label="已选的筛选条件"></div></div>' +
    '<div class="ck-status" role="status" aria-live="polite">正在加载数据…</div>' +
    '<ol class="ck-results"></ol><button type="button" class="md-button ck-more" hidden>显示更多</button>' +
    '</section></div>';
  var form = root.querySelector("form"), input = form.elements.q, exactBox = form.elements.exact, synBox = form.elements.syn;
  var foldBox = form.elements.fold;
  var facetsEl = root.querySelector(".ck-facets"), statusEl = root.querySelector(".ck-status");
  var listEl = root.querySelector(".ck-results"), moreEl = root.querySelector(".ck-more");
  var bodyEl = root.querySelector(".ck-finder-body"), chipsEl = root.querySelector(".ck-chips");
  var toggleEl = root.querySelector(".ck-filter-toggle");

  /* ---- URL hash state ---- */
  function themeName(v) {
    var i = (M.themeSlugs || []).indexOf(v);
    return i >= 0 ? M.themes[i] : v;
  }
  function roleKey(v) {
    if (M.roles[v]) { return v; }
    var key = Object.keys(M.roles).filter(function (k) { return M.roles[k] === v; })[0];
    return key || v;
  }
  function readHash() {
    var s = { q: "", exact: false, syn: false, fold: false, filters: {} };
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      if (!pair) { return; }
      var at = pair.indexOf("="), key = at < 0 ? pair : pair.slice(0, at), raw = at < 0 ? "" : pair.slice(at + 1);
      var dec = function (x) { try { return decodeURIComponent(x.replace(/\+/g, " ")); } catch (e) { return x; } };
      if (key === "q") { s.q = dec(raw); } else if (key === "exact") { s.exact = raw === "1"; } else if (key === "syn") {
        s.syn = raw === "1";
      } else if (key === "fold") {
        s.fold = raw === "1";
      } else if (key === "ph") {
        if (raw === "1") { s.filters.ph = ["1"]; }
      } else if (LIST_FACETS.indexOf(key) >= 0) {
        var vals = raw.split(",").map(dec).filter(Boolean);
        if (key === "theme") { vals = vals.map(themeName); }
        if (key === "role") { vals = vals.map(roleKey); }
        if (vals.length) { s.filters[key] = vals; }
      }
    });
    return s;
  }
  function writeHash(s) {
    var parts = [];
    if (s.q) { parts.push("q=" + encodeURIComponent(s.q)); }
    if (s.exact) { parts.push("exact=1"); }
    if (s.syn) { parts.push("syn=1"); }
    if (s.fold) { parts.push("fold=1"); }
    LIST_FACETS.forEach(function (f) {
      var v = s.filters[f];
      if (v && v.length) { parts.push(f + "=" + v.map(encodeURIComponent).join(",")); }
    });
    if (s.filters.ph && s.filters.ph.length) { parts.push("ph=1"); }
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (hash !== location.hash && !(hash === "" && location.hash === "#")) {
      history.replaceState(null, "", location.pathname + location.search + hash);
    }
  }

  /* ---- facets ---- */
  function facetValues(f) {
    var docs = engine.meta.docOrder.map(function (id) { return C.data.documents[id]; });
    var uniq = function (xs) { return xs.filter(function (x, i) { return x !== "" && xs.indexOf(x) === i; }); };
    if (f === "theme") { return M.themes.map(function (t) { return [t, t]; }); }
    if (f === "role") { return Object.keys(M.roles).map(function (k) { return [k, M.roles[k]]; }); }
    if (f === "kind") {
      return uniq(docs.map(function (d) { return d.kind || ""; })).sort(function (a, b) {
        return (KIND_ORDER.indexOf(a) + 1 || 99) - (KIND_ORDER.indexOf(b) + 1 || 99);
      }).map(function (k) { return [k, k]; });
    }
    if (f === "year") {
      return uniq(docs.map(function (d) { return d.year === null || d.year === undefined ? "" : String(d.year); }))
        .sort().reverse().map(function (y) { return [y, y + "年"]; });
    }
    return uniq(docs.map(function (d) { return d.org || ""; })).map(function (o) { return [o, o]; });
  }
  function renderFacets(counts) {
    var html = "";
    LIST_FACETS.concat(["ph"]).forEach(function (f) {
      var values = f === "ph" ? [["1", "含待填占位符（*、x、〔...〕等）"]] : facetValues(f);
      var chosen = state.filters[f] || [];
      html += '<fieldset class="ck-facet" data-facet="' + f + '"><legend>' + LABELS[f] + "</legend>";
      values.forEach(function (pair) {
        var n = (counts[f] && counts[f][pair[0]]) || 0, on = chosen.indexOf(pair[0]) >= 0;
        html += '<label class="ck-facet-value' + (n || on ? "" : " ck-zero") + '"><input type="checkbox" value="' +
          F.escapeHtml(pair[0]) + '"' + (on ? " checked" : "") + "> " + F.escapeHtml(pair[1]) +
          ' <span class="ck-count">' + n + "</span></label>";
      });
      html += "</fieldset>";
    });
    facetsEl.innerHTML = html;
    renderChips();
  }

  /* Active filters as removable chips above the results (on a phone the panel itself is folded). */
  function valueLabel(f, v) {
    if (f === "ph") { return "含占位符"; }
    if (f === "role") { return M.roles[v] || v; }
    return f === "year" ? v + "年" : v;
  }
  function renderChips() {
    var html = "", n = 0;
    LIST_FACETS.concat(["ph"]).forEach(function (f) {
      (state.filters[f] || []).forEach(function (v) {
        n++;
        html += '<button type="button" class="ck-chip-remove" data-facet="' + f + '" data-value="' + F.escapeHtml(v) +
          '" title="去掉这个条件">' + LABELS[f] + "：" + F.escapeHtml(valueLabel(f, v)) + ' <span aria-hidden="true">×</span></button>';
      });
    });
    if (n > 1) { html += '<button type="button" class="ck-chip-clear">全部清除</button>'; }
    chipsEl.innerHTML = html;
    toggleEl.textContent = n ? "筛选（" + n + "）" : "筛选";
  }
  chipsEl.addEventListener("click", function (ev) {
    var chip = ev.target.closest("button");
    if (!chip) { return; }
    if (chip.classList.contains("ck-chip-clear")) { state.filters = {}; } else {
      var f = chip.getAttribute("data-facet"), v = chip.getAttribute("data-value");
      var vals = (state.filters[f] || []).filter(function (x) { return x !== v; });
      if (vals.length) { state.filters[f] = vals; } else { delete state.filters[f]; }
    }
    run();
  });
  toggleEl.addEventListener("click", function () {
    var open = !bodyEl.classList.contains("ck-filters-open");
    bodyEl.classList.toggle("ck-filters-open", open);
    toggleEl.setAttribute("aria-expanded", open ? "true" : "false");
  });
  facetsEl.addEventListener("change", function (ev) {
    var box = ev.target, f = box.closest(".ck-facet").getAttribute("data-facet");
    var vals = (state.filters[f] || []).filter(function (v) { return v !== box.value; });
    if (box.checked) { vals.push(box.value); }
    if (vals.length) { state.filters[f] = vals; } else { delete state.filters[f]; }
    run();
  });

  /* ---- results ---- */
  function pathOf(o) {
    /* a parent is in the same document, so in the same chunk (row[6]: its ordinal) */
    var meta = engine.meta, trail = [], p = C.data.rowOf(meta, o)[6], guard = 0;
    while (p >= 0 && guard++ < 20) {
      var row = C.data.rowOf(meta, p);
      trail.unshift((row[2] || "") + (row[3] || ""));
      p = row[6];
    }
    return trail;
  }
  function copyText(p) {
    var head = (p.number || "") + (p.heading || "");
    return head && p.text ? head + "\n" + p.text : head || p.text;
  }
  /* 相似写法 of a passage (build-time near-duplicates) and the hits folded under it. */
  function similarHtml(o) {
    var sim = C.data.similarOf(engine.meta, o), items = "";
    sim.forEach(function (q) {
      var d = C.data.documents[q.doc] || {};
      var text = q.text.length > 80 ? q.text.slice(0, 80) + "…" : q.text;
      items += '<li data-passage-id="' + F.escapeHtml(q.id) + '"><a href="p/' + encodeURIComponent(q.id) + '.html">' +
        F.escapeHtml((q.number || "") + (q.heading || text.slice(0, 20))) + "</a> " +
        '<span class="ck-similar-score" title="字面相似度 ' + q.score + '%">' + (q.score >= 60 ? "几乎相同" : "写法相近") +
        '</span><div class="ck-similar-text">' + F.escapeHtml(text) + '</div><div class="ck-hit-path">' +
        F.escapeHtml(d.title || q.doc) + "</div></li>";
    });
    return items ? '<details class="ck-similar"><summary>相似写法（' + sim.length + "）</summary><ol>" + items + "</ol></details>" : "";
  }
  function renderHit(hit, marks) {
    var p = C.data.passageAt(engine.meta, hit.o), doc = C.data.documents[p.doc] || {};
    var li = document.createElement("li");
    li.className = "ck-hit";
    li.setAttribute("data-passage-id", p.id);
    var trail = [doc.title || p.doc].concat(pathOf(hit.o)).map(F.escapeHtml).join(" › ");
    var tags = [M.roles[p.role] || p.role].concat(p.themes).concat([doc.year ? doc.year + "年" : "", doc.org, doc.kind])
      .filter(Boolean).map(function (t) { return '<span class="ck-tag">' + F.escapeHtml(t) + "</span>"; }).join("");
    li.innerHTML = '<div class="ck-hit-path">' + trail + "</div>" +
      (p.heading ? '<div class="ck-hit-heading">' + F.escapeHtml(p.number || "") + F.highlight(p.heading, marks) + "</div>" : "") +
      (p.text ? '<div class="ck-hit-text">' + F.highlight(p.text, marks) + "</div>" : "") +
      '<div class="ck-hit-tags">' + tags + "</div>" + similarHtml(hit.o) +
      '<div class="ck-hit-actions"><a href="p/' + encodeURIComponent(p.id) + '.html">段落页</a>' +
      '<a href="source/' + encodeURIComponent(p.doc) + ".html#" + encodeURIComponent(p.id) + '">原文位置</a>' +
      '<button type="button" class="ck-copy md-button">复制</button>' +
      '<button type="button" class="ck-add-draft md-button" data-passage-id="' + F.escapeHtml(p.id) + '">加入草稿</button></div>';
    li.querySelector(".ck-copy").setAttribute("data-copy-text", copyText(p));
    if (hit.folded && hit.folded.length) {
      var more = document.createElement("details");
      more.className = "ck-folded";
      more.innerHTML = "<summary>另有 " + hit.folded.length + " 种相近写法</summary>";
      var sub = document.createElement("ol");
      sub.className = "ck-results ck-folded-list";
      hit.folded.forEach(function (f) { sub.appendChild(renderHit(f, marks)); });
      more.appendChild(sub);
      li.appendChild(more);
    }
    return li;
  }
  function showMore() {
    var result = last, end = Math.min(last.hits.length, shown + PAGE);
    moreEl.disabled = true;
    return engine.page(result.hits, shown, end).then(function () {
      moreEl.disabled = false;
      if (result === last) { appendHits(end); }
    }, function (err) { moreEl.disabled = false; statusEl.textContent = "数据加载失败：" + err.message; });
  }
  function appendHits(end) {
    var frag = document.createDocumentFragment();
    for (var i = shown; i < end; i++) { frag.appendChild(renderHit(last.hits[i], last.marks)); }
    listEl.appendChild(frag);
    shown = end;
    document.dispatchEvent(new CustomEvent("cailiaoku:basket"));
    var rest = last.hits.length - shown;
    moreEl.hidden = rest <= 0;
    moreEl.textContent = "显示更多（还有 " + rest + " 条）";
  }
  moreEl.addEventListener("click", showMore);

  function render(result) {
    last = result;
    shown = 0;
    listEl.innerHTML = "";
    renderFacets(result.counts);
    var asked = result.clauses.length || Object.keys(state.filters).length;
    if (!asked) {
      statusEl.textContent = "共 " + M.count + " 个段落。输入检索词或选择筛选条件开始查找。";
    } else if (!result.hits.length) {
      statusEl.textContent = "没有找到符合条件的段落。" + (state.exact ? "" : "可以换个说法、减少词语，或用精确匹配按原文查找。");
    } else {
      statusEl.textContent = "共 " + result.hits.length + " 条" + (state.exact ? "（精确匹配）" : "") +
        (state.syn && !state.exact ? "（含近义词）" : "") + "。";
    }
    root.setAttribute("data-total", String(result.hits.length));
    appendHits(Math.min(result.hits.length, PAGE));  /* search() loaded the first page */
    if (!seq) { root.setAttribute("data-ready-at", String(Math.round(performance.now()))); }
    root.setAttribute("data-ready", String(++seq));
  }

  function run() {
    writeHash(state);
    if (!engine) { return; }
    var mine = ++running;
    engine.search(state.q, state.filters, state.exact, state.syn, state.fold).then(function (result) {
      if (mine === running) { C.finder.lastResult = result; render(result); }
    }).catch(function (err) { statusEl.textContent = "检索出错：" + err.message; });
  }

  function fromHash() {
    state = readHash();
    input.value = state.q;
    exactBox.checked = state.exact;
    synBox.checked = state.syn;
    foldBox.checked = state.fold;
    run();
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); state.q = input.value; run(); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = input.value; run(); }, 150);
  });
  exactBox.addEventListener("change", function () { state.exact = exactBox.checked; run(); });
  synBox.addEventListener("change", function () { state.syn = synBox.checked; run(); });
  foldBox.addEventListener("change", function () { state.fold = foldBox.checked; run(); });
  window.addEventListener("hashchange", function () {
    var s = readHash();
    if (JSON.stringify(s) !== JSON.stringify(state)) { fromHash(); }
  });

  /* Copy and 加入草稿 are wired by site.js (document-level); this is the fallback without it. */
  function addDraft(id) {
    var list = [];
    try { list = JSON.parse(localStorage.getItem(BASKET) || "[]"); } catch (e) { list = []; }
    if (!Array.isArray(list)) { list = []; }
    if (list.indexOf(id) < 0) { list.push(id); }
    localStorage.setItem(BASKET, JSON.stringify(list));
  }
  listEl.addEventListener("click", function (ev) {
    var button = ev.target.closest("button");
    if (!button || C.draft) { return; }
    if (button.classList.contains("ck-add-draft")) {
      addDraft(button.getAttribute("data-passage-id"));
      button.textContent = "已加入草稿";
    } else if (button.classList.contains("ck-copy") && navigator.clipboard) {
      navigator.clipboard.writeText(button.getAttribute("data-copy-text")).then(function () {
        button.textContent = "已复制";
      });
    }
  });

  var started = Date.now();
  F.open().then(function (e) {
    engine = e;
    root.setAttribute("data-load-ms", String(Date.now() - started));
    fromHash();
  }).catch(function (err) { statusEl.textContent = "数据加载失败：" + err.message; });
  state = readHash();
  input.value = state.q;
  exactBox.checked = state.exact;
  synBox.checked = state.syn;
  foldBox.checked = state.fold;
})();
