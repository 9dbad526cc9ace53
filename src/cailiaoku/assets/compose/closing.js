/* 主送机关, 附件说明, 署名 and 成文日期 (GB/T 9704 7.3.3–7.3.5): the same paragraphs and left indents
 * (in body characters) as src/cailiaoku/compose/closing.py. */
(function () {
  "use strict";
  var C = window.Cailiaoku = window.Cailiaoku || {};
  var L = C.layout, R = C.compose.rules;

  function round2(x) { return Math.round(x * 100) / 100; }

  function para(style, text, part, left, first) {
    var out = { style: style, runs: text ? [{ text: text, mark: "" }] : [], section: -1, block: -1, part: part };
    if (left || first) { out.indent = { left: round2(left || 0), first: round2(first || 0) }; }
    return out;
  }

  function recipient(draft) {
    var text = String(draft.recipient || "").trim();
    if (!text) { return []; }
    return [para("flush", text.replace(/[:：]+$/, "") + L.closing.recipient_end, "recipient")];
  }

  function attachments(draft) {
    var conf = L.closing;
    var names = (draft.attachments || []).map(function (a) { return String(a).trim().replace(/[。．.，,；;：:、]+$/, ""); })
      .filter(Boolean);
    if (!names.length) { return []; }
    var label = conf.attachment_label, base = conf.attachment_left_chars, out = [para("body", "", "attachments")];
    if (names.length === 1) {
      return out.concat([para("flush", label + names[0], "attachments", base + R.units(label), -R.units(label))]);
    }
    var numbers = names.map(function (_, i) { return conf.attachment_number.split("{n}").join(String(i + 1)); });
    var width = Math.max.apply(null, numbers.map(R.units));
    var left = base + R.units(label) + width;
    names.forEach(function (name, i) {
      var lead = (i === 0 ? label : "") + numbers[i];
      out.push(para("flush", lead + name, "attachments", left, -R.units(lead)));
    });
    return out;
  }

  function positions(signature, date, seal) {
    var conf = L.closing, line = L.grid.chars_per_line, sig = R.units(signature), day = R.units(date);
    if (seal) {
      var dl = line - conf.seal_date_right_chars - day;
      return [Math.max(0, dl + (day - sig) / 2), Math.max(0, dl)];
    }
    var sigLeft = line - conf.signature_right_chars - sig, dateLeft = sigLeft + conf.date_shift_chars;
    if (dateLeft + day > line - conf.signature_right_chars) {
      dateLeft = line - conf.signature_right_chars - day;
      sigLeft = dateLeft - conf.date_shift_chars;
    }
    return [Math.max(0, sigLeft), Math.max(0, dateLeft)];
  }

  function signature(draft) {
    var date = String(draft.date || "").trim();
    var sig = String(draft.signature || "").trim() || (date ? String(draft.org || "").trim() : "");
    if (!sig && !date) { return []; }
    var seal = !!draft.seal, conf = L.closing;
    var blanks = seal ? conf.seal_blank_lines_before : conf.blank_lines_before;
    var pos = positions(sig, date, seal), out = [];
    for (var i = 0; i < blanks; i++) { out.push(para("body", "", "signature")); }
    if (sig) { out.push(para("flush", sig, "signature", pos[0])); }
    if (date) { out.push(para("flush", date, "date", pos[1])); }
    return out;
  }

  C.compose.closing = { recipient: recipient, attachments: attachments, signature: signature, positions: positions };
})();
