/* The compose page's actions: draft management (新建, 另存为, 删除, 导出/导入草稿), unit/year/title,
 * outline editing (move, level, edit, remove, parts) and output (copy as text, .docx export). */
(function () {
  "use strict";
  var C = window.Cailiaoku = window.Cailiaoku || {};
  var P = C.compose.page, R = C.compose.rules, S = C.compose.store;
  if (!P) { return; }
  var ui = P.ui, state = P.state;
  var root = document.getElementById("ck-compose");

  function download(blob, filename) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function safeName(name) { return String(name || "草稿").replace(/[\\/:*?"<>|]/g, "_"); }

  /* ---------- drafts ---------- */
  function newDraft() {
    var d = state.draft;
    if (P.hasContent(d) && !window.confirm("新建会清空当前草稿“" + d.name + "”的全部内容（单位、年份、标题和所有段落），不能撤销。\n" +
        "要保留它，请先点“另存为”或“导出草稿”。\n\n确定清空并新建吗？")) {
      P.message("已取消新建，草稿“" + d.name + "”没有改动。");
      return;
    }
    state.draft = P.freshDraft(ui.kind.value, d.name);
    state.editing = null;
    P.save();
    P.refreshAll();
    P.message("已新建：草稿“" + d.name + "”按“" + ui.kind.value + "”提纲重新开始。");
  }

  function saveAs() {
    var name = window.prompt("另存为（草稿名称）：", S.freeName(state.draft.name));
    if (name === null || !name.trim()) { return; }
    name = name.trim();
    if (S.get(name) && !window.confirm("已有草稿“" + name + "”，要覆盖它吗？")) { return; }
    state.draft = JSON.parse(JSON.stringify(state.draft));
    state.draft.name = name;
    P.save();
    P.refreshDrafts();
    P.message("已另存为“" + name + "”。");
  }

  function deleteDraft() {
    var name = state.draft.name;
    if (!window.confirm("删除草稿“" + name + "”？删除后不能恢复（可先导出草稿备份）。")) { return; }
    S.remove(name);
    var rest = S.names();
    P.open(rest.length ? rest[0] : "");
    P.message("已删除草稿“" + name + "”。");
  }

  function exportJson() {
    download(new Blob([S.toJson(state.draft)], { type: "application/json" }), safeName(state.draft.name) + ".json");
    P.message("已导出草稿文件“" + safeName(state.draft.name) + ".json”。");
  }

  function importJson(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var draft;
      try {
        draft = S.fromJson(String(reader.result));
      } catch (e) {
        P.message("导入失败：" + e.message + "当前草稿“" + state.draft.name + "”没有改动。", true);
        return;
      }
      var existing = S.get(draft.name);
      if (existing && S.toJson(existing) !== S.toJson(draft) &&
          !window.confirm("已有同名草稿“" + draft.name + "”。用导入的内容替换它吗？\n（取消则作为新草稿导入）")) {
        draft.name = S.freeName(draft.name);
      }
      state.draft = draft;
      state.editing = null;
      P.save();
      P.refreshAll();
      P.message("已导入草稿“" + draft.name + "”。");
    };
    reader.onerror = function () { P.message("导入失败：读不了这个文件。当前草稿没有改动。", true); };
    reader.readAsText(file, "utf-8");
  }

  function changeKind(kind) {
    var d = state.draft;
    var blocks = [];
    d.sections.forEach(function (s) { blocks = blocks.concat(s.blocks); });
    d.kind = kind;
    if (blocks.length && window.confirm("按“" + kind + "”的提纲重新排列已有的 " + blocks.length + " 个段落吗？\n（取消则只改文种，保留现在的提纲）")) {
      var fresh = P.freshDraft(kind, d.name, d);
      fresh.title = d.title;
      blocks.forEach(function (b) {
        fresh.sections[R.assignSection(b.role || "", b.themes || [], fresh.sections)].blocks.push(b);
      });
      state.draft = fresh;
    } else if (!blocks.length) {
      state.draft = P.freshDraft(kind, d.name, d);
      state.draft.title = d.title;
    }
    P.save();
    P.refreshMeta();
    P.refreshOutline();
  }

  /* ---------- outline ---------- */
  function onOutlineClick(t) {
    var pos = P.blockAt(t), s = P.sectionAt(t), secs = state.draft.sections;
    if (pos && t.closest(".ck-up")) { P.moveBlock(pos, -1); } else if (pos && t.closest(".ck-down")) { P.moveBlock(pos, 1); } else if (pos && t.closest(".ck-remove")) {
      secs[pos.s].blocks.splice(pos.b, 1);
      state.editing = null;
    } else if (pos && t.closest(".ck-edit-open")) { state.editing = pos.s + ":" + pos.b; } else if (pos && t.closest(".ck-edit-done")) { state.editing = null; } else if (t.closest(".ck-section-up")) { P.moveSection(s, -1); } else if (t.closest(".ck-section-down")) { P.moveSection(s, 1); } else if (t.closest(".ck-add-own")) {
      secs[s].blocks.push({ id: "", doc: "", org: "", year: null, level: 0, heading: "", text: "", role: "", themes: [] });
      state.editing = s + ":" + (secs[s].blocks.length - 1);
    } else if (t.closest(".ck-section-remove")) {
      var n = secs[s].blocks.length;
      if (n && !window.confirm("删除这一部分和其中的 " + n + " 个段落吗？")) { return; }
      secs.splice(s, 1);
      state.editing = null;
    } else { return; }
    P.changed();
    if (state.editing) {
      var box = root.querySelector(".ck-edit-heading");
      if (box) { box.focus(); }
    }
  }

  function goTo(t) {
    var s = t.getAttribute("data-section"), b = t.getAttribute("data-block"), input = t.getAttribute("data-input");
    if (input) {
      var box = document.getElementById(input);
      if (box) { box.scrollIntoView({ block: "center" }); box.focus(); }
      return;
    }
    var target = Number(b) >= 0 ? root.querySelector(".ck-block[data-section=\"" + s + "\"][data-block=\"" + b + "\"]") :
      Number(s) >= 0 ? root.querySelector(".ck-section[data-section=\"" + s + "\"]") : ui.title;
    if (target) { target.scrollIntoView({ block: "center" }); target.classList.add("ck-flash"); }
  }

  /* ---------- output ---------- */
  var exportClean = false;

  function exportDocx() {
    var title = R.draftTitle(state.draft), clean = exportClean;
    ui.confirm.hidden = true;
    return C.compose.toDocx(state.draft, clean).then(function (blob) {
      download(blob, safeName(title) + ".docx");
      P.message("已导出“" + safeName(title) + ".docx”（GB/T 9704-2012 版式，约 " + R.estimatePages(R.render(state.draft)) + " 页" +
        (clean ? "，干净稿：不加标记" : "，待填写处已突出显示并加批注") + "）。");
    }, function (e) { P.message("导出失败：" + e.message, true); });
  }

  /* Export warns, never blocks: what is unfilled and what 草稿检查 found, then 仍然导出. */
  function askExport(clean) {
    exportClean = !!clean;
    var items = R.unfilled(state.draft), found = C.compose.checks.check(state.draft).filter(function (f) {
      return f.rule !== "placeholder" && f.rule !== "foreign";
    });
    if (!items.length && !found.length) { exportDocx(); return; }
    ui.confirm.textContent = "";
    ui.confirm.appendChild(document.createTextNode("还有 " + items.length + " 处待填写（见上方“待填写”），草稿检查另有 " +
      found.length + " 处问题（见“草稿检查”）。导出后也可以在 Word 里修改。"));
    ui.confirm.appendChild(P.ui.exportAnyway = C.compose.outline.button("ck-export-anyway", "仍然导出"));
    ui.confirm.appendChild(C.compose.outline.button("ck-export-cancel", "返回修改"));
    ui.confirm.hidden = false;
  }

  function copyText() {
    var text = R.plainText(state.draft);
    (C.copyText ? C.copyText(text) : navigator.clipboard.writeText(text)).then(
      function () { P.message("已复制带编号的纯文本（" + text.length + " 字）。"); },
      function () { P.message("复制失败，请手动选择文字。", true); });
  }

  /* ---------- wiring ---------- */
  var clicks = {
    "ck-new": newDraft, "ck-saveas": saveAs, "ck-delete": deleteDraft, "ck-export-json": exportJson,
    "ck-copy-text": copyText, "ck-export-docx": function () { askExport(false); },
    "ck-export-clean": function () { askExport(true); }, "ck-export-anyway": exportDocx,
    "ck-export-cancel": function () { ui.confirm.hidden = true; P.message("请在“待填写”中逐项修改。"); },
    "ck-add-section": function () {
      state.draft.sections.push({ heading: "新的部分", intro: false, roles: [], themes: [], blocks: [] });
      P.changed();
      var inputs = root.querySelectorAll(".ck-section-heading");
      if (inputs.length) { inputs[inputs.length - 1].select(); }
    }
  };

  root.addEventListener("click", function (event) {
    var t = event.target instanceof Element ? event.target : null;
    if (!t) { return; }
    var id = t.closest("button") ? (t.closest("button").id || "") : "";
    var cls = Object.keys(clicks).filter(function (k) { return id === k || t.closest("." + k); })[0];
    if (cls) { clicks[cls](); return; }
    if (t.closest(".ck-goto")) { goTo(t.closest(".ck-goto")); return; }
    if (t.closest("#ck-outline")) { onOutlineClick(t); }
  });

  root.addEventListener("input", function (event) {
    var t = event.target, d = state.draft, pos = P.blockAt(t);
    if (t === ui.recipient || t === ui.signature || t === ui.date) {
      d[t.id.replace("ck-", "")] = t.value;
    } else if (t === ui.attachments) {
      d.attachments = t.value.split("\n").map(function (a) { return a.trim(); }).filter(Boolean);
    } else if (t === ui.org) { d.org = t.value; } else if (t === ui.title) { d.title = t.value; } else if (t === ui.year) {
      var y = parseInt(t.value, 10);
      d.year = y >= 1000 && y <= 9999 ? y : null;
    } else if (t.classList.contains("ck-section-heading")) {
      d.sections[P.sectionAt(t)].heading = t.value;
      P.save();
      return;
    } else if (pos && t.classList.contains("ck-edit-heading")) {
      d.sections[pos.s].blocks[pos.b].heading = t.value;
      P.save();
      return;
    } else if (pos && t.classList.contains("ck-edit-text")) {
      d.sections[pos.s].blocks[pos.b].text = t.value;
      P.save();
      return;
    } else { return; }
    P.changed();
    ui.title.placeholder = R.draftTitle(Object.assign({}, d, { title: "" })) + "（自动）";
  });

  root.addEventListener("change", function (event) {
    var t = event.target, pos = P.blockAt(t), secs = state.draft.sections;
    if (t === ui.select) { P.open(t.value); P.message("已打开草稿“" + t.value + "”。"); } else if (t === ui.kind) { changeKind(t.value); } else if (t === ui.continuous || t === ui.seal) {
      state.draft[t === ui.seal ? "seal" : "continuous"] = t.checked;
      P.changed();
    } else if (t === ui.importInput) {
      if (t.files && t.files[0]) { importJson(t.files[0]); }
      t.value = "";
    } else if (pos && t.classList.contains("ck-level")) {
      secs[pos.s].blocks[pos.b].level = Number(t.value);
      P.changed();
    } else if (pos && t.classList.contains("ck-move-to")) {
      var block = secs[pos.s].blocks.splice(pos.b, 1)[0];
      secs[Number(t.value)].blocks.push(block);
      P.changed();
    } else if (t.classList.contains("ck-section-heading")) { renameTargets(P.sectionAt(t)); }
  });

  /* A renamed part: update the "移到"/"放入" choices in place (re-rendering here would swallow the
   * click that caused the blur). */
  function renameTargets(s) {
    var name = C.compose.outline.sectionName(state.draft, s, R.numberDraft(state.draft));
    root.querySelectorAll(".ck-move-to option[value=\"" + s + "\"]").forEach(function (o) { o.textContent = "移到：" + name; });
    root.querySelectorAll(".ck-place-target option[value=\"" + s + "\"]").forEach(function (o) { o.textContent = name; });
  }

  C.compose.actions = { exportDocx: exportDocx, importJson: importJson, exportJson: exportJson };
})();
