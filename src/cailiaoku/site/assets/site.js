/* cailiaoku site script: copy buttons and the draft basket, wired on every page.
 *
 * Contract (see the project notes):
 *   <button class="ck-copy" data-copy-target="#elementId">复制</button>  (or data-copy-text="…")
 *   (a target selector matching several elements copies their texts joined by data-copy-sep, e.g.
 *   a heading and its body written once in the page: data-copy-target="#id .ck-c" data-copy-sep="。")
 *   <div class="ck-p" data-passage-id="ID">…<div class="ck-ptags">…</div></div> in a .ck-doc (a source
 *   document's passage) gets both buttons from this script (passageButtons).
 *   <button class="ck-add-draft" data-passage-id="ID">加入草稿</button>
 *   localStorage["cailiaoku.draft.basket"] = JSON array of passage ids, in the order added, no duplicates.
 * Buttons are handled by one delegated listener, so buttons added later (finder results) work too.
 * Works under file://: no fetch, and copying falls back to execCommand when the Clipboard API fails.
 */
(function () {
  "use strict";

  var KEY = "cailiaoku.draft.basket";
  var ns = (window.Cailiaoku = window.Cailiaoku || {});
  var ADD = "加入草稿", IN = "已在草稿";
  // The site root, from this script's own address (…/assets/cailiaoku/site.js): works under file://.
  var me = document.currentScript;
  var siteRoot = me && me.src ? me.src.replace(/assets\/cailiaoku\/site\.js(?:[?#].*)?$/, "") : "";

  function readBasket() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      if (!Array.isArray(value)) return [];
      var seen = {};
      return value.filter(function (id) {
        if (typeof id !== "string" || seen[id]) return false;
        seen[id] = true;
        return true;
      });
    } catch (e) {
      return [];
    }
  }

  function writeBasket(ids) {
    window.localStorage.setItem(KEY, JSON.stringify(ids));
    document.dispatchEvent(new CustomEvent("cailiaoku:basket", { detail: { ids: ids.slice() } }));
  }

  function addToBasket(id) {
    var ids = readBasket();
    if (ids.indexOf(id) !== -1) return false;
    ids.push(id);
    writeBasket(ids);
    return true;
  }

  function removeFromBasket(id) {
    var ids = readBasket().filter(function (x) { return x !== id; });
    writeBasket(ids);
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return fallbackCopy(text);
      });
    }
    return fallbackCopy(text);
  }

  function textFor(button) {
    if (button.hasAttribute("data-copy-text")) return button.getAttribute("data-copy-text");
    var selector = button.getAttribute("data-copy-target");
    var targets = [];
    try {
      targets = selector ? Array.prototype.slice.call(document.querySelectorAll(selector)) : [];
    } catch (e) {
      targets = [];
    }
    if (!targets.length) return null;
    var sep = button.getAttribute("data-copy-sep") || "";
    return targets.map(function (t) { return t.textContent.trim(); }).join(sep);
  }

  function flash(button, label) {
    if (!button.hasAttribute("data-label")) button.setAttribute("data-label", button.textContent);
    button.textContent = label;
    window.clearTimeout(button._ckTimer);
    button._ckTimer = window.setTimeout(function () {
      button._ckTimer = 0;
      button.textContent = button.getAttribute("data-label");
    }, 1600);
    announce(label);
  }

  var live = null;
  function announce(message) {
    if (!live) {
      live = document.createElement("div");
      live.className = "ck-live";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = message;
  }

  function markAdded(root) {
    var ids = readBasket();
    var buttons = (root || document).querySelectorAll(".ck-add-draft[data-passage-id]");
    Array.prototype.forEach.call(buttons, function (b) {
      var inBasket = ids.indexOf(b.getAttribute("data-passage-id")) !== -1;
      b.classList.toggle("ck-in-draft", inBasket);
      b.setAttribute("aria-pressed", inBasket ? "true" : "false");
      b.title = inBasket ? "已在草稿中（在“组稿”页面查看）" : "加入草稿，在“组稿”页面中使用";
      b.setAttribute("data-label", inBasket ? IN : ADD);
      if (!b._ckTimer) b.textContent = inBasket ? IN : ADD;
    });
    badge(ids.length);
  }

  /* 草稿 N in the header of every page, linking to the compose page. */
  function badge(count) {
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    var link = header.querySelector(".ck-draft-badge");
    if (!link) {
      link = document.createElement("a");
      link.className = "ck-draft-badge md-header__button";
      link.href = siteRoot + "compose.html";
      link.innerHTML = '草稿 <span class="ck-draft-count"></span>';
      var search = header.querySelector(".md-search");
      header.insertBefore(link, search || null);
    }
    link.querySelector(".ck-draft-count").textContent = String(count);
    link.title = "组稿：草稿中有 " + count + " 个段落";
    link.setAttribute("aria-label", link.title);
  }

  document.addEventListener("click", function (event) {
    var el = event.target instanceof Element ? event.target : null;
    if (!el) return;
    var copy = el.closest(".ck-copy");
    if (copy) {
      event.preventDefault();
      var text = textFor(copy);
      if (text === null) {
        flash(copy, "找不到内容");
        return;
      }
      copyText(text).then(
        function () { flash(copy, "已复制"); },
        function () { flash(copy, "复制失败，请手动选择文字"); }
      );
      return;
    }
    var add = el.closest(".ck-add-draft");
    if (add) {
      event.preventDefault();
      var id = add.getAttribute("data-passage-id");
      if (!id) return;
      var added = addToBasket(id);
      flash(add, added ? "已加入草稿" : "已在草稿中");
      markAdded();
    }
  });

  /* A source document's passage (<div class="ck-p" data-passage-id="ID"> in .ck-doc) gets its
     复制 and 加入草稿 buttons here rather than in the page (a document has hundreds): the copy
     reads #ck-text-ID, or else the elements .ck-c inside the passage joined by its data-copy-sep. */
  function passageButtons() {
    var items = document.querySelectorAll(".ck-doc .ck-p[data-passage-id]");
    Array.prototype.forEach.call(items, function (div) {
      var tags = div.querySelector(".ck-ptags");
      if (!tags || tags.querySelector(".ck-copy")) return;
      var id = div.getAttribute("data-passage-id");
      var copy = document.createElement("button");
      copy.className = "ck-copy";
      copy.type = "button";
      copy.textContent = "复制";
      copy.setAttribute("data-copy-target",
        document.getElementById("ck-text-" + id) ? "#ck-text-" + id : '[id="' + id + '"] .ck-c');
      if (div.hasAttribute("data-copy-sep")) copy.setAttribute("data-copy-sep", div.getAttribute("data-copy-sep"));
      var add = document.createElement("button");
      add.className = "ck-add-draft";
      add.type = "button";
      add.textContent = ADD;
      add.setAttribute("data-passage-id", id);
      tags.appendChild(copy);
      tags.appendChild(add);
    });
  }

  function ready() {
    passageButtons();
    markAdded();
  }

  document.addEventListener("cailiaoku:basket", function () { markAdded(); });
  window.addEventListener("storage", function (e) { if (e.key === KEY) markAdded(); });
  if (document.readyState === "loading") {
    passageButtons(); // this script comes after the article: its passages are parsed already
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }

  ns.copyText = copyText;
  ns.draft = {
    key: KEY,
    read: readBasket,
    write: writeBasket,
    add: addToBasket,
    remove: removeFromBasket,
    refresh: markAdded
  };
})();
