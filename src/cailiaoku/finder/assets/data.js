/* cailiaoku passage data API (shared contract):
 *   Cailiaoku.data.getPassages(ids)     Promise<Passage[]> in the order asked (unknown ids skipped)
 *   Cailiaoku.data.documents            doc-id -> {id, title, kind, year, org}, filled once meta is loaded
 *                                       (getPassages loads it first)
 * This file and its manifest are on every page and do not grow with the library; the data files
 * under assets/data/ are loaded on demand by injected <script> tags, never fetch(), so the site
 * works opened from disk (file://). Each holds gzip in base85: unpacked by DecompressionStream,
 * or where a browser lacks it by the vendored fflate (loaded then only). The manifest is written
 * above this code. */
(function () {
  "use strict";
  var C = window.Cailiaoku = window.Cailiaoku || {};
  if (C.data && C.data.getPassages) { return; }
  var M = C.dataManifest;
  var me = document.currentScript;
  var assets = me && me.src ? me.src.replace(/cailiaoku\/data\.js(?:[?#].*)?$/, "") : "assets/";
  var streams = typeof DecompressionStream === "function" && typeof Response === "function" &&
    typeof Blob === "function" && typeof Blob.prototype.stream === "function";
  var inflater = null;
  var waiting = {};
  var loaded = {};
  var chunks = {};
  var documents = {};
  var metaPromise = null;
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

  C._dataLoaded = function (name, payload) {
    var w = waiting[name];
    if (w) { delete waiting[name]; w(payload); }
  };

  function script(src, onload, onerror) {
    var s = document.createElement("script");
    s.src = src + "?v=" + M.stamp;
    s.async = true;
    s.onload = onload;
    s.onerror = onerror;
    (document.head || document.documentElement).appendChild(s);
  }

  function inject(name) {
    return new Promise(function (resolve, reject) {
      waiting[name] = resolve;
      script(assets + "data/" + name + ".js", function () {
        if (waiting[name]) { delete waiting[name]; reject(new Error("数据文件 " + name + " 内容有误")); }
      }, function () {
        delete waiting[name];
        reject(new Error("无法加载数据文件 " + name + "（请确认网站文件完整）"));
      });
    });
  }

  /* fflate (global `fflate`), for browsers without DecompressionStream; loaded once, when first needed. */
  function fflate() {
    if (!inflater) {
      inflater = new Promise(function (resolve, reject) {
        if (window.fflate) { resolve(window.fflate); return; }
        script(assets + "vendor/fflate.umd.js", function () {
          if (window.fflate) { resolve(window.fflate); } else { reject(new Error("解压程序 fflate 内容有误")); }
        }, function () { reject(new Error("无法加载解压程序 fflate（请确认网站文件完整）")); });
      });
      inflater.catch(function () { inflater = null; });
    }
    return inflater;
  }

  /* base85, RFC 1924 alphabet (Python's base64.b85encode): 5 chars per 4 bytes, big-endian; a
     last group of n+1 chars holds n bytes (padded with the highest digit, as Python decodes). */
  var B85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
  var B85_VALUE = {};
  for (var d = 0; d < 85; d++) { B85_VALUE[B85.charCodeAt(d)] = d; }
  function base85(text) {
    var n = text.length, rest = n % 5;
    var out = new Uint8Array(Math.floor(n / 5) * 4 + (rest ? rest - 1 : 0));
    for (var i = 0, at = 0; i < n; i += 5) {
      var v = 0;
      for (var k = i; k < i + 5; k++) {
        var c = k < n ? B85_VALUE[text.charCodeAt(k)] : 84;
        if (c === undefined) { throw new Error("数据文件内容有误"); }
        v = v * 85 + c;
      }
      for (var shift = 24; shift >= 0 && at < out.length; shift -= 8) { out[at++] = (v >>> shift) & 255; }
    }
    return out;
  }

  function unpack(payload) {
    if (typeof payload !== "string") { return Promise.resolve(payload); }
    var bytes;
    try { bytes = base85(payload); } catch (err) { return Promise.reject(err); }
    if (!streams) {
      return fflate().then(function (f) { return JSON.parse(f.strFromU8(f.gunzipSync(bytes))); });
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  function load(name) {
    if (!loaded[name]) {
      loaded[name] = inject(name).then(unpack);
      loaded[name].catch(function () { delete loaded[name]; });
    }
    return loaded[name];
  }

  /* meta: ids, documents, facets of every passage (see export.py meta_payload), unpacked into arrays. */
  function expand(raw) {
    var n = M.count, m = { ids: raw.ids ? raw.ids.split(" ") : [], ordinal: {}, chunkStart: raw.chunkStart };
    m.doc = new Int32Array(n);
    m.docOrder = raw.docs.map(function (d) { return d[0]; });
    raw.docs.forEach(function (d, k) {
      documents[d[0]] = { id: d[0], title: d[1], kind: d[2], year: d[3], org: d[4] };
      var end = k + 1 < raw.docStart.length ? raw.docStart[k + 1] : n;
      for (var o = raw.docStart[k]; o < end; o++) { m.doc[o] = k; }
    });
    m.chunkOf = new Int32Array(n);
    raw.chunkStart.forEach(function (start, k) {
      var end = k + 1 < raw.chunkStart.length ? raw.chunkStart[k + 1] : n;
      for (var o = start; o < end; o++) { m.chunkOf[o] = k; }
    });
    m.role = [];
    m.themes = [];
    var themes = raw.themes.split(",");
    for (var o = 0; o < n; o++) {
      m.ordinal[m.ids[o]] = o;
      var r = raw.role.charAt(o);
      m.role.push(r === "-" ? -1 : Number(r));
      var t = themes[o] || "", list = [];
      for (var k = 0; k < t.length; k++) { list.push(t.charCodeAt(k) - 0x100); }
      m.themes.push(list);
    }
    m.ph = raw.ph;
    m.headLength = new Int32Array(n);
    var v = 0, shift = 0, at = 0, code = raw.hl || "";
    for (var i = 0; i < code.length; i++) {
      var dg = DIGITS.indexOf(code.charAt(i));
      v += (dg & 31) * Math.pow(2, shift);
      if (dg >= 32) { shift += 5; } else { m.headLength[at++] = v; v = 0; shift = 0; }
    }
    return m;
  }

  function meta() {
    if (!metaPromise) {
      metaPromise = load("meta").then(expand);
      metaPromise.catch(function () { metaPromise = null; });
    }
    return metaPromise;
  }

  function chunk(k) {
    return load("c-" + k).then(function (rows) { chunks[k] = rows; return rows; });
  }

  /* Load the chunks holding these ordinals; resolves to the list of chunk numbers newly loaded. */
  function ensure(m, ordinals) {
    var ks = {}, fresh = [];
    for (var i = 0; i < ordinals.length; i++) {
      var k = m.chunkOf[ordinals[i]];
      if (!chunks[k] && !ks[k]) { ks[k] = true; fresh.push(k); }
    }
    return Promise.all(fresh.map(chunk)).then(function () { return fresh; });
  }

  function isLoaded(m, o) { return !!chunks[m.chunkOf[o]]; }

  function rowOf(m, o) {
    var k = m.chunkOf[o];
    return chunks[k][o - m.chunkStart[k]];
  }

  var roleKeys = Object.keys(M.roles);

  /* A passage whose chunk is loaded (ensure() first). */
  function passageAt(m, o) {
    var row = rowOf(m, o), parent = row[6];
    return {
      id: m.ids[o], doc: m.docOrder[m.doc[o]], type: row[0], level: row[1], number: row[2],
      heading: row[3], text: row[4], parent: parent >= 0 ? m.ids[parent] : null,
      role: roleKeys[m.role[o]] || "", themes: m.themes[o].map(function (t) { return M.themes[t]; }),
      placeholders: row[5]
    };
  }

  /* 相似写法 of a loaded passage: [{o, id, doc, score, number, heading, text}], most similar first. */
  function similarOf(m, o) {
    var row = rowOf(m, o), sim = row[7] || [], info = row[8] || [], out = [];
    for (var k = 0; k < sim.length; k += 2) {
      var s = info[k / 2] || ["", "", ""];
      out.push({ o: sim[k], id: m.ids[sim[k]], doc: m.docOrder[m.doc[sim[k]]], score: sim[k + 1],
        number: s[0], heading: s[1], text: s[2] });
    }
    return out;
  }

  function getPassages(ids) {
    return meta().then(function (m) {
      var ords = (ids || []).map(function (id) { return m.ordinal[id]; })
        .filter(function (o) { return o !== undefined; });
      return ensure(m, ords).then(function () {
        return ords.map(function (o) { return passageAt(m, o); });
      });
    });
  }

  C.data = {
    manifest: M,
    documents: documents,
    assets: assets,
    streams: streams,
    base85: base85,
    load: load,
    meta: meta,
    ensure: ensure,
    isLoaded: isLoaded,
    rowOf: rowOf,
    passageAt: passageAt,
    similarOf: similarOf,
    getPassages: getPassages
  };
})();
