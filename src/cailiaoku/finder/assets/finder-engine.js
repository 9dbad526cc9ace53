/* cailiaoku finder engine: the same folding, query syntax, segmentation, matching, ranking and
 * filter counts as the Python side (src/cailiaoku/finder/engine.py), from the same spec.json
 * (embedded in the data manifest). Needs assets/cailiaoku/data.js first. */
(function () {
  "use strict";
  var C = window.Cailiaoku = window.Cailiaoku || {};
  if (C.finder && C.finder.open) { return; }
  var M = C.data.manifest;
  var SPEC = M.spec;
  var FACETS = ["theme", "role", "kind", "year", "org", "ph"];

  /* ---- folding (spec.fold) ---- */
  var table = new Map();
  (function build() {
    var f = SPEC.fold;
    f.shift.forEach(function (r) {
      for (var cp = r[0]; cp <= r[1]; cp++) { table.set(cp, String.fromCodePoint(cp + r[2])); }
    });
    Object.keys(f.map).forEach(function (k) { table.set(k.codePointAt(0), f.map[k]); });
    for (var cp = 65; cp <= 90; cp++) { table.set(cp, String.fromCharCode(cp + 32)); }
    table.forEach(function (ch, key) {
      var m = Object.prototype.hasOwnProperty.call(f.map, ch) ? f.map[ch] : ch;
      table.set(key, m >= "A" && m <= "Z" && m.length === 1 ? m.toLowerCase() : m);
    });
    f.drop.forEach(function (r) { for (var cp = r[0]; cp <= r[1]; cp++) { table.set(cp, ""); } });
    f.space.forEach(function (r) { for (var cp = r[0]; cp <= r[1]; cp++) { table.set(cp, " "); } });
  })();

  /* One regex finds the (rare) characters the fold changes; everything else is kept as is. */
  var foldRe = (function () {
    var parts = [];
    table.forEach(function (_, cp) {
      parts.push(cp > 0xffff ? String.fromCodePoint(cp) : "\\u" + ("000" + cp.toString(16)).slice(-4));
    });
    return new RegExp("[" + parts.join("") + "]", "gu");
  })();
  function foldKeep(ch) { return table.get(ch.codePointAt(0)); }
  function foldDrop(ch) { var t = table.get(ch.codePointAt(0)); return t === " " ? "" : t; }

  function fold(text, keepSpace) {
    return text.replace(foldRe, keepSpace ? foldKeep : foldDrop);
  }

  /* Folded text and, per folded UTF-16 unit, its UTF-16 index in the original. */
  function foldWithMap(text) {
    var out = "", where = [], i = 0;
    for (var ch of text) {
      var t = table.get(ch.codePointAt(0));
      if (t === undefined) { t = ch; }
      if (t !== "" && t !== " ") {
        out += t;
        for (var u = 0; u < t.length; u++) { where.push(i + (ch.length === t.length ? u : 0)); }
      }
      i += ch.length;
    }
    return { text: out, where: where };
  }

  var wordRanges = SPEC.word_chars.ranges;
  function isWordChar(ch) {
    var cp = ch.codePointAt(0);
    for (var i = 0; i < wordRanges.length; i++) {
      if (cp >= wordRanges[i][0] && cp <= wordRanges[i][1]) { return true; }
    }
    return false;
  }

  /* ---- query syntax (spec.query) ---- */
  function parseQuery(query, exact) {
    var quote = SPEC.query.quote, minus = SPEC.query.exclude;
    var s = fold(query || "", true);
    if (exact) {
      s = s.replace(/^ +| +$/g, "");
      if (s.length >= 2 && s[0] === quote && s[s.length - 1] === quote) { s = s.slice(1, -1); }
      var whole = fold(s);
      return whole ? [{ kind: "phrase", text: whole, exclude: false }] : [];
    }
    var clauses = [], i = 0, n = s.length;
    while (i < n) {
      if (s[i] === " ") { i++; continue; }
      var exclude = s[i] === minus && i + 1 < n && s[i + 1] !== " ";
      if (exclude) { i++; }
      var kind, raw, j;
      if (s[i] === quote) {
        j = s.indexOf(quote, i + 1);
        if (j < 0) { j = n; }
        kind = "phrase"; raw = s.slice(i + 1, j); i = j + 1;
      } else {
        j = i;
        while (j < n && s[j] !== " " && s[j] !== quote) { j++; }
        kind = "term"; raw = s.slice(i, j); i = j;
      }
      var text = fold(raw);
      if (text) { clauses.push({ kind: kind, text: text, exclude: exclude }); }
    }
    return clauses;
  }

  /* ---- word index shards ---- */
  var shards = {};
  function shardOf(term) { return term.charCodeAt(0) % M.shards; }
  function loadShards(texts) {
    var need = {};
    texts.forEach(function (t) { for (var k = 0; k < t.length; k++) { need[t.charCodeAt(k) % M.shards] = true; } });
    return Promise.all(Object.keys(need).map(function (s) {
      if (shards[s]) { return shards[s]; }
      return C.data.load("ix-" + s).then(function (raw) { shards[s] = { raw: raw, maps: {} }; return shards[s]; });
    }));
  }
  function hasTerm(term) {
    var sh = shards[shardOf(term)];
    return !!sh && Object.prototype.hasOwnProperty.call(sh.raw, term);
  }
  function weights(term) {
    var sh = shards[shardOf(term)];
    if (!sh || !Object.prototype.hasOwnProperty.call(sh.raw, term)) { return null; }
    if (!sh.maps[term]) {
      var flat = undigits(sh.raw[term]), map = new Map(), o = -1;
      for (var k = 0; k < flat.length; k += 2) { o += flat[k] + 1; map.set(o, flat[k + 1]); }
      sh.maps[term] = map;
    }
    return sh.maps[term];
  }

  var W = C.finderWords(hasTerm, isWordChar, unique, SPEC, M);
  var segment = W.segment, wordsOf = W.wordsOf, needles = W.needles, gap = W.gap;

  function unique(list) {
    var seen = new Set();
    return list.filter(function (x) { if (seen.has(x)) { return false; } seen.add(x); return true; });
  }

  function occurrences(hay, needle) {
    var count = 0, at = hay.indexOf(needle);
    while (at >= 0) { count++; at = hay.indexOf(needle, at + needle.length); }
    return count;
  }

  /* ---- candidates (spec.candidates): pair postings bound the passages whose text is loaded ---- */
  var pairShards = {};
  var CAND = SPEC.candidates;
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var digitOf = {};
  for (var d = 0; d < DIGITS.length; d++) { digitOf[DIGITS.charCodeAt(d)] = d; }
  function isUnit(u) {
    if (u >= 0xd800 && u <= 0xdfff) { return true; }
    for (var i = 0; i < wordRanges.length; i++) {
      if (u >= wordRanges[i][0] && u <= wordRanges[i][1]) { return true; }
    }
    return false;
  }
  /* At most max_pairs distinct indexable pairs of a needle, spread over it. */
  function pairsOf(needle) {
    var all = [], seen = {};
    for (var i = 0; i + 1 < needle.length; i++) {
      var a = needle.charCodeAt(i), b = needle.charCodeAt(i + 1), g = needle.slice(i, i + 2);
      if (isUnit(a) && isUnit(b) && !seen[g]) { seen[g] = true; all.push(g); }
    }
    if (all.length <= CAND.max_pairs) { return all; }
    var out = [];
    for (var k = 0; k < CAND.max_pairs; k++) { out.push(all[Math.round(k * (all.length - 1) / (CAND.max_pairs - 1))]); }
    return unique(out);
  }
  function pairShardOf(g) { return (g.charCodeAt(0) * 31 + g.charCodeAt(1)) % M.pairShards; }
  /* every: each pair of each needle (positions answer indexOf), else the few that bound candidates */
  function loadPairShards(needles, every) {
    var need = {};
    needles.forEach(function (n) {
      if (!every) { pairsOf(n).forEach(function (g) { need[pairShardOf(g)] = true; }); return; }
      for (var i = 0; i + 1 < n.length; i++) {
        if (isUnit(n.charCodeAt(i)) && isUnit(n.charCodeAt(i + 1))) { need[pairShardOf(n.slice(i, i + 2))] = true; }
      }
    });
    return Promise.all(Object.keys(need).map(function (s) {
      if (pairShards[s]) { return pairShards[s]; }
      return C.data.load("bg-" + s).then(function (raw) { pairShards[s] = { raw: raw, lists: {} }; return pairShards[s]; });
    }));
  }
  /* Non-negative integers in 5-bit digits, low digits first (< 32 ends a number). */
  function undigits(text) {
    var out = [], v = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var dg = digitOf[text.charCodeAt(i)];
      v += (dg & 31) * Math.pow(2, shift);
      if (dg >= 32) { shift += 5; } else { out.push(v); v = 0; shift = 0; }
    }
    return out;
  }
  /* A pair's postings: ordinals ascending and, per ordinal, the pair's UTF-16 positions in the passage. */
  function pairPostings(g) {
    var sh = pairShards[pairShardOf(g)];
    if (!Object.prototype.hasOwnProperty.call(sh.raw, g)) { return { ords: [], at: new Map() }; }
    if (!sh.lists[g]) {
      var flat = undigits(sh.raw[g]), ords = [], at = new Map(), o = -1, i = 0;
      while (i < flat.length) {
        o += flat[i] + 1;
        var n = flat[i + 1], ps = [], p = 0;
        for (var k = 0; k < n; k++) { p += flat[i + 2 + k]; ps.push(p); }
        ords.push(o);
        at.set(o, ps);
        i += 2 + n;
      }
      sh.lists[g] = { ords: ords, at: at };
    }
    return sh.lists[g];
  }
  function pairList(g) { return pairPostings(g).ords; }

  /* Sorted ordinal lists; null stands for every passage. */
  function both(a, b) {
    if (a === null) { return b; }
    if (b === null) { return a; }
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) { i++; } else { j++; }
    }
    return out;
  }
  function either(a, b) {
    if (a === null || b === null) { return null; }
    var out = [], i = 0, j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) { out.push(a[i++]); } else if (i >= a.length || b[j] < a[i]) {
        out.push(b[j++]);
      } else { out.push(a[i]); i++; j++; }
    }
    return out;
  }
  function needleCand(needle) {
    var ps = pairsOf(needle);
    if (!ps.length) { return null; }
    var lists = ps.map(pairList).sort(function (a, b) { return a.length - b.length; });
    return lists.reduce(both);
  }
  function anyOf(needles) { return needles.map(needleCand).reduce(either); }
  /* Passages a clause can match (a superset): its words (each: itself, a synonym, or every piece), else its text. */
  function clauseCand(c) {
    if (c.kind !== "term" || !c.words.length) { return needleCand(c.text); }
    return c.words.map(function (w) {
      var whole = anyOf([w.text].concat(w.alts));
      if (!w.pieces.length) { return whole; }
      var pieces = w.pieces.map(function (p, k) { return anyOf([p].concat(w.pieceAlts[k])); }).reduce(both);
      return either(whole, pieces);
    }).reduce(both);
  }
  function clauseNeedles(c) {
    var out = [c.text];
    c.words.forEach(function (w) {
      out.push(w.text);
      out.push.apply(out, w.alts);
      out.push.apply(out, w.pieces);
      w.pieceAlts.forEach(function (g) { out.push.apply(out, g); });
    });
    return out;
  }
  function candidates(clauses, every) {
    var needles = [];
    clauses.forEach(function (c) { needles.push.apply(needles, clauseNeedles(c)); });
    return loadPairShards(needles, every).then(function () { return clauses.map(clauseCand); });
  }

  /* ---- the engine: facets of every passage from meta; text of a chunk once it is loaded ---- */
  function Engine(meta) {
    var roleKeys = Object.keys(M.roles), docs = C.data.documents;
    this.meta = meta;
    this.count = M.count;
    this.entries = [];
    this.filled = {};
    for (var o = 0; o < M.count; o++) {
      var doc = docs[meta.docOrder[meta.doc[o]]];
      this.entries.push({
        o: o, heading: null, full: null,
        facets: {
          theme: meta.themes[o].map(function (t) { return M.themes[t]; }),
          role: roleKeys[meta.role[o]] ? [roleKeys[meta.role[o]]] : [],
          kind: doc.kind ? [doc.kind] : [],
          year: doc.year === null || doc.year === undefined ? [] : [String(doc.year)],
          org: doc.org ? [doc.org] : [],
          ph: meta.ph.charAt(o) === "1" ? ["1"] : []
        }
      });
    }
  }

  /* Text of these passages folded and ready (their chunks loaded). */
  Engine.prototype.ensure = function (ordinals) {
    var self = this, m = this.meta;
    return C.data.ensure(m, ordinals).then(function () {
      for (var i = 0; i < ordinals.length; i++) {
        var k = m.chunkOf[ordinals[i]];
        if (self.filled[k]) { continue; }
        self.filled[k] = true;
        var end = k + 1 < m.chunkStart.length ? m.chunkStart[k + 1] : M.count;
        for (var o = m.chunkStart[k]; o < end; o++) {
          var row = C.data.rowOf(m, o), e = self.entries[o];
          e.heading = fold(row[3]);
          e.full = e.heading + "\n" + fold(row[4]);
        }
      }
    });
  };

  /* Hits from..to (and what is folded under them) ready to show. */
  Engine.prototype.page = function (hits, from, to) {
    var ords = [];
    hits.slice(from, to).forEach(function (h) {
      ords.push(h.o);
      h.folded.forEach(function (f) { ords.push(f.o); });
    });
    return this.ensure(ords);
  };

  function allOrdinals(n) {
    var out = [];
    for (var o = 0; o < n; o++) { out.push(o); }
    return out;
  }

  function tokensOf(c) {
    var out = c.words.map(function (w) { return w.text; });
    c.words.forEach(function (w) { out.push.apply(out, w.pieces); });
    return unique(out);
  }
  function altsOf(c) {
    var out = [];
    c.words.forEach(function (w) {
      out.push.apply(out, w.alts);
      w.pieceAlts.forEach(function (g) { out.push.apply(out, g); });
    });
    return unique(out);
  }

  Engine.prototype.clauses = function (query, exact, synonyms) {
    var parsed = parseQuery(query, exact);
    var terms = parsed.filter(function (c) { return c.kind === "term"; }).map(function (c) { return c.text; });
    return loadShards(terms).then(function () {
      parsed.forEach(function (c) {
        c.words = c.kind === "term" ? wordsOf(c.text, !!synonyms) : [];
        c.tokens = tokensOf(c);
        c.alts = altsOf(c);
      });
      return parsed;
    });
  };

  function matches(c, e) {
    if (e.full.indexOf(c.text) >= 0) { return true; }
    return c.kind === "term" && c.words.length > 0 && needles(c.words, e.full) !== null;
  }

  function score(clauses, e) {
    var r = SPEC.rank, s = 0;
    clauses.forEach(function (c) {
      var occ = occurrences(e.full, c.text);
      if (occ) {
        s += r.literal + r.per_occurrence * Math.min(occ, r.max_occurrences);
        if (e.heading.indexOf(c.text) >= 0) { s += r.heading; }
      } else if (c.words.length) {
        var found = needles(c.words, e.full) || [], g = gap(e.full, found);
        s += g <= r.adjacent_gap ? r.adjacent : g <= r.near_gap ? r.near : 0;
        if (found.every(function (n) { return e.heading.indexOf(n) >= 0; })) { s += r.heading; }
      }
      c.tokens.forEach(function (t) { var w = weights(t); if (w && w.has(e.o)) { s += w.get(e.o); } });
    });
    return s;
  }

  function passes(e, facet, values) {
    return e.facets[facet].some(function (v) { return values.has(v); });
  }

  function counts(matched, wanted) {
    var out = {};
    FACETS.forEach(function (f) { out[f] = {}; });
    var active = Object.keys(wanted);
    matched.forEach(function (e) {
      var failing = active.filter(function (f) { return !passes(e, f, wanted[f]); });
      if (failing.length > 1) { return; }
      FACETS.forEach(function (f) {
        if (failing.length && failing[0] !== f) { return; }
        e.facets[f].forEach(function (v) { out[f][v] = (out[f][v] || 0) + 1; });
      });
    });
    return out;
  }

  function wantedOf(filters) {
    var wanted = {};
    FACETS.forEach(function (f) {
      var v = filters && filters[f];
      if (v && v.length) { wanted[f] = new Set(v.map(String)); }
    });
    return wanted;
  }

  /* spec.fold_similar: a hit among the 相似写法 of a hit kept earlier goes under the first such one. */
  function foldHits(hits, simOf) {
    var kept = [], owner = new Map();
    hits.forEach(function (h) {
      var home = owner.get(h.o);
      if (home) { home.folded.push(h); return; }
      kept.push(h);
      var s = simOf(h.o);
      for (var k = 0; k < s.length; k += 2) { if (!owner.has(s[k])) { owner.set(s[k], h); } }
    });
    return kept;
  }

  /* ---- positions (spec.candidates): a passage's indexOf answered from pair postings ---- */
  function capable(needle) {
    if (needle.length < 2) { return false; }
    for (var i = 0; i < needle.length; i++) { if (!isUnit(needle.charCodeAt(i))) { return false; } }
    return true;
  }
  /* Every start of `needle` in passage o (overlapping ones too, as indexOf sees them). */
  function positionsOf(needle, o, memo) {
    var key = needle + "\u0000" + o, got = memo.get(key);
    if (got) { return got; }
    var out = (pairPostings(needle.slice(0, 2)).at.get(o) || []).slice();
    for (var i = 1; i + 1 < needle.length && out.length; i++) {
      var next = pairPostings(needle.slice(i, i + 2)).at.get(o) || [], set = new Set(next);
      out = out.filter(function (p) { return set.has(p + i); });
    }
    memo.set(key, out);
    return out;
  }
  /* A stand-in for a passage's folded text (full) and heading: only indexOf is asked of them. */
  function positional(self, o, memo) {
    var headLength = self.meta.headLength[o];
    var full = {
      indexOf: function (needle, from) {
        var ps = positionsOf(needle, o, memo), lo = 0, hi = ps.length;
        from = from || 0;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (ps[mid] < from) { lo = mid + 1; } else { hi = mid; } }
        return lo < ps.length ? ps[lo] : -1;
      }
    };
    var heading = {
      indexOf: function (needle) {
        var ps = positionsOf(needle, o, memo);
        return ps.length && ps[0] + needle.length <= headLength ? ps[0] : -1;
      }
    };
    return { o: o, full: full, heading: heading, facets: self.entries[o].facets };
  }
  function allCapable(clauses) {
    return clauses.every(function (c) { return clauseNeedles(c).every(capable); });
  }

  /* search(query, filters, exact, synonyms, foldSimilar)
   *   -> Promise<{hits:[{o, id, score, folded}], ids, counts, clauses, marks}>; the first page of hits is loaded. */
  Engine.prototype.search = function (query, filters, exact, synonyms, foldSimilar) {
    var self = this, wanted = wantedOf(filters), m = this.meta;
    var result, include, exclude, stand = {}, byPositions = false;
    return this.clauses(query, exact, synonyms).then(function (clauses) {
      result = { hits: [], ids: [], clauses: clauses, marks: marksOf(clauses) };
      include = clauses.filter(function (c) { return !c.exclude; });
      exclude = clauses.filter(function (c) { return c.exclude; });
      byPositions = !foldSimilar && clauses.length > 0 && allCapable(clauses);
      return candidates(clauses, byPositions);
    }).then(function (cands) {
      var inc = null, exc = [];
      cands.forEach(function (cand, k) {
        if (result.clauses[k].exclude) { exc.push(cand); } else { inc = both(inc, cand); }
      });
      /* Only passages that can match an include clause (or, without one, an exclude clause) need their text. */
      var check = include.length ? inc : exc.length ? exc.reduce(either) : [];
      if (check === null) { check = allOrdinals(M.count); }
      if (byPositions) {
        /* every needle answered from pair positions: no passage text needed to match or rank */
        var memo = new Map();
        check.forEach(function (o) { stand[o] = positional(self, o, memo); });
        return check;
      }
      return self.ensure(check).then(function () { return check; });
    }).then(function (check) {
      if (!result.clauses.length && !Object.keys(wanted).length) {
        result.counts = counts(self.entries, wanted);
        return result;
      }
      var matched;
      if (include.length) {
        matched = check.map(function (o) { return stand[o] || self.entries[o]; }).filter(function (e) {
          return include.every(function (c) { return matches(c, e); }) &&
            !exclude.some(function (c) { return matches(c, e); });
        });
      } else {
        var out = {};
        check.forEach(function (o) {
          if (exclude.some(function (c) { return matches(c, stand[o] || self.entries[o]); })) { out[o] = true; }
        });
        matched = self.entries.filter(function (e) { return !out[e.o]; });
      }
      var keys = Object.keys(wanted);
      matched.forEach(function (e) {
        if (keys.every(function (f) { return passes(e, f, wanted[f]); })) {
          result.hits.push({ o: e.o, id: m.ids[e.o], score: score(include, e), folded: [] });
        }
      });
      result.hits.sort(function (a, b) { return (b.score - a.score) || (a.o - b.o); });
      result.ids = result.hits.map(function (h) { return h.id; });
      result.counts = counts(matched, wanted);
      if (!foldSimilar) { return result; }
      return self.ensure(result.hits.map(function (h) { return h.o; })).then(function () {
        result.hits = foldHits(result.hits, function (o) { return C.data.rowOf(m, o)[7] || []; });
        result.ids = result.hits.map(function (h) { return h.id; });
        return result;
      });
    }).then(function (r) {
      return self.page(r.hits, 0, SPEC.data.page_size).then(function () { return r; });
    });
  };

  /* matchTexts(query, texts, synonyms) -> Promise<boolean[]>: which folded texts hold the query
   * by the same rules as passages (the header box uses it for guide pages). */
  Engine.prototype.matchTexts = function (query, texts, synonyms) {
    return this.clauses(query, false, synonyms).then(function (clauses) {
      var include = clauses.filter(function (c) { return !c.exclude; });
      var exclude = clauses.filter(function (c) { return c.exclude; });
      return texts.map(function (t) {
        var e = { full: t };
        return include.length > 0 && include.every(function (c) { return matches(c, e); }) &&
          !exclude.some(function (c) { return matches(c, e); });
      });
    });
  };

  function marksOf(clauses) {
    var out = [];
    clauses.forEach(function (c) {
      if (!c.exclude) { out.push(c.text); out.push.apply(out, c.tokens); out.push.apply(out, c.alts); }
    });
    return unique(out.filter(Boolean));
  }

  /* Merged [start, end) UTF-16 ranges of `original` matching any mark (after folding). */
  function spans(original, marks) {
    var f = foldWithMap(original), ranges = [];
    marks.forEach(function (mark) {
      var at = f.text.indexOf(mark);
      while (at >= 0) {
        var end = at + mark.length;
        ranges.push([f.where[at], f.where[end - 1] + 1]);
        at = f.text.indexOf(mark, end);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) { last[1] = Math.max(last[1], r[1]); } else { merged.push([r[0], r[1]]); }
    });
    return merged;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  /* HTML of `original` with every match in <mark>; all text escaped. */
  function highlight(original, marks) {
    var out = "", last = 0;
    spans(original, marks).forEach(function (r) {
      out += escapeHtml(original.slice(last, r[0])) + "<mark>" + escapeHtml(original.slice(r[0], r[1])) + "</mark>";
      last = r[1];
    });
    return out + escapeHtml(original.slice(last));
  }

  var enginePromise = null;
  function open() {
    if (!enginePromise) {
      enginePromise = C.data.meta().then(function (m) { return new Engine(m); });
      enginePromise.catch(function () { enginePromise = null; });
    }
    return enginePromise;
  }

  C.finder = {
    FACETS: FACETS, fold: fold, foldWithMap: foldWithMap, parseQuery: parseQuery, segment: segment,
    spans: spans, highlight: highlight, escapeHtml: escapeHtml, open: open, Engine: Engine
  };
})();
