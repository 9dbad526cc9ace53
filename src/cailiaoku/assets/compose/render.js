/* cailiaoku compose rules in the browser: numbering, org/year replacement, placeholders, placement,
 * rendering to paragraphs, plain text, page estimate and draft checking.
 * A line-by-line port of src/cailiaoku/compose/{numbering,personalize,render,draft}.py, driven by the
 * same layout.json (window.Cailiaoku.layout); tests/compose_cases.json is run against both. */
(function () {
  "use strict";
  var C = window.Cailiaoku = window.Cailiaoku || {};
  var L = C.layout;
  var LEVELS = [0, 2, 3, 4, 6];
  var KINDS = L.kinds;  /* taxonomy.yaml kinds: */
  var CN = "零一二三四五六七八九";

  /* ---- numbering.py ---- */
  function chineseNumber(n) {
    if (n < 10) { return CN[n]; }
    var tens = Math.floor(n / 10), ones = n % 10;
    return (tens === 1 ? "" : CN[tens]) + "十" + (ones ? CN[ones] : "");
  }

  function label(fmt, n) {
    return fmt.split("{cn}").join(chineseNumber(n)).split("{n}").join(String(n));
  }

  function advance(counters, level, formats, continuous) {
    if (level === 6) { counters[6] += 1; return label(formats[6], counters[6]); }
    counters[6] = 0;
    if (level === 0) { return ""; }
    counters[level] += 1;
    [3, 4].forEach(function (deeper) {
      if (deeper > level && !(deeper === 3 && continuous)) { counters[deeper] = 0; }
    });
    return label(formats[level], counters[level]);
  }

  function numberDraft(draft) {
    var numbering = L.numbering, formats = {};
    Object.keys(numbering.levels).forEach(function (k) { formats[Number(k)] = numbering.levels[k].format; });
    var sectionLabels = [], blockLabels = [], count = 0, running = 0;
    var continuous = !!draft.continuous;
    (draft.sections || []).forEach(function (section) {
      if (section.intro || !(section.blocks || []).length) { sectionLabels.push(""); } else { count += 1; sectionLabels.push(label(numbering.section, count)); }
      var counters = { 2: 0, 3: continuous ? running : 0, 4: 0, 6: 0 };
      blockLabels.push((section.blocks || []).map(function (block) {
        return advance(counters, Number(block.level || 0), formats, continuous);
      }));
      running = counters[3];
    });
    return { sections: sectionLabels, blocks: blockLabels };
  }

  /* ---- personalize.py ---- */
  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function orgSuffix(org, suffixes) {
    for (var i = 0; i < suffixes.length; i++) { if (org.endsWith(suffixes[i])) { return suffixes[i]; } }
    return "";
  }

  function orgRules(source, target, conf) {
    if (!source || !target || source === target) { return []; }
    var titles = conf.org_title_suffixes.map(escapeRe).join("|");
    var name = escapeRe(source), pattern;
    if (Array.from(source).length === 1) {
      pattern = "(?:(?:^|(?<=" + conf.single_char_org_before + "))" + name + "(?!" + titles + ")|" +
        name + "(?=" + conf.single_char_org_followed + "))";
    } else {
      pattern = name + "(?!" + titles + ")";
    }
    var rules = [[new RegExp(pattern, "g"), function () { return target; }]];
    var short = orgSuffix(source, conf.org_suffixes);
    if (short) {
      var own = orgSuffix(target, conf.org_suffixes) || conf.own_fallback;
      if (own !== short) {
        var ownPattern = "(?<=[" + conf.own_prefixes + "])" + escapeRe(short) + "(?!" + conf.own_not_followed + ")";
        rules.push([new RegExp(ownPattern, "g"), function () { return own; }]);
      }
    }
    return rules;
  }

  function yearRules(source, target, conf) {
    if (!source || !target || source === target) { return []; }
    var delta = target - source, window_ = conf.year_window;
    return [[new RegExp(conf.year_pattern, "g"), function (m) {
      var year = Number(m[0]);
      return Math.abs(year - source) <= window_ ? String(year + delta) : null;
    }]];
  }

  function rulesFor(block, draft) {
    var conf = L.personalize;
    return orgRules(block.org || "", String(draft.org || "").trim(), conf)
      .concat(yearRules(block.year, draft.year, conf));
  }

  function replacements(text, rules) {
    var found = [];
    rules.forEach(function (rule, order) {
      rule[0].lastIndex = 0;
      var m;
      while ((m = rule[0].exec(text)) !== null) {
        if (m[0].length === 0) { rule[0].lastIndex += 1; continue; }
        var made = rule[1](m);
        if (made !== null) { found.push({ start: m.index, len: m[0].length, order: order, text: made }); }
      }
    });
    found.sort(function (a, b) { return (a.start - b.start) || (b.len - a.len) || (a.order - b.order); });
    var chosen = [], lastEnd = 0;
    found.forEach(function (f) {
      if (f.start >= lastEnd) { chosen.push(f); lastEnd = f.start + f.len; }
    });
    return chosen;
  }

  function split(runs, pattern, mark) {
    var out = [];
    runs.forEach(function (run) {
      if (run.mark) { out.push(run); return; }
      var pos = 0, m;
      pattern.lastIndex = 0;
      while ((m = pattern.exec(run.text)) !== null) {
        if (m[0].length === 0) { pattern.lastIndex += 1; continue; }
        out.push({ text: run.text.slice(pos, m.index), mark: "" });
        out.push({ text: m[0], mark: mark });
        pos = m.index + m[0].length;
      }
      out.push({ text: run.text.slice(pos), mark: "" });
    });
    return out.filter(function (r) { return r.text; });
  }

  function mergeRuns(runs) {
    var out = [];
    runs.forEach(function (run) {
      if (!run.text) { return; }
      var last = out[out.length - 1];
      if (last && last.mark === run.mark) { last.text += run.text; } else { out.push({ text: run.text, mark: run.mark }); }
    });
    return out;
  }

  function shortForms(org, conf, bare) {
    var out = [];
    conf.org_title_suffixes.forEach(function (suffix) {
      if (org.endsWith(suffix) && org.length > suffix.length) { out.push(org.slice(0, org.length - suffix.length)); }
    });
    if (bare) {
      [org].concat(out).forEach(function (f) { if (f && conf.org_levels.indexOf(f[0]) >= 0) { out.push(f.slice(1)); } });
    }
    return out.filter(function (f, i) {
      return out.indexOf(f) === i && Array.from(f).length >= conf.min_org_chars && f !== org;
    });
  }

  function isLibraryBlock(block) { return !!(block.id || block.org); }

  var foreignCache = {};
  function foreignPatterns(block) {
    var source = String(block.org || "").trim();
    if (!Object.prototype.hasOwnProperty.call(foreignCache, source) || foreignCache[source].orgs !== L.orgs) {
      foreignCache[source] = { orgs: L.orgs, patterns: buildForeignPatterns(source) };
    }
    return foreignCache[source].patterns;
  }

  function buildForeignPatterns(source) {
    var conf = L.personalize;
    var names = (L.orgs || []).concat(source ? [source] : [], shortForms(source, conf, true));
    var uniq = {};
    names.forEach(function (n) { if (Array.from(n).length >= conf.min_org_chars) { uniq[n] = true; } });
    names = Object.keys(uniq).sort(function (a, b) { return (b.length - a.length) || (a < b ? -1 : a > b ? 1 : 0); });
    var patterns = [conf.org_pattern, conf.own_forms];
    if (names.length) { patterns.unshift(names.map(escapeRe).join("|")); }
    return patterns.map(function (p) { return new RegExp(p, "g"); });
  }

  function splitLongest(runs, patterns, mark) {
    var out = [];
    runs.forEach(function (run) {
      if (run.mark) { out.push(run); return; }
      var spans = [];
      patterns.forEach(function (re) {
        re.lastIndex = 0;
        var m;
        while ((m = re.exec(run.text)) !== null) {
          if (m[0].length === 0) { re.lastIndex += 1; continue; }
          spans.push([m.index, m.index + m[0].length, m[0]]);
        }
      });
      spans.sort(function (a, b) { return (a[0] - b[0]) || (b[1] - a[1]); });
      var pos = 0;
      spans.forEach(function (sp) {
        if (sp[0] < pos) { return; }
        out.push({ text: run.text.slice(pos, sp[0]), mark: "" });
        out.push({ text: sp[2], mark: mark });
        pos = sp[1];
      });
      out.push({ text: run.text.slice(pos), mark: "" });
    });
    return out.filter(function (r) { return r.text; });
  }

  function isOwn(name, draft) {
    var conf = L.personalize, org = String(draft.org || "").trim();
    var suffix = org ? orgSuffix(org, conf.org_suffixes) : "";
    if (org && org.indexOf(name) >= 0) { return true; }
    var own = new RegExp("^(?:" + conf.own_forms + ")$").test(name);
    return !!(own && suffix && name.slice(1) === suffix);
  }

  function markForeign(runs, block, draft) {
    return splitLongest(runs, foreignPatterns(block), "foreign").map(function (r) {
      return r.mark === "foreign" && isOwn(r.text, draft) ? { text: r.text, mark: "" } : r;
    });
  }

  function markFigures(runs, block) {
    var marked = split(runs, new RegExp(L.personalize.figure_pattern, "g"), "figure");
    var known = block.figures;
    if (!known) { return marked; }
    return marked.map(function (r) {
      return r.mark === "figure" && known.indexOf(r.text) < 0 ? { text: r.text, mark: "" } : r;
    });
  }

  function sourceFigures(text) {
    var re = new RegExp(L.personalize.figure_pattern, "g"), out = [], m;
    while ((m = re.exec(text)) !== null) { if (out.indexOf(m[0]) < 0) { out.push(m[0]); } }
    return out;
  }

  var placeholderRe = null;
  function markText(text, block, draft) {
    var conf = L.personalize;
    block = block || {};
    draft = draft || {};
    placeholderRe = placeholderRe || new RegExp(conf.placeholder_patterns.join("|"), "g");
    var runs = [], pos = 0;
    replacements(text, rulesFor(block, draft)).forEach(function (r) {
      runs.push({ text: text.slice(pos, r.start), mark: "" });
      runs.push({ text: r.text, mark: "replaced" });
      pos = r.start + r.len;
    });
    runs.push({ text: text.slice(pos), mark: "" });
    runs = runs.filter(function (r) { return r.text; });
    runs = split(runs, placeholderRe, "placeholder");
    if (isLibraryBlock(block)) {
      runs = markForeign(runs, block, draft);
      runs = markFigures(runs, block);
    }
    return mergeRuns(runs);
  }

  /* ---- render.py ---- */
  function draftTitle(draft) {
    if (String(draft.title || "").trim()) { return draft.title.trim(); }
    var conf = L.title;
    var template = conf.templates[draft.kind] || conf.templates[KINDS[0]];
    var org = String(draft.org || "").trim() || conf.org_default;
    var year = draft.year || conf.year_default;
    return template.split("{org}").join(org).split("{year}").join(String(year));
  }

  function plain(text) { return text ? [{ text: text, mark: "" }] : []; }
  function para(style, runs, s, b) { return { style: style, runs: mergeRuns(runs), section: s, block: b }; }

  function textParts(text) {
    return String(text || "").split("\n").map(function (p) { return p.trim(); }).filter(Boolean);
  }

  function blockParagraphs(block, lab, draft, s, b) {
    var numbering = L.numbering;
    var conf = numbering.levels[String(block.level || 0)];
    var heading = String(block.heading || "").trim();
    var headRuns = heading ? markText(heading, block, draft) : [];
    var parts = textParts(block.text).map(function (p) { return markText(p, block, draft); });
    if (!conf.run_in && heading) {
      return [para(conf.style, plain(lab).concat(headRuns), s, b)].concat(
        parts.map(function (runs) { return para("body", runs, s, b); }));
    }
    var first = plain(lab).concat(headRuns);
    if (heading && parts.length && numbering.heading_end_chars.indexOf(heading[heading.length - 1]) < 0) {
      first = first.concat(plain(numbering.heading_end));
    }
    if (parts.length) { first = first.concat(parts[0]); }
    var style = conf.run_in ? conf.style : "body";
    return [para(style, first, s, b)].concat(parts.slice(1).map(function (runs) { return para("body", runs, s, b); }));
  }

  function render(draft) {
    var T = C.compose.title, K = C.compose.closing;
    var out = [T.titleParagraph(draft)];
    for (var i = 0; i < L.title.blank_lines_after; i++) { out.push(para("body", [], -1, -1)); }
    out = out.concat(K.recipient(draft));
    var numbers = numberDraft(draft);
    (draft.sections || []).forEach(function (section, s) {
      if (!(section.blocks || []).length) { return; }
      if (!section.intro) {
        out.push(para("h1", plain(numbers.sections[s] + String(section.heading || "").trim()), s, -1));
      }
      (section.blocks || []).forEach(function (block, b) {
        out = out.concat(blockParagraphs(block, numbers.blocks[s][b], draft, s, b));
      });
    });
    return out.concat(K.attachments(draft), K.signature(draft));
  }

  function paragraphText(p) { return p.runs.map(function (r) { return r.text; }).join(""); }

  function plainText(draft) {
    return render(draft).map(function (p) { return paragraphText(p).split("\n").join(""); }).join("\n") + "\n";
  }

  var UNFILLED = ["placeholder", "foreign", "figure"];
  function unfilled(draft) {
    var found = [];
    render(draft).forEach(function (p) {
      p.runs.forEach(function (r) {
        if (UNFILLED.indexOf(r.mark) >= 0) {
          found.push({ section: p.section, block: p.block, mark: r.mark, text: r.text.split("\n").join("") });
        }
      });
    });
    return found;
  }

  function units(text) {
    var n = 0;
    for (var ch of text) { n += ch.codePointAt(0) < 0x2000 ? 0.5 : 1; }
    return n;
  }

  function paragraphLines(p) {
    var style = L.styles[p.style], perLine;
    if (style.fit_grid_chars) { perLine = L.grid.chars_per_line; } else {
      perLine = Math.floor(L.derived.text_width / (style.size_pt * 20));
    }
    var lines = 0;
    paragraphText(p).split("\n").forEach(function (text, i) {
      var count = (i === 0 ? style.first_line_chars || 0 : 0) + units(text);
      lines += Math.max(1, Math.ceil(count / perLine));
    });
    return lines;
  }

  function estimatePages(paragraphs) {
    var lines = 0;
    paragraphs.forEach(function (p) { lines += paragraphLines(p); });
    return Math.max(1, Math.ceil(lines / L.grid.lines_per_page));
  }

  /* ---- draft.py ---- */
  function passageLevel(p) {
    var conf = L.passage_levels;
    if (Object.prototype.hasOwnProperty.call(conf.by_type, p.type)) { return Number(conf.by_type[p.type]); }
    var lv = conf.item_by_level[String(p.level)];
    return lv === undefined ? 2 : Number(lv);
  }

  function blockFromPassage(p, doc) {
    doc = doc || {};
    return {
      id: p.id, doc: p.doc, org: doc.org || "", year: doc.year === undefined ? null : doc.year,
      level: passageLevel(p), heading: p.heading || "", text: p.text || "",
      role: p.role || "", themes: (p.themes || []).slice(),
      figures: sourceFigures((p.heading || "") + "\n" + (p.text || ""))
    };
  }

  function assignSection(role, themes, sections) {
    var candidates = [];
    sections.forEach(function (s, i) { if ((s.roles || []).indexOf(role) >= 0) { candidates.push(i); } });
    if (!candidates.length) {
      sections.forEach(function (s, i) { if (!s.intro) { candidates.push(i); } });
      if (!candidates.length) { candidates = [0]; }
    }
    var best = candidates[0], bestScore = -1;
    candidates.forEach(function (i) {
      var own = sections[i].themes || [], score = 0;
      themes.forEach(function (t, k) {
        var j = own.indexOf(t);
        if (j >= 0) { score += (themes.length - k) * Math.max(1, 16 - j); }
      });
      if (score > bestScore) { best = i; bestScore = score; }
    });
    return best;
  }

  function newDraft(kind, sections, meta) {
    meta = meta || {};
    return {
      format: L.draft.format, version: 1, name: meta.name || "", kind: kind, title: meta.title || "",
      org: meta.org || "", year: meta.year === undefined ? null : meta.year, continuous: !!meta.continuous,
      recipient: meta.recipient || "", signature: meta.signature || "", date: meta.date || "",
      seal: !!meta.seal, attachments: (meta.attachments || []).map(String),
      sections: (sections || []).map(function (s) {
        return {
          heading: s.heading || "", intro: !!s.intro, roles: (s.roles || []).slice(),
          themes: (s.themes || []).slice(), blocks: (s.blocks || []).slice()
        };
      })
    };
  }

  function DraftError(message) { this.name = "DraftError"; this.message = message; }
  DraftError.prototype = Object.create(Error.prototype);

  function isInt(v) { return typeof v === "number" && Math.floor(v) === v; }
  function isStr(v) { return v === undefined || typeof v === "string"; }
  function expect(ok, path, what) { if (!ok) { throw new DraftError("草稿格式不对：" + path + " " + what); } }

  /* Same checks as check_draft() in draft.py; throws DraftError with a Chinese message. */
  function checkDraft(raw) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) { throw new DraftError("文件内容不是一个草稿对象"); }
    if (raw.format !== L.draft.format) { throw new DraftError("缺少 format: " + L.draft.format + "，这不是材料库的草稿文件"); }
    expect(KINDS.indexOf(raw.kind) >= 0, "kind", "应为 " + KINDS.join("、") + " 之一");
    expect(raw.year === null || raw.year === undefined || isInt(raw.year), "year", "应为年份数字或空");
    ["name", "title", "org", "recipient", "signature", "date"].forEach(function (k) { expect(isStr(raw[k]), k, "应为文字"); });
    expect(raw.seal === undefined || typeof raw.seal === "boolean", "seal", "应为 true 或 false");
    expect(raw.attachments === undefined || (Array.isArray(raw.attachments) &&
      raw.attachments.every(function (a) { return typeof a === "string"; })), "attachments", "应为附件名称的列表");
    expect(Array.isArray(raw.sections), "sections", "应为列表");
    raw.sections.forEach(function (s, i) {
      var path = "sections[" + i + "]";
      expect(s && typeof s === "object" && !Array.isArray(s), path, "应为对象");
      expect(isStr(s.heading), path + ".heading", "应为文字");
      expect(Array.isArray(s.blocks), path + ".blocks", "应为列表");
      s.blocks.forEach(function (b, j) {
        var bp = path + ".blocks[" + j + "]";
        expect(b && typeof b === "object" && !Array.isArray(b), bp, "应为对象");
        expect(isInt(b.level) && LEVELS.indexOf(b.level) >= 0, bp + ".level", "应为 0、2、3、4、6 之一");
        expect(isStr(b.heading) && isStr(b.text), bp, "的 heading、text 应为文字");
      });
    });
    return raw;
  }

  C.compose = C.compose || {};
  C.compose.rules = {
    LEVELS: LEVELS, KINDS: KINDS, chineseNumber: chineseNumber, numberDraft: numberDraft, markText: markText,
    draftTitle: draftTitle, render: render, paragraphText: paragraphText, plainText: plainText,
    unfilled: unfilled, paragraphLines: paragraphLines, estimatePages: estimatePages, units: units,
    mergeRuns: mergeRuns, para: para, UNFILLED: UNFILLED,
    passageLevel: passageLevel, blockFromPassage: blockFromPassage, assignSection: assignSection,
    newDraft: newDraft, checkDraft: checkDraft, DraftError: DraftError
  };
})();
