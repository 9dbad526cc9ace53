/* Named drafts kept in localStorage (they survive reloads and closing the browser), plus draft
 * JSON export/import. A file that cannot be read never replaces or damages the current draft.
 *   localStorage[layout.draft.storage_key] = {"<name>": draft, ...}
 *   localStorage[layout.draft.current_key] = "<name of the open draft>" */
(function () {
  "use strict";
  var C = window.Cailiaoku = window.Cailiaoku || {};
  var L = C.layout;
  var R = C.compose.rules;
  var KEY = L.draft.storage_key, CURRENT = L.draft.current_key;

  function readAll() {
    try {
      var all = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      if (!all || typeof all !== "object" || Array.isArray(all)) { return {}; }
      Object.keys(all).forEach(function (name) {
        try { R.checkDraft(all[name]); } catch (e) { delete all[name]; }
      });
      return all;
    } catch (e) {
      return {};
    }
  }

  function writeAll(all) { window.localStorage.setItem(KEY, JSON.stringify(all)); }

  function names() { return Object.keys(readAll()).sort(); }

  function currentName() { return window.localStorage.getItem(CURRENT) || ""; }

  function get(name) { return readAll()[name] || null; }

  /* Store `draft` under its name and make it the open draft. */
  function save(draft) {
    var all = readAll();
    all[draft.name] = draft;
    writeAll(all);
    window.localStorage.setItem(CURRENT, draft.name);
  }

  function remove(name) {
    var all = readAll();
    delete all[name];
    writeAll(all);
    if (currentName() === name) { window.localStorage.removeItem(CURRENT); }
  }

  function freeName(base) {
    var all = readAll(), name = base, n = 2;
    while (Object.prototype.hasOwnProperty.call(all, name)) { name = base + "（" + n + "）"; n += 1; }
    return name;
  }

  function toJson(draft) { return JSON.stringify(draft, null, 2) + "\n"; }

  /* Parse a draft file's text: returns the draft or throws Error with a Chinese message. */
  function fromJson(text) {
    var raw;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      var at = /position (\d+)/.exec(String(e.message));
      var where = "";
      if (at) { where = "（第 " + (text.slice(0, Number(at[1])).split("\n").length) + " 行附近）"; }
      throw new Error("草稿文件不是有效的 JSON" + where + "，可能已损坏或不完整。");
    }
    try {
      R.checkDraft(raw);
    } catch (e) {
      throw new Error(e.message + "。");
    }
    if (!raw.name) { raw.name = "导入的草稿"; }
    return raw;
  }

  C.compose.store = {
    names: names, currentName: currentName, get: get, save: save, remove: remove,
    freeName: freeName, toJson: toJson, fromJson: fromJson
  };
})();
