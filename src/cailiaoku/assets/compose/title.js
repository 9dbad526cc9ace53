/* Title lines at word boundaries in a trapezoid or diamond (GB/T 9704 7.3.1): the same choice as
 * src/cailiaoku/compose/titlebreak.py; the words come from Intl.Segmenter here, from jieba there. */
(function () {
  "use strict";
  var C = window.Cailiaoku = window.Cailiaoku || {};
  var L = C.layout, R = C.compose.rules;
  var MAX_TRIES = 100000;

  function maxTitleUnits() {
    return Math.floor(L.derived.text_width / (L.styles.title.size_pt * 20)) - L.title.line_chars_margin;
  }

  var vocabulary = null, longest = 0;

  /* Spans of the title covered by a word of the library's jieba vocabulary (layout.js title_words). */
  function vocabularySpans(title) {
    if (vocabulary === null) {
      vocabulary = {};
      (L.title_words || []).forEach(function (w) { vocabulary[w] = true; longest = Math.max(longest, w.length); });
    }
    var spans = [];
    for (var i = 0; i < title.length; i++) {
      for (var n = Math.min(longest, title.length - i); n >= 2; n--) {
        if (vocabulary[title.substr(i, n)] === true) { spans.push([i, i + n]); break; }
      }
    }
    return spans;
  }

  /* Intl.Segmenter's words, joined again where they cut through a library word (意识/形态). */
  function segmenterWords(title) {
    var pieces = typeof Intl !== "undefined" && Intl.Segmenter ?
      Array.from(new Intl.Segmenter("zh", { granularity: "word" }).segment(title), function (s) { return s.segment; }) :
      Array.from(title);
    var spans = vocabularySpans(title), out = [], pos = 0;
    pieces.forEach(function (piece) {
      var inside = spans.some(function (s) { return s[0] < pos && pos < s[1]; });
      if (inside && out.length) { out[out.length - 1] += piece; } else { out.push(piece); }
      pos += piece.length;
    });
    return out;
  }

  function protectedSpans(title, keep, quotes) {
    var spans = [], re = quotes ? /[0-9]+年|《[^》]*》|“[^”]*”/g : /[0-9]+年/g, m;
    while ((m = re.exec(title)) !== null) { spans.push([m.index, m.index + m[0].length]); }
    keep.forEach(function (name) {
      if (!name) { return; }
      var at = title.indexOf(name);
      while (at >= 0) { spans.push([at, at + name.length]); at = title.indexOf(name, at + name.length); }
    });
    return spans;
  }

  function allowedBreaks(title, words, keep, conf, strict) {
    var cuts = [], pos = 0;
    words.slice(0, -1).forEach(function (w) { pos += w.length; cuts.push(pos); });
    var spans = protectedSpans(title, keep, strict);
    return cuts.filter(function (c) {
      return !spans.some(function (s) { return s[0] < c && c < s[1]; }) &&
        conf.no_line_start.indexOf(title[c]) < 0 && conf.no_line_end.indexOf(title[c - 1]) < 0;
    });
  }

  function monotone(xs, up) {
    for (var i = 1; i < xs.length; i++) { if (up ? xs[i - 1] > xs[i] : xs[i - 1] < xs[i]) { return false; } }
    return true;
  }

  function shapeScore(lengths, conf) {
    var hi = Math.max.apply(null, lengths), lo = Math.min.apply(null, lengths);
    var score = hi - lo, rising = monotone(lengths, true), falling = monotone(lengths, false);
    var top = lengths.indexOf(hi);
    var diamond = lengths.length >= 3 && top > 0 && top < lengths.length - 1 &&
      monotone(lengths.slice(0, top + 1), true) && monotone(lengths.slice(top), false);
    if (!(rising || falling || diamond)) { score += conf.shape_penalty; } else if (falling && !rising && !diamond) { score += conf.inverted_penalty; }
    return score;
  }

  function comb(n, k) { var r = 1; for (var i = 1; i <= k; i++) { r = r * (n - k + i) / i; } return r; }

  /* Every k-subset of cuts in lexicographic order (as Python's itertools.combinations). */
  function eachCombination(cuts, k, visit) {
    var chosen = [];
    (function rec(start) {
      if (chosen.length === k) { visit(chosen.slice()); return; }
      for (var i = start; i < cuts.length; i++) { chosen.push(cuts[i]); rec(i + 1); chosen.pop(); }
    })(0);
  }

  function linesAt(title, chosen) {
    var edges = [0].concat(chosen, [title.length]), out = [];
    for (var i = 0; i + 1 < edges.length; i++) { out.push(title.slice(edges[i], edges[i + 1])); }
    return out;
  }

  function hardLines(title, maxUnits) {
    var lines = [], line = "";
    for (var ch of title) {
      if (line && R.units(line + ch) > maxUnits) { lines.push(line); line = ""; }
      line += ch;
    }
    return line ? lines.concat([line]) : lines;
  }

  function titleLines(title, words, keep, maxUnits, conf) {
    if (R.units(title) <= maxUnits) { return [title]; }
    var strictLines = bestLines(title, allowedBreaks(title, words, keep, conf, true), maxUnits, conf);
    if (strictLines.length) { return strictLines; }
    var loose = bestLines(title, allowedBreaks(title, words, keep, conf, false), maxUnits, conf);
    return loose.length ? loose : hardLines(title, maxUnits);
  }

  function bestLines(title, cuts, maxUnits, conf) {
    for (var n = 2; n <= cuts.length + 1; n++) {
      if (comb(cuts.length, n - 1) > MAX_TRIES) { break; }
      var best = null;
      eachCombination(cuts, n - 1, function (chosen) {
        var lengths = linesAt(title, chosen).map(R.units);
        if (Math.max.apply(null, lengths) > maxUnits) { return; }
        var score = shapeScore(lengths, conf);
        if (best === null || score < best[0]) { best = [score, chosen]; }
      });
      if (best !== null) { return linesAt(title, best[1]); }
    }
    return [];
  }

  function breakRuns(runs, lines) {
    var cuts = {}, pos = 0;
    lines.slice(0, -1).forEach(function (line) { pos += line.length; cuts[pos] = true; });
    pos = 0;
    return runs.map(function (run) {
      var piece = "";
      for (var i = 0; i < run.text.length; i++) {
        if (cuts[pos] && pos) { piece += "\n"; }
        piece += run.text[i];
        pos += 1;
      }
      return { text: piece, mark: run.mark };
    });
  }

  function titleParagraph(draft, words) {
    var title = R.draftTitle(draft), runs = R.markText(title, {}, {}), maxUnits = maxTitleUnits();
    if (R.units(title) > maxUnits) {
      var tokens = words ? words(title) : segmenterWords(title);
      runs = breakRuns(runs, titleLines(title, tokens, [String(draft.org || "").trim()], maxUnits, L.title));
    }
    return R.para("title", runs, -1, -1);
  }

  C.compose.title = { titleLines: titleLines, titleParagraph: titleParagraph, segmenterWords: segmenterWords,
                      maxTitleUnits: maxTitleUnits };
})();
