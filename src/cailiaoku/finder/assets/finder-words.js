/* cailiaoku finder words (spec.json "match" and "rank"): a term's words by greedy longest match
 * against the vocabulary, their fine pieces and synonyms, what a passage holds of them and how
 * close together: exactly as src/cailiaoku/finder/words.py. Loaded before finder-engine.js. */
(function () {
  "use strict";
  var C = window.Cailiaoku = window.Cailiaoku || {};
  if (C.finderWords) { return; }

  /* deps: hasTerm(term), isWordChar(ch), unique(list); SPEC: spec.json; M: the data manifest. */
  C.finderWords = function (hasTerm, isWordChar, unique, SPEC, M) {
    /* Greedy longest match against the vocabulary (spec.match). */
    function greedy(chars, has, maxLen) {
      var tokens = [], i = 0, n = chars.length;
      while (i < n) {
        var step = 0;
        for (var len = Math.min(maxLen, n - i); len > 0; len--) {
          if (has(chars.slice(i, i + len).join(""))) { step = len; break; }
        }
        if (step) { tokens.push(chars.slice(i, i + step).join("")); } else {
          step = 1;
          if (isWordChar(chars[i])) { tokens.push(chars[i]); }
        }
        i += step;
      }
      return tokens;
    }
    function segment(text) { return greedy(Array.from(text), hasTerm, M.maxTerm); }

    /* The word cut finer (without itself); none when a piece would be a single char. */
    function piecesOf(word) {
      var chars = Array.from(word);
      if (chars.length < 3) { return []; }
      var cut = greedy(chars, function (t) { return t !== word && hasTerm(t); }, Math.min(M.maxTerm, chars.length - 1));
      return cut.some(function (p) { return Array.from(p).length < 2; }) ? [] : cut;
    }

    var synonymMap = (function () {
      var out = {};
      (M.synonyms || []).forEach(function (group) {
        group.forEach(function (w) {
          var bucket = out[w] || (out[w] = []);
          group.forEach(function (x) { if (x !== w && bucket.indexOf(x) < 0) { bucket.push(x); } });
        });
      });
      return out;
    })();
    function synonymsOf(w, on) {
      return on && Object.prototype.hasOwnProperty.call(synonymMap, w) ? synonymMap[w] : [];
    }

    function wordsOf(text, syn) {
      var stop = SPEC.match.stop;
      var cut = unique(segment(text));
      var kept = cut.filter(function (w) { return stop.indexOf(w) < 0; });
      if (!kept.length) { kept = cut; }
      return kept.map(function (w) {
        var pieces = piecesOf(w);
        return { text: w, pieces: pieces, alts: synonymsOf(w, syn),
          pieceAlts: pieces.map(function (p) { return synonymsOf(p, syn); }) };
      });
    }

    function firstIn(full, options) {
      for (var i = 0; i < options.length; i++) { if (full.indexOf(options[i]) >= 0) { return options[i]; } }
      return null;
    }

    /* Per word what the passage holds: the word, a synonym, or every piece; null when not held. */
    function needles(words, full) {
      var out = [];
      for (var i = 0; i < words.length; i++) {
        var w = words[i], got = firstIn(full, [w.text].concat(w.alts));
        if (got !== null) { out.push(got); continue; }
        if (!w.pieces.length) { return null; }
        for (var k = 0; k < w.pieces.length; k++) {
          var found = firstIn(full, [w.pieces[k]].concat(w.pieceAlts[k]));
          if (found === null) { return null; }
          out.push(found);
        }
      }
      return unique(out);
    }

    /* Chars between the needles in the shortest span holding each once (0 = adjacent). */
    function gap(full, found) {
      var limit = SPEC.match.max_positions, events = [], total = 0;
      found.forEach(function (needle, k) {
        total += needle.length;
        var at = full.indexOf(needle), seen = 0;
        while (at >= 0 && seen < limit) {
          events.push([at, k, needle.length]);
          seen++;
          at = full.indexOf(needle, at + needle.length);
        }
      });
      events.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
      var count = found.map(function () { return 0; }), covered = 0, best = -1, i = 0;
      for (var j = 0; j < events.length; j++) {
        if (count[events[j][1]]++ === 0) { covered++; }
        while (covered === found.length) {
          var end = 0;
          for (var x = i; x <= j; x++) { end = Math.max(end, events[x][0] + events[x][2]); }
          var span = end - events[i][0];
          best = best < 0 ? span : Math.min(best, span);
          if (--count[events[i][1]] === 0) { covered--; }
          i++;
        }
      }
      return Math.max(0, best - total);
    }

    return { segment: segment, wordsOf: wordsOf, needles: needles, gap: gap };
  };
})();
