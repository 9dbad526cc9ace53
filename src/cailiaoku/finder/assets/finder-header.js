/* The header search box is the finder's too: as you type, passages from the finder's engine
 * appear first; below them Material's page results, kept only for hand-written pages (guides)
 * that hold the query by the finder's own rules (Material ORs words: 45 unrelated 网络 pages
 * for 网评队伍). Enter opens finder.html with the query. Loaded on every page after data.js. */
(function () {
  "use strict";
  var C = window.Cailiaoku;
  if (!C || !C.data) { return; }
  var input = document.querySelector("input.md-search__input");
  if (!input) { return; }
  var siteRoot = C.data.assets.replace(/assets\/$/, "");
  var finderUrl = siteRoot + "finder.html";
  var SHOWN = 6;
  var box = null, timer = null, seq = 0, loading = null, guides = null;
  var allowed = { q: null, urls: {} };
  var rootUrl = new URL(siteRoot || "./", location.href).href;

  function engine() {
    if (C.finder && C.finder.open) { return C.finder.open(); }
    if (!loading) {
      var script = function (name) {
        return new Promise(function (resolve, reject) {
          var s = document.createElement("script");
          s.src = C.data.assets + "cailiaoku/" + name + "?v=" + C.data.manifest.stamp;
          s.onload = resolve;
          s.onerror = function () { loading = null; reject(new Error("无法加载检索程序")); };
          document.head.appendChild(s);
        });
      };
      loading = (C.finderWords ? Promise.resolve() : script("finder-words.js")).then(function () {
        return script("finder-engine.js");
      });
    }
    return loading.then(function () { return C.finder.open(); });
  }

  function ensureBox() {
    if (box && box.isConnected) { return box; }
    var result = document.querySelector(".md-search-result");
    if (!result) { return null; }
    box = document.createElement("div");
    box.className = "ck-header-results";
    box.hidden = true;
    result.insertBefore(box, result.firstChild);
    return box;
  }

  function snippet(text, marks) {
    var F = C.finder, spans = F.spans(text, marks), from = 0;
    if (spans.length && spans[0][0] > 30) { from = spans[0][0] - 30; }
    var part = text.slice(from, from + 120);
    return (from ? "…" : "") + F.highlight(part, marks) + (from + 120 < text.length ? "…" : "");
  }

  function render(b, q, e, r) {
    var F = C.finder, all = finderUrl + "#q=" + encodeURIComponent(q);
    var html = '<div class="ck-header-title">段落 <span class="ck-header-count">' + r.hits.length + " 条</span></div>";
    if (!r.hits.length) {
      html += '<p class="ck-header-empty">没有找到含有这些词语的段落。</p>';
    } else {
      html += '<ol class="ck-header-list">';
      r.hits.slice(0, SHOWN).forEach(function (h) {
        var p = C.data.passageAt(e.meta, h.o), doc = C.data.documents[p.doc] || {};
        html += '<li class="ck-header-hit" data-passage-id="' + F.escapeHtml(p.id) + '"><a href="' + siteRoot + "p/" +
          encodeURIComponent(p.id) + '.html">' +
          (p.heading ? '<div class="ck-header-heading">' + F.escapeHtml(p.number || "") + F.highlight(p.heading, r.marks) + "</div>" : "") +
          (p.text ? '<div class="ck-header-text">' + snippet(p.text, r.marks) + "</div>" : "") +
          '<div class="ck-header-doc">' + F.escapeHtml(doc.title || p.doc) + "</div></a></li>";
      });
      html += "</ol>";
    }
    html += '<a class="ck-header-all" href="' + all + '">在段落检索中查看全部结果（回车）→</a>';
    b.innerHTML = html;
  }

  /* ---- Material's page results: guide pages that really match ---- */
  function guidePages() {
    if (!guides) {
      guides = C.data.load("pages");
      guides.catch(function () { guides = null; });
    }
    return guides;
  }
  function relOf(href) {
    if (!href || href.indexOf(rootUrl) !== 0) { return null; }
    var r = href.slice(rootUrl.length).split("#")[0].split("?")[0];
    return r === "" || /\/$/.test(r) ? r + "index.html" : r;
  }
  function filterPages() {
    var q = input.value.trim(), list = document.querySelector(".md-search-result__list");
    if (!q || !list) { return; }
    var ready = allowed.q === q, shown = 0;
    Array.prototype.forEach.call(list.children, function (li) {
      var a = li.querySelector("a.md-search-result__link");
      var ok = ready && !!a && allowed.urls[relOf(a.href)] === true;
      li.classList.toggle("ck-off", !ok);
      if (ok) { shown++; }
    });
    var meta = document.querySelector(".md-search-result__meta");
    var text = !ready ? "正在筛选说明页面…" : shown ? "说明页面 " + shown + " 个" : "没有含有这些词语的说明页面";
    if (meta && meta.textContent !== text) { meta.textContent = text; }
  }
  function matchPages(q, e, mine) {
    return guidePages().then(function (pages) {
      return e.matchTexts(q, pages.map(function (p) { return p.text; }), false).then(function (ok) {
        if (mine !== seq) { return; }
        var urls = {};
        pages.forEach(function (p, i) { if (ok[i]) { urls[p.url] = true; } });
        allowed = { q: q, urls: urls };
        filterPages();
      });
    });
  }
  var observed = null;
  function observe() {
    var result = document.querySelector(".md-search-result");
    if (!result || observed === result || typeof MutationObserver !== "function") { return; }
    observed = result;
    new MutationObserver(filterPages).observe(result, { childList: true, subtree: true });
  }

  function update() {
    var q = input.value.trim(), b = ensureBox();
    observe();
    if (!b) { return; }
    if (!q) { b.hidden = true; b.innerHTML = ""; return; }
    var mine = ++seq;
    b.hidden = false;
    if (!b.innerHTML) { b.innerHTML = '<p class="ck-header-empty">正在检索段落…</p>'; }
    engine().then(function (e) {
      return e.search(q, {}, false).then(function (r) {
        if (mine === seq) { render(b, q, e, r); }
        return matchPages(q, e, mine);
      });
    }).catch(function (err) { if (mine === seq) { b.textContent = "段落检索出错：" + err.message; } });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  input.addEventListener("focus", function () { if (input.value.trim()) { update(); } });

  window.addEventListener("keydown", function (ev) {
    if (ev.target !== input || ev.key !== "Enter" || ev.isComposing || ev.keyCode === 229) { return; }
    var q = input.value.trim();
    if (!q) { return; }
    ev.preventDefault();
    ev.stopImmediatePropagation();
    var toggle = document.getElementById("__search");
    if (toggle && toggle.checked) { toggle.click(); }
    input.blur();
    location.href = finderUrl + "#q=" + encodeURIComponent(q);
  }, true);
})();
