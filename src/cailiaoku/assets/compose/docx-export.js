/* Browser .docx export with the vendored docx library (global `docx`), offline.
 * Page size, margins, grid and footers come from layout.json's derived numbers; styles.xml,
 * fontTable.xml and the page-number paragraphs are the same Office XML the Python exporter
 * writes (generated from layout.json at build time, shipped in assets/compose/layout.js).
 * Unless `clean`, what is left to fill is highlighted and carries a Word comment (as export.py). */
(function () {
  "use strict";
  var C = window.Cailiaoku = window.Cailiaoku || {};
  var L = C.layout;
  var HIGHLIGHT = { yellow: "yellow", cyan: "cyan", magenta: "magenta", green: "green" };

  /* An XML string as a docx.js component (the element itself, not the parsed document wrapper). */
  function xmlComponent(xml) {
    var wrapper = docx.ImportedXmlComponent.fromXmlString(xml);
    var children = wrapper.root.filter(function (c) { return typeof c === "object"; });
    return children[0];
  }

  function footer(which) {
    return new docx.Footer({ children: [xmlComponent(L.ooxml[which])] });
  }

  /* Text with "\n" (title lines) as runs separated by line breaks. */
  function textRuns(text, options) {
    return text.split("\n").map(function (line, i) {
      return new docx.TextRun(Object.assign({ text: line, break: i ? 1 : 0 }, options || {}));
    });
  }

  function indent(ind) {
    var pitch = L.derived.char_pitch_twips, out = { left: Math.round(ind.left * pitch) };
    if (ind.first < 0) { out.hanging = Math.round(-ind.first * pitch); } else { out.firstLine = Math.round(ind.first * pitch); }
    return out;
  }

  function bodyParagraphs(draft, clean, comments) {
    var marks = L.marks;
    return C.compose.rules.render(draft).map(function (p) {
      var children = [];
      p.runs.forEach(function (r) {
        if (clean || C.compose.rules.UNFILLED.indexOf(r.mark) < 0) { children = children.concat(textRuns(r.text)); return; }
        var id = comments.length;
        comments.push({ id: id, author: marks.author, initials: "材", date: new Date(),
                        children: [new docx.Paragraph({ children: [new docx.TextRun(marks[r.mark].comment)] })] });
        children.push(new docx.CommentRangeStart(id));
        children = children.concat(textRuns(r.text, { highlight: HIGHLIGHT[marks[r.mark].highlight] }));
        children.push(new docx.CommentRangeEnd(id));
        children.push(new docx.TextRun({ children: [new docx.CommentReference(id)] }));
      });
      var options = { style: L.styles[p.style].id, children: children };
      if (p.indent) { options.indent = indent(p.indent); }
      return new docx.Paragraph(options);
    });
  }

  function author(draft) { return String(draft.org || "").trim() || "材料库"; }

  function buildDocument(draft, clean) {
    var d = L.derived, m = d.margin, comments = [];
    var children = bodyParagraphs(draft, !!clean, comments);
    var doc = new docx.Document({
      creator: author(draft),
      lastModifiedBy: author(draft),
      revision: 1,
      title: C.compose.rules.draftTitle(draft),
      description: L.about_docx,
      evenAndOddHeaderAndFooters: true,
      externalStyles: L.ooxml.styles,
      comments: { children: comments },
      sections: [{
        properties: {
          page: {
            size: { width: d.page_width, height: d.page_height, orientation: docx.PageOrientation.PORTRAIT },
            margin: { top: m.top, right: m.right, bottom: m.bottom, left: m.left,
                      header: d.header, footer: d.footer, gutter: 0 }
          },
          grid: { linePitch: d.line_pitch, type: d.grid_type }
        },
        footers: { default: footer("footerOdd"), even: footer("footerEven") },
        children: children
      }]
    });
    // The font table with each Chinese font's fallback (w:altName), as in the Python export.
    doc.fontWrapper.fontTable = xmlComponent(L.ooxml.fontTable);
    return doc;
  }

  function esc(s) { return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }

  /* docProps/core.xml with the language (docx.js writes no dc:language). */
  function coreXml(draft) {
    var now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
      "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\"" +
      " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\"" +
      " xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" +
      "<dc:title>" + esc(C.compose.rules.draftTitle(draft)) + "</dc:title><dc:creator>" + esc(author(draft)) + "</dc:creator>" +
      "<dc:description>" + esc(L.about_docx) + "</dc:description><cp:lastModifiedBy>" + esc(author(draft)) +
      "</cp:lastModifiedBy><cp:revision>1</cp:revision><dc:language>zh-CN</dc:language>" +
      "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + now + "</dcterms:created>" +
      "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + now + "</dcterms:modified></cp:coreProperties>";
  }

  /* draft -> Promise<Blob> of the .docx; `clean` leaves out highlights and comments (导出干净稿). */
  function toDocx(draft, clean) {
    return docx.Packer.toBlob(buildDocument(draft, clean), false, [{ path: "docProps/core.xml", data: coreXml(draft) }]);
  }

  C.compose = C.compose || {};
  C.compose.toDocx = toDocx;
  C.compose.buildDocument = buildDocument;
})();
