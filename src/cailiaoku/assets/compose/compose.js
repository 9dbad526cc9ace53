/* The compose page (组稿): drafts, unit/year, basket and search, outline editing, copy and export.
 * Passages come from the finder's data API (Cailiaoku.data.getPassages); the basket is the site's
 * localStorage["cailiaoku.draft.basket"] (Cailiaoku.draft); every change is saved at once. */
(function () {
  "use strict";
  var C = window.Cailiaoku = window.Cailiaoku || {};
  var L = C.layout, R = C.compose.rules, S = C.compose.store, O = C.compose.outline;
  var el = O.el, button = O.button;
  var root = document.getElementById("ck-compose");
  if (!root || !L || !R) { return; }

  var state = { draft: null, editing: null, passages: {}, results: [] };
  var ui = {};

  /* ---------- drafts ---------- */
  function skeletonSections(kind) {
    var sk = L.skeletons[kind];
    return sk.sections.map(function (s) {
      return { heading: s.heading, intro: s.intro, roles: s.roles, themes: s.themes,
               alternatives: s.alternatives, blocks: [] };
    });
  }

  function freshDraft(kind, name, keep) {
    keep = keep || {};
    return R.newDraft(kind, skeletonSections(kind), {
      name: name, continuous: L.skeletons[kind].continuous, org: keep.org, year: keep.year
    });
  }

  function hasContent(d) {
    return d.sections.some(function (s) { return s.blocks.length; }) || !!(d.org || d.title || d.year);
  }

  function save() { S.save(state.draft); }

  function open(name) {
    state.draft = S.get(name);
    if (!state.draft) {
      state.draft = freshDraft("总结", S.freeName("草稿"));
      save();
    }
    window.localStorage.setItem(L.draft.current_key, state.draft.name);
    state.editing = null;
    refreshAll();
  }

  function message(text, isError) {
    ui.message.textContent = text;
    ui.message.className = "ck-message" + (isError ? " ck-error" : "");
    ui.message.setAttribute("role", isError ? "alert" : "status");
  }

  /* ---------- building the page ---------- */
  function field(label, input) { return el("label", { class: "ck-field" }, [el("span", { text: label }), input]); }

  function build() {
    root.textContent = "";
    ui.select = el("select", { id: "ck-draft-select", "aria-label": "打开草稿" });
    ui.importInput = el("input", { id: "ck-import-json", type: "file", accept: ".json,application/json", class: "ck-file" });
    root.appendChild(el("div", { class: "ck-bar" }, [
      field("草稿", ui.select), button("ck-new", "新建", "清空当前草稿，按所选文种的提纲重新开始"),
      button("ck-saveas", "另存为", "把当前草稿另存为一个新名字"), button("ck-delete", "删除草稿"),
      button("ck-export-json", "导出草稿", "把草稿保存为 .json 文件（可备份、可发给同事）"),
      el("label", { class: "ck-btn ck-import" }, [document.createTextNode("导入草稿"), ui.importInput])
    ]));
    ui.message = el("div", { id: "ck-message", class: "ck-message", role: "status", "aria-live": "polite" });
    root.appendChild(ui.message);
    ui.kind = el("select", { id: "ck-kind" });
    R.KINDS.forEach(function (k) { ui.kind.appendChild(el("option", { value: k, text: k })); });
    ui.org = el("input", { id: "ck-org", type: "text", placeholder: "如：县文化和旅游局" });
    ui.year = el("input", { id: "ck-year", type: "number", min: "1990", max: "2100", placeholder: "如：2025" });
    ui.title = el("input", { id: "ck-title", type: "text" });
    ui.continuous = el("input", { id: "ck-continuous", type: "checkbox" });
    ui.note = el("p", { class: "ck-hint" });
    ui.recipient = el("input", { id: "ck-recipient", type: "text", placeholder: "可不填，如：局属各单位、机关各科室" });
    ui.signature = el("input", { id: "ck-signature", type: "text" });
    ui.date = el("input", { id: "ck-date", type: "text", placeholder: "如：" + L.closing.date_example });
    ui.seal = el("input", { id: "ck-seal", type: "checkbox" });
    ui.attachments = el("textarea", { id: "ck-attachments", rows: "2", placeholder: "每行一个附件名称，可不填" });
    root.appendChild(el("div", { class: "ck-meta" }, [
      field("文种", ui.kind), field("本单位名称", ui.org), field("年份", ui.year), field("标题", ui.title),
      el("label", { class: "ck-check" }, [ui.continuous, document.createTextNode("“1.”全文连续编号（要点常用）")]),
      ui.note,
      field("主送机关", ui.recipient), field("署名", ui.signature), field("成文日期", ui.date),
      el("label", { class: "ck-check" }, [ui.seal, document.createTextNode("加盖印章（日期右空四字，留出印章位置）")]),
      field("附件", ui.attachments),
      el("p", { class: "ck-hint" }, [document.createTextNode("填写后，范文中的来源单位和年份自动换成本单位、本年度（"),
        el("span", { class: "ck-mark ck-mark-replaced", text: "绿色" }), document.createTextNode("）；"),
        el("span", { class: "ck-mark ck-mark-placeholder", text: "黄色" }), document.createTextNode("是占位符，"),
        el("span", { class: "ck-mark ck-mark-figure", text: "橙色" }), document.createTextNode("是原文的具体数字，"),
        el("span", { class: "ck-mark ck-mark-foreign", text: "红色" }), document.createTextNode("是其他单位的名称（待替换），都需要换成本单位的实际情况。")])
    ]));
    root.appendChild(el("div", { class: "ck-columns" }, [buildSide(), buildMain()]));
  }

  function buildSide() {
    ui.basketCount = el("span", { class: "ck-c-count" });
    ui.basket = el("ol", { id: "ck-basket", class: "ck-list" });
    ui.search = el("input", { id: "ck-search", type: "search", placeholder: "在材料库中查找，如：三审三校" });
    ui.results = el("ol", { id: "ck-search-results", class: "ck-list" });
    return el("aside", { class: "ck-side" }, [
      el("h2", {}, [document.createTextNode("草稿篮 "), ui.basketCount]),
      el("p", { class: "ck-hint", text: "在查找、主题、范文和段落页点“加入草稿”的段落在这里。" }),
      button("ck-place-all", "全部放入提纲", "把还没放入的段落按角色和主题放进提纲"),
      ui.basket,
      el("h2", { text: "在材料库中查找" }),
      el("form", { class: "ck-search-form" }, [ui.search, el("button", { type: "submit", class: "ck-btn", text: "查找" })]),
      ui.results
    ]);
  }

  function buildMain() {
    ui.pages = el("span", { id: "ck-pages", class: "ck-c-count" });
    ui.outline = el("div", { id: "ck-outline" });
    ui.unfilledCount = el("span", { class: "ck-c-count" });
    ui.unfilled = el("ol", { id: "ck-unfilled", class: "ck-list" });
    ui.confirm = el("div", { id: "ck-confirm", class: "ck-confirm", hidden: "" });
    return el("div", { class: "ck-main" }, [
      el("h2", {}, [document.createTextNode("提纲和正文 "), ui.pages]),
      ui.outline,
      button("ck-add-section", "添加一部分"),
      el("section", { id: "ck-unfilled-box", class: "ck-unfilled" }, [
        el("h3", {}, [document.createTextNode("待填写 "), ui.unfilledCount]), ui.unfilled]),
      el("section", { id: "ck-check-box", class: "ck-unfilled" }, [
        el("h3", {}, [document.createTextNode("草稿检查 "), ui.checkCount = el("span", { class: "ck-c-count" })]),
        ui.checks = el("ol", { id: "ck-checks", class: "ck-list" })]),
      el("div", { class: "ck-actions" }, [
        button("ck-copy-text", "复制为纯文本", "带编号的纯文本，可粘贴到任何地方"),
        el("button", { type: "button", id: "ck-export-docx", class: "md-button md-button--primary", text: "导出 Word（.docx）",
                       title: "待填写、待替换和原文数字在 Word 中突出显示并加批注" }),
        el("button", { type: "button", id: "ck-export-clean", class: "md-button", text: "导出干净稿",
                       title: "不加突出显示和批注的 Word 文件" })
      ]),
      ui.confirm
    ]);
  }

  /* ---------- refreshing ---------- */
  function refreshAll() { refreshDrafts(); refreshMeta(); refreshOutline(); refreshBasket(); }

  function refreshDrafts() {
    ui.select.textContent = "";
    S.names().forEach(function (n) {
      var opt = el("option", { value: n, text: n });
      if (n === state.draft.name) { opt.selected = true; }
      ui.select.appendChild(opt);
    });
  }

  function refreshMeta() {
    var d = state.draft;
    ui.kind.value = d.kind;
    ui.org.value = d.org || "";
    ui.year.value = d.year ? String(d.year) : "";
    ui.title.value = d.title || "";
    ui.title.placeholder = R.draftTitle(Object.assign({}, d, { title: "" })) + "（自动）";
    ui.continuous.checked = !!d.continuous;
    ui.recipient.value = d.recipient || "";
    ui.signature.value = d.signature || "";
    ui.signature.placeholder = (d.org || "本单位名称") + "（不填则用本单位名称）";
    ui.date.value = d.date || "";
    ui.seal.checked = !!d.seal;
    ui.attachments.value = (d.attachments || []).join("\n");
    ui.note.textContent = (L.skeletons[d.kind] || {}).note || "";
  }

  function refreshOutline() {
    O.render(ui.outline, state.draft, state.editing);
    var paragraphs = R.render(state.draft);
    ui.pages.textContent = "约 " + R.estimatePages(paragraphs) + " 页（每页 22 行，每行 28 字）";
    var items = R.unfilled(state.draft);
    ui.unfilledCount.textContent = "（" + items.length + " 处）";
    ui.unfilled.textContent = "";
    var numbers = R.numberDraft(state.draft);
    items.forEach(function (u) {
      var where = u.section < 0 ? "标题" : O.sectionName(state.draft, u.section, numbers) +
        (u.block >= 0 && numbers.blocks[u.section][u.block] ? " " + numbers.blocks[u.section][u.block] : "");
      var go = button("ck-goto", "去填写");
      go.setAttribute("data-section", String(u.section));
      go.setAttribute("data-block", String(u.block));
      ui.unfilled.appendChild(el("li", {}, [
        document.createTextNode(where + "：" + L.marks[u.mark].label + " "),
        el("span", { class: "ck-mark ck-mark-" + u.mark, text: u.text }), document.createTextNode(" "), go]));
    });
    if (!items.length) { ui.unfilled.appendChild(el("li", { text: "没有占位符、待替换的其他单位名称或原文数字。" })); }
    refreshChecks(numbers);
    if (C.compose.basket) { C.compose.basket.refresh(); }
  }

  var PART_NAMES = { title: "标题", recipient: "主送机关", attachments: "附件说明", signature: "署名", date: "成文日期" };
  var PART_INPUTS = { title: "ck-title", recipient: "ck-recipient", attachments: "ck-attachments", signature: "ck-signature", date: "ck-date" };

  function findingPlace(f, numbers) {
    if (f.part) { return PART_NAMES[f.part] || f.part; }
    if (f.section < 0) { return "标题"; }
    var b = f.block >= 0 ? numbers.blocks[f.section][f.block] : "";
    return O.sectionName(state.draft, f.section, numbers) + (b ? " " + b : (f.block >= 0 ? " 第" + (f.block + 1) + "段" : ""));
  }

  function refreshChecks(numbers) {
    var found = C.compose.checks.check(state.draft);
    state.findings = found;
    ui.checkCount.textContent = "（" + found.length + " 处）";
    ui.checks.textContent = "";
    found.forEach(function (f) {
      var go = button("ck-goto", "去修改");
      go.setAttribute("data-section", String(f.section));
      go.setAttribute("data-block", String(f.block));
      if (f.part || f.section < 0) { go.setAttribute("data-input", PART_INPUTS[f.part || "title"] || "ck-title"); }
      ui.checks.appendChild(el("li", { class: "ck-finding", "data-rule": f.rule }, [
        document.createTextNode(findingPlace(f, numbers) + "："),
        el("strong", { text: "[" + f.label + "] " }), el("span", { class: "ck-finding-text", text: f.text }),
        document.createTextNode(" —— " + f.message + " "), go]));
    });
    if (!found.length) { ui.checks.appendChild(el("li", { text: "没有发现问题。" })); }
  }

  function refreshBasket() { if (C.compose.basket) { C.compose.basket.refresh(); } }

  /* ---------- changes ---------- */
  function changed(rerender) { save(); if (rerender !== false) { refreshOutline(); } }

  function blockAt(node) {
    var item = node.closest(".ck-block");
    return item ? { s: Number(item.getAttribute("data-section")), b: Number(item.getAttribute("data-block")) } : null;
  }

  function sectionAt(node) {
    var sec = node.closest(".ck-section");
    return sec ? Number(sec.getAttribute("data-section")) : -1;
  }

  /* Move a block one step; at a part's edge it crosses into the neighbouring part. */
  function moveBlock(pos, step) {
    var secs = state.draft.sections, list = secs[pos.s].blocks, block = list[pos.b];
    var to = pos.b + step;
    if (to >= 0 && to < list.length) {
      list.splice(pos.b, 1);
      list.splice(to, 0, block);
      return;
    }
    var next = pos.s + step;
    if (next < 0 || next >= secs.length) { return; }
    list.splice(pos.b, 1);
    if (step < 0) { secs[next].blocks.push(block); } else { secs[next].blocks.unshift(block); }
  }

  function moveSection(s, step) {
    var secs = state.draft.sections, to = s + step;
    if (to < 0 || to >= secs.length) { return; }
    var sec = secs.splice(s, 1)[0];
    secs.splice(to, 0, sec);
  }

  function place(passage, sectionIndex) {
    var doc = (C.data.documents || {})[passage.doc];
    var target = sectionIndex === undefined ?
      R.assignSection(passage.role, passage.themes || [], state.draft.sections) : sectionIndex;
    state.draft.sections[target].blocks.push(R.blockFromPassage(passage, doc));
    changed();
  }

  function inDraft(id) {
    return state.draft.sections.some(function (s) { return s.blocks.some(function (b) { return b.id === id; }); });
  }

  C.compose.page = {
    state: state, ui: ui, open: open, save: save, changed: changed, message: message, place: place,
    inDraft: inDraft, freshDraft: freshDraft, hasContent: hasContent, blockAt: blockAt, sectionAt: sectionAt,
    moveBlock: moveBlock, moveSection: moveSection, refreshAll: refreshAll, refreshMeta: refreshMeta,
    refreshOutline: refreshOutline, refreshDrafts: refreshDrafts
  };

  build();
  open(S.currentName());
})();
