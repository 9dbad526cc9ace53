/* The compose page's left column: the draft basket (localStorage["cailiaoku.draft.basket"], filled by
 * every "加入草稿" button of the site) and a search box over the library (the finder's engine). */
(function () {
  "use strict";
  var C = window.Cailiaoku = window.Cailiaoku || {};
  var P = C.compose.page, R = C.compose.rules, O = C.compose.outline;
  if (!P) { return; }
  var el = O.el, button = O.button, ui = P.ui, state = P.state;
  var LIMIT = 30;

  function basketIds() {
    if (C.draft && C.draft.read) { return C.draft.read(); }
    try { return JSON.parse(window.localStorage.getItem(C.layout.draft.basket_key) || "[]"); } catch (e) { return []; }
  }

  function load(ids) {
    var missing = ids.filter(function (id) { return !state.passages[id]; });
    if (!missing.length || !C.data || !C.data.getPassages) { return Promise.resolve(false); }
    return C.data.getPassages(missing).then(function (list) {
      list.forEach(function (p) { state.passages[p.id] = p; });
      return true;
    });
  }

  function summary(p) {
    var docs = (C.data && C.data.documents) || {};
    var doc = docs[p.doc] || {};
    var text = p.text.length > 70 ? p.text.slice(0, 70) + "…" : p.text;
    return el("div", { class: "ck-summary" }, [
      p.heading || p.number ? el("strong", { text: (p.number || "") + (p.heading || "") }) : null,
      el("span", { text: " " + text }),
      el("span", { class: "ck-source", text: " —— " + (doc.title || p.doc) })
    ]);
  }

  function placeControls(p) {
    if (P.inDraft(p.id)) { return [el("span", { class: "ck-in", text: "已在草稿中" })]; }
    var numbers = R.numberDraft(state.draft);
    var target = el("select", { class: "ck-place-target", "aria-label": "放入哪一部分" });
    var best = R.assignSection(p.role, p.themes || [], state.draft.sections);
    state.draft.sections.forEach(function (_, i) {
      var opt = el("option", { value: String(i), text: O.sectionName(state.draft, i, numbers) });
      if (i === best) { opt.selected = true; }
      target.appendChild(opt);
    });
    return [target, button("ck-place", "放入")];
  }

  function refresh() {
    var ids = basketIds();
    ui.basketCount.textContent = "（" + ids.length + "）";
    ui.basket.textContent = "";
    if (!ids.length) {
      ui.basket.appendChild(el("li", { class: "ck-hint", text: "草稿篮是空的。到“查找段落”或主题页点“加入草稿”，或在下面查找。" }));
    }
    ids.forEach(function (id) {
      var p = state.passages[id];
      var item = el("li", { class: "ck-basket-item", "data-id": id });
      if (!p) { item.appendChild(el("span", { class: "ck-hint", text: id + "（正在读取…）" })); } else {
        item.appendChild(summary(p));
        item.appendChild(el("div", { class: "ck-item-tools" }, placeControls(p).concat([button("ck-unbasket", "移出草稿篮")])));
      }
      ui.basket.appendChild(item);
    });
    load(ids).then(function (more) { if (more) { refresh(); } }, function (e) { P.message(e.message, true); });
    renderResults();
  }

  function renderResults() {
    ui.results.textContent = "";
    state.results.forEach(function (p) {
      var tools = P.inDraft(p.id) ? [el("span", { class: "ck-in", text: "已在草稿中" })] : [button("ck-place-result", "放入草稿")];
      ui.results.appendChild(el("li", { class: "ck-search-result", "data-id": p.id }, [
        summary(p), el("div", { class: "ck-item-tools" }, tools)]));
    });
  }

  function search(query) {
    if (!query.trim()) { state.results = []; renderResults(); return; }
    if (!C.finder || !C.finder.open) { P.message("查找功能没有加载，请使用“查找段落”页面。", true); return; }
    ui.results.textContent = "";
    ui.results.appendChild(el("li", { class: "ck-hint", text: "正在查找…" }));
    C.finder.open().then(function (engine) { return engine.search(query, {}, false); })
      .then(function (found) {
        var ids = found.ids.slice(0, LIMIT);
        return C.data.getPassages(ids).then(function (list) {
          list.forEach(function (p) { state.passages[p.id] = p; });
          state.results = list;
          renderResults();
          if (!list.length) { ui.results.appendChild(el("li", { class: "ck-hint", text: "没有找到包含“" + query + "”的段落。" })); }
          P.message("找到 " + found.ids.length + " 个段落" + (found.ids.length > LIMIT ? "，显示前 " + LIMIT + " 个" : "") + "。");
        });
      }).catch(function (e) { P.message("查找失败：" + e.message, true); });
  }

  document.getElementById("ck-compose").addEventListener("click", function (event) {
    var t = event.target instanceof Element ? event.target : null;
    if (!t) { return; }
    var item = t.closest(".ck-basket-item, .ck-search-result");
    var p = item ? state.passages[item.getAttribute("data-id")] : null;
    if (t.closest(".ck-place") && p) {
      P.place(p, Number(item.querySelector(".ck-place-target").value));
    } else if (t.closest(".ck-place-result") && p) {
      P.place(p);
    } else if (t.closest(".ck-unbasket") && item) {
      C.draft.remove(item.getAttribute("data-id"));
      refresh();
    } else if (t.closest(".ck-place-all")) {
      var n = 0;
      basketIds().forEach(function (id) {
        var q = state.passages[id];
        if (q && !P.inDraft(id)) { P.place(q); n += 1; }
      });
      P.message(n ? "已把 " + n + " 个段落放入提纲。" : "草稿篮里的段落都已在草稿中。");
    }
  });

  ui.search.form.addEventListener("submit", function (event) { event.preventDefault(); search(ui.search.value); });
  document.addEventListener("cailiaoku:basket", refresh);
  window.addEventListener("storage", function (e) { if (e.key === C.layout.draft.basket_key) { refresh(); } });

  C.compose.basket = { refresh: refresh, search: search };
  refresh();
})();
