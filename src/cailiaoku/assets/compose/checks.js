/* 草稿检查 in the browser: the rules of src/cailiaoku/compose/{check,numbering_check}.py over the
 * rendered paragraphs, with the wording rules (wording.yaml) shipped in layout.js. */
(function () {
  "use strict";
  var C = window.Cailiaoku = window.Cailiaoku || {};
  var L = C.layout, R = C.compose.rules;
  var LABELS = { numbering: "编号", placeholder: "待填写", foreign: "待替换", figure: "原文数字", year: "年份",
    relative: "时间词", empty: "空白部分", repeat: "重复段落", wording: "规范用语", date: "成文日期" };
  var CN = "一二三四五六七八九十";
  var PATTERNS = [[1, new RegExp("^([" + CN + "]+)、")], [2, new RegExp("^（([" + CN + "]+)）")],
    [4, /^（([0-9]+)）/], [3, /^([0-9]+)[.．](?![0-9])/], [6, new RegExp("^([" + CN + "]+)是")]];
  var FORMATS = { 1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）", 6: "{}是" };

  function finding(rule, p, text, message) {
    return { rule: rule, label: LABELS[rule], section: p.section === undefined ? -1 : p.section,
      block: p.block === undefined ? -1 : p.block, part: p.part || "", para: p.para === undefined ? -1 : p.para,
      text: text, message: message };
  }

  function cnValue(t) {
    if (/^[0-9]+$/.test(t)) { return Number(t); }
    if (t.indexOf("十") < 0) { return t.length === 1 ? CN.indexOf(t) + 1 : 0; }
    var parts = t.split("十");
    return (parts[0] ? CN.indexOf(parts[0]) + 1 : 1) * 10 + (parts[1] ? CN.indexOf(parts[1]) + 1 : 0);
  }

  function cnLabel(level, n) { return FORMATS[level].replace("{}", level === 3 || level === 4 ? String(n) : R.chineseNumber(n)); }

  function parseLabel(text) {
    for (var i = 0; i < PATTERNS.length; i++) {
      var m = PATTERNS[i][1].exec(text);
      if (m) { return [PATTERNS[i][0], cnValue(m[1]), text.slice(m[0].length)]; }
    }
    return null;
  }

  function numberingFindings(paragraphs) {
    var body = paragraphs.filter(function (p) { return p.section >= 0 && p.style !== "flush"; });
    var labels = body.map(function (p) { return [p, parseLabel(R.paragraphText(p))]; });
    var hasL2 = {}, partNo = 0;
    labels.forEach(function (x) {
      if (x[1] && x[1][0] === 1) { partNo += 1; }
      if (x[1] && x[1][0] === 2) { hasL2[partNo] = true; }
    });
    var out = [], last = { 1: 0, 2: 0, 3: 0, 4: 0, 6: 0 }, running3 = 0, fresh3 = false, part = 0, seenL2 = false;
    labels.forEach(function (x) {
      var p = x[0], parsed = x[1];
      if (!parsed || parsed[0] !== 6) { last[6] = 0; }
      if (!parsed) { return; }
      var level = parsed[0], n = parsed[1], rest = parsed[2];
      var lab = n ? cnLabel(level, n) : rest.slice(0, 3);
      var again = parseLabel(rest);
      if (again && (again[0] === level || again[0] === level + 1)) {
        out.push(finding("numbering", p, lab + cnLabel(again[0], again[1]), "编号写了两遍：编号自动生成，请删去标题里自己写的编号。"));
      }
      var expected = [last[level] + 1];
      if (level === 3 && fresh3) { expected.push(1, running3 + 1); }
      if (expected.indexOf(n) < 0) {
        out.push(finding("numbering", p, lab, (n === last[level] ? "编号重复" : "编号不连续") + "：这里应为“" + cnLabel(level, expected[0]) + "”。"));
      }
      if (level === 4 && last[3] === 0) { out.push(finding("numbering", p, lab, "跳级：（1）应在 1. 之下（一、（一）1.（1）逐级使用）。")); }
      if (level === 3 && hasL2[part] && !seenL2) { out.push(finding("numbering", p, lab, "跳级：这一部分用了（一），1. 应在（一）之下。")); }
      last[level] = n;
      if (level === 1 || level === 2) {
        fresh3 = true; last[3] = 0; last[4] = 0;
        if (level === 1) { last[2] = 0; part += 1; seenL2 = false; } else { seenL2 = true; }
      } else if (level === 3) { running3 = n; fresh3 = false; last[4] = 0; }
    });
    return out;
  }

  function markFindings(paragraphs) {
    var out = [];
    paragraphs.forEach(function (p) {
      p.runs.forEach(function (r) {
        if (R.UNFILLED.indexOf(r.mark) >= 0 && r.mark !== "figure") {
          out.push(finding(r.mark, p, r.text.split("\n").join(""), L.marks[r.mark].comment));
        }
      });
    });
    return out;
  }

  function sectionRoles(draft) {
    var conf = L.checks;
    return (draft.sections || []).map(function (s) {
      var heading = s.heading || "", given = (s.roles || [""])[0] || "";
      if (conf.problem_words.some(function (w) { return heading.indexOf(w) >= 0; })) { given = "problem"; } else if (conf.plan_words.some(function (w) { return heading.indexOf(w) >= 0; })) { given = "plan"; }
      return given || (s.intro ? "overview" : "achievement");
    });
  }

  function yearFindings(paragraphs, draft, roles) {
    var year = draft.year, kind = draft.kind, out = [];
    if (!year) { return out; }
    paragraphs.forEach(function (p) {
      if (p.section < 0) {
        if (p.style !== "title") { return; }
        var tre = new RegExp(L.checks.year_pattern, "g"), tm, title = R.paragraphText(p);
        while ((tm = tre.exec(title)) !== null) {
          if (Number(tm[0]) < year) { out.push(finding("year", p, tm[0] + "年", "标题里的年份与草稿年份" + year + "年不符：请核对。")); }
        }
        return;
      }
      var plan = (L.kind_roles || {})[kind] === "plan" || roles[p.section] === "plan";
      var re = new RegExp(L.checks.year_pattern, "g"), m, text = R.paragraphText(p);
      while ((m = re.exec(text)) !== null) {
        var found = Number(m[0]);
        if (year - 3 <= found && found < year) {
          out.push(finding("year", p, found + "年", plan ? kind + "写的是" + year + "年及以后的工作，这里是过去的年份" + found + "年。" :
            "这是" + year + "年的" + kind + "，这里写的是" + found + "年：请核对是否应为" + year + "年。"));
        }
      }
    });
    return out;
  }

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function relativeFindings(paragraphs) {
    var conf = L.checks, words = new RegExp(conf.relative_words.map(escapeRe).join("|")), years = new RegExp(conf.year_pattern);
    var out = [];
    paragraphs.forEach(function (p) {
      R.paragraphText(p).split(new RegExp(conf.sentence_split)).forEach(function (sentence) {
        var w = words.exec(sentence), y = years.exec(sentence);
        if (w && y) {
          out.push(finding("relative", p, w[0], "“" + w[0] + "”和“" + y[0] + "年”同在一句：换了年份后容易前后矛盾，请统一写具体年份。"));
        }
      });
    });
    return out;
  }

  function emptyFindings(draft) {
    var out = [];
    (draft.sections || []).forEach(function (s, i) {
      if (!s.intro && !(s.blocks || []).length) {
        out.push(finding("empty", { section: i, block: -1 }, s.heading || "", "这一部分没有内容，导出时略去（不留空标题）：请放入段落或删去这一部分。"));
      }
    });
    return out;
  }

  function norm(text) { return text.replace(/[\s，。；：、！？“”‘’（）《》,.;:!?()]/g, ""); }

  function repeatFindings(paragraphs, draft) {
    var out = [], seenIds = {}, seenText = {};
    (draft.sections || []).forEach(function (s, si) {
      (s.blocks || []).forEach(function (b, bi) {
        if (b.id && seenIds[b.id]) { out.push(finding("repeat", { section: si, block: bi }, b.id, "同一段落在草稿中用了两次：请删去一处。")); }
        if (b.id) { seenIds[b.id] = true; }
      });
    });
    var reported = {};
    out.forEach(function (f) { reported[f.section + ":" + f.block] = true; });
    paragraphs.forEach(function (p) {
      var key = norm(R.paragraphText(p)), at = p.section + ":" + p.block;
      if (Array.from(key).length < L.checks.min_repeat_chars || reported[at]) { return; }
      if (Object.prototype.hasOwnProperty.call(seenText, key) && seenText[key] !== at) {
        out.push(finding("repeat", p, R.paragraphText(p).slice(0, 20), "这段文字在前面已经出现过：请删去一处。"));
      }
      if (!Object.prototype.hasOwnProperty.call(seenText, key)) { seenText[key] = at; }
    });
    return out;
  }

  function wordingFindings(paragraphs, draft) {
    var year = draft.year || 0, out = [];
    (L.wording || []).forEach(function (rule) {
      if (rule.since_year && year && year < rule.since_year) { return; }
      paragraphs.forEach(function (p) {
        var re = new RegExp(rule.pattern, "g"), m, text = R.paragraphText(p).split("\n").join("");
        while ((m = re.exec(text)) !== null) {
          if (!m[0].length) { re.lastIndex += 1; continue; }
          out.push(finding("wording", p, m[0], "建议写“" + rule.suggestion + "”：" + rule.reason + "（依据：" + rule.source + "）"));
        }
      });
    });
    return out;
  }

  function dateFindings(draft) {
    var date = String(draft.date || "").trim();
    if (!date || /^[0-9]{4}年[1-9][0-9]?月[1-9][0-9]?日$/.test(date)) { return []; }
    return [finding("date", { part: "date" }, date, "成文日期用阿拉伯数字写全年、月、日，月和日不编虚位（如 2025年3月1日，GB/T 9704 7.3.5）。")];
  }

  function orderKey(f) {
    var s = f.section >= 0 ? f.section : (["date", "signature", "attachments"].indexOf(f.part) >= 0 ? 99999 : -1);
    return [s, f.block, f.para];
  }

  function check(draft) {
    var paragraphs = R.render(draft), body = paragraphs.filter(function (p) { return p.section >= 0; });
    var found = numberingFindings(paragraphs).concat(markFindings(paragraphs),
      yearFindings(paragraphs.filter(function (p) { return p.style === "title"; }).concat(body), draft, sectionRoles(draft)),
      relativeFindings(body), emptyFindings(draft),
      repeatFindings(body, draft), wordingFindings(paragraphs, draft), dateFindings(draft));
    return found.map(function (f, i) { return [orderKey(f), i, f]; }).sort(function (a, b) {
      for (var k = 0; k < 3; k++) { if (a[0][k] !== b[0][k]) { return a[0][k] - b[0][k]; } }
      return a[1] - b[1];
    }).map(function (x) { return x[2]; });
  }

  C.compose.checks = { check: check, parseLabel: parseLabel };
})();
