/* The outline view of the compose page: parts (一、), their blocks rendered exactly as they will be
 * exported (numbers regenerated, org/year replaced, placeholders and source figures marked), and
 * each block's controls. Builds DOM only with textContent (passage text is data, never markup). */
(function () {
  "use strict";
  var C = window.Cailiaoku = window.Cailiaoku || {};
  var L = C.layout;
  var R = C.compose.rules;
  var LEVEL_NAMES = { 2: "（一）级", 3: "1. 级", 4: "（1）级", 6: "一是", 0: "段落（不编号）" };
  var MARK_TITLES = { replaced: "已替换为本单位/本年度", placeholder: "占位符：请填写", figure: "原文中的数字：请换成本单位的实际情况",
                      foreign: "其他单位的名称：请换成本单位的（待替换）" };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else if (k === "class") { node.className = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  function button(cls, text, title) {
    return el("button", { type: "button", class: "ck-btn " + cls, text: text, title: title || text });
  }

  function fontFamily(styleKey) {
    var font = L.fonts[L.styles[styleKey].font];
    return [font.eastAsia].concat(font.fallback).map(function (f) { return "\"" + f + "\""; }).join(", ") + ", serif";
  }

  function runsNode(runs) {
    var frag = document.createDocumentFragment();
    runs.forEach(function (r) {
      if (!r.mark) { frag.appendChild(document.createTextNode(r.text)); return; }
      frag.appendChild(el("span", { class: "ck-mark ck-mark-" + r.mark, title: MARK_TITLES[r.mark], text: r.text }));
    });
    return frag;
  }

  function paragraphNode(p) {
    var node = el("p", { class: "ck-p ck-p-" + p.style });
    node.style.fontFamily = fontFamily(p.style);
    node.appendChild(runsNode(p.runs));
    return node;
  }

  function select(cls, options, value, label) {
    var s = el("select", { class: cls, "aria-label": label });
    options.forEach(function (o) {
      var opt = el("option", { value: String(o[0]), text: o[1] });
      if (String(o[0]) === String(value)) { opt.selected = true; }
      s.appendChild(opt);
    });
    return s;
  }

  function sectionName(draft, i, numbers) {
    var s = draft.sections[i];
    if (s.intro) { return "开头（不编号）"; }
    return (numbers.sections[i] || "（空）") + (s.heading || "（未命名）");
  }

  function sourceNode(block) {
    if (!block.id) { return el("span", { class: "ck-source", text: "自写段落" }); }
    var docs = (C.data && C.data.documents) || {};
    var doc = docs[block.doc];
    var link = el("a", { href: "p/" + block.id + ".html", text: block.id, title: "查看原段落" });
    return el("span", { class: "ck-source" }, [
      document.createTextNode("来自 " + (doc ? doc.title : block.doc || "材料库") + " · "), link]);
  }

  function editNode(block) {
    var heading = el("input", { class: "ck-edit-heading", type: "text", "aria-label": "标题" });
    heading.value = block.heading || "";
    var text = el("textarea", { class: "ck-edit-text", rows: "6", "aria-label": "正文" });
    text.value = block.text || "";
    return el("div", { class: "ck-edit" }, [
      el("label", {}, [document.createTextNode("标题（编号自动生成，不用写）"), heading]),
      el("label", {}, [document.createTextNode("正文"), text]),
      el("p", { class: "ck-hint", text: "这里改的是原文；单位和年份的替换在显示和导出时进行。" }),
      button("ck-edit-done", "完成")
    ]);
  }

  function blockNode(draft, s, b, paragraphs, numbers, editing) {
    var block = draft.sections[s].blocks[b];
    var item = el("li", { class: "ck-block", "data-section": String(s), "data-block": String(b) });
    var view = el("div", { class: "ck-block-view" });
    paragraphs.forEach(function (p) { view.appendChild(paragraphNode(p)); });
    if (!paragraphs.length) { view.appendChild(el("p", { class: "ck-c-empty", text: "（空段落）" })); }
    item.appendChild(editing ? editNode(block) : view);
    var levels = R.LEVELS.map(function (lv) { return [lv, LEVEL_NAMES[lv]]; });
    var targets = draft.sections.map(function (_, i) { return [i, "移到：" + sectionName(draft, i, numbers)]; });
    item.appendChild(el("div", { class: "ck-block-tools" }, [
      sourceNode(block),
      select("ck-level", levels, block.level, "编号级别"),
      select("ck-move-to", targets, s, "移到哪一部分"),
      button("ck-up", "上移"), button("ck-down", "下移"),
      editing ? null : button("ck-edit-open", "编辑"), button("ck-remove", "删除", "从草稿中删除这一段")
    ]));
    return item;
  }

  function sectionHeader(draft, s, numbers) {
    var section = draft.sections[s];
    var header = el("header", { class: "ck-section-head" });
    if (section.intro) {
      header.appendChild(el("strong", { class: "ck-num", text: "开头（总体情况，不编号）" }));
    } else {
      header.appendChild(el("span", { class: "ck-num", text: numbers.sections[s] || "（空，不导出）",
                                      title: numbers.sections[s] ? "" : "没有段落的部分导出时略去" }));
      var input = el("input", { class: "ck-section-heading", type: "text", "aria-label": "这一部分的标题",
                                list: "ck-alt-" + s, placeholder: "这一部分的标题" });
      input.value = section.heading || "";
      header.appendChild(input);
      var alts = el("datalist", { id: "ck-alt-" + s });
      (section.alternatives || []).forEach(function (a) { alts.appendChild(el("option", { value: a })); });
      header.appendChild(alts);
    }
    [button("ck-section-up", "上移"), button("ck-section-down", "下移"),
     button("ck-add-own", "添加自写段落"), button("ck-section-remove", "删除这一部分")]
      .forEach(function (b) { header.appendChild(b); });
    return header;
  }

  /* The whole outline for `draft`; `editing` = "s:b" of the block being edited, or null. */
  function renderOutline(container, draft, editing) {
    var numbers = R.numberDraft(draft);
    var byBlock = {};
    R.render(draft).forEach(function (p) {
      if (p.block < 0) { return; }
      var key = p.section + ":" + p.block;
      (byBlock[key] = byBlock[key] || []).push(p);
    });
    container.textContent = "";
    draft.sections.forEach(function (section, s) {
      var node = el("section", { class: "ck-section" + (section.intro ? " ck-intro" : ""), "data-section": String(s) });
      node.appendChild(sectionHeader(draft, s, numbers));
      var list = el("ol", { class: "ck-blocks" });
      section.blocks.forEach(function (_, b) {
        var key = s + ":" + b;
        list.appendChild(blockNode(draft, s, b, byBlock[key] || [], numbers, editing === key));
      });
      if (!section.blocks.length) { node.appendChild(el("p", { class: "ck-c-empty", text: "（这一部分还没有段落：从左侧草稿篮或查找结果放入，或添加自写段落）" })); }
      node.appendChild(list);
      container.appendChild(node);
    });
  }

  C.compose.outline = { render: renderOutline, el: el, button: button, runsNode: runsNode, sectionName: sectionName };
})();
