/* cailiaoku passage data API (shared contract):
 *   Cailiaoku.data.documents            doc-id -> {id, title, kind, year, org}
 *   Cailiaoku.data.getPassages(ids)     Promise<Passage[]> in the order asked (unknown ids skipped)
 * Data files under assets/data/ are loaded by injected <script> tags, never fetch(),
 * so the site works opened from disk (file://). The manifest is written above this code. */
(function () {
  "use strict";
  var C = window.Cailiaoku = window.Cailiaoku || {};
  if (C.data && C.data.getPassages) { return; }
  var M = C.dataManifest;
  var me = document.currentScript;
  var assets = me && me.src ? me.src.replace(/cailiaoku\/data\.js(?:[?#].*)?$/, "") : "assets/";
  var packed = typeof DecompressionStream === "function" && typeof Response === "function" &&
    typeof Blob === "function" && typeof Blob.prototype.stream === "function";
  var waiting = {};
  var loaded = {};
  var chunks = {};
  var metaPromise = null;

  C._dataLoaded = function (name, payload) {
    var w = waiting[name];
    if (w) { delete waiting[name]; w(payload); }
  };

  function inject(name) {
    return new Promise(function (resolve, reject) {
      waiting[name] = resolve;
      var s = document.createElement("script");
      s.src = assets + "data/" + name + (packed ? ".js" : ".u.js") + "?v=" + M.stamp;
      s.async = true;
      s.onerror = function () {
        delete waiting[name];
        reject(new Error("无法加载数据文件 " + name + "（请确认网站文件完整）"));
      };
      s.onload = function () {
        if (waiting[name]) { delete waiting[name]; reject(new Error("数据文件 " + name + " 内容有误")); }
      };
      (document.head || document.documentElement).appendChild(s);
    });
  }

  function unpack(payload) {
    if (typeof payload !== "string") { return Promise.resolve(payload); }
    var bin = atob(payload);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
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

  function meta() {
    if (!metaPromise) {
      metaPromise = load("meta").then(function (m) {
        m.ordinal = {};
        for (var i = 0; i < m.ids.length; i++) { m.ordinal[m.ids[i]] = i; }
        return m;
      });
      metaPromise.catch(function () { metaPromise = null; });
    }
    return metaPromise;
  }

  function chunk(k) {
    return load("c-" + k).then(function (rows) { chunks[k] = rows; return rows; });
  }

  var roleKeys = Object.keys(M.roles);

  function passageAt(m, o) {
    var row = chunks[Math.floor(o / M.chunk)][o % M.chunk];
    var parent = m.parent[o];
    return {
      id: m.ids[o], doc: M.docOrder[m.doc[o]], type: row[0], level: row[1], number: row[2],
      heading: row[3], text: row[4], parent: parent >= 0 ? m.ids[parent] : null,
      role: roleKeys[m.role[o]] || "", themes: m.themes[o].map(function (t) { return M.themes[t]; }),
      placeholders: row[5]
    };
  }

  function needChunks(ordinals) {
    var ks = {};
    ordinals.forEach(function (o) { ks[Math.floor(o / M.chunk)] = true; });
    return Promise.all(Object.keys(ks).map(function (k) { return chunk(Number(k)); }));
  }

  function getPassages(ids) {
    return meta().then(function (m) {
      var ords = (ids || []).map(function (id) { return m.ordinal[id]; })
        .filter(function (o) { return o !== undefined; });
      return needChunks(ords).then(function () {
        return ords.map(function (o) { return passageAt(m, o); });
      });
    });
  }

  /* Everything: meta and every chunk (the finder searches all passages). */
  function all() {
    return meta().then(function (m) {
      var ks = [];
      for (var k = 0; k < M.chunks; k++) { ks.push(chunk(k)); }
      return Promise.all(ks).then(function () { return { meta: m, chunks: chunks }; });
    });
  }

  C.data = {
    manifest: M,
    documents: M.documents,
    assets: assets,
    packed: packed,
    load: load,
    meta: meta,
    all: all,
    passageAt: passageAt,
    getPassages: getPassages
  };
})();
