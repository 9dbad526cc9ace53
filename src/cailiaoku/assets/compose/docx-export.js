/* Browser .docx export with the vendored docx library (global `docx`), offline.
 * Page size, margins, grid and footers come from layout.json's derived numbers; styles.xml,
 * fontTable.xml and the page-number paragraphs are the same Office XML the Python exporter
 * writes (generated from layout.json at build time, shipped in assets/compose/layout.js). */
(function () {
  "use strict";
  var C = window.Cailiaoku = window.Cailiaoku || {};
  var L = C.layout;

  /* An XML string as a docx.js component (the element itself, not the parsed document wrapper). */
  function xmlComponent(xml) {
    var wrapper = docx.ImportedXmlComponent.fromXmlString(xml);
    var children = wrapper.root.filter(function (c) { return typeof c === "object"; });
    return children[0];
  }

  function footer(which) {
    return new docx.Footer({ children: [xmlComponent(L.ooxml[which])] });
  }

  function bodyParagraphs(draft) {
    return C.compose.rules.render(draft).map(function (p) {
      return new docx.Paragraph({
        style: L.styles[p.style].id,
        children: p.runs.map(function (r) { return new docx.TextRun(r.text); })
      });
    });
  }

  function buildDocument(draft) {
    var d = L.derived, m = d.margin;
    var doc = new docx.Document({
      creator: draft.org || "材料库",
      title: C.compose.rules.draftTitle(draft),
      description: "由材料库（cailiaoku）按 GB/T 9704-2012 版式生成",
      evenAndOddHeaderAndFooters: true,
      externalStyles: L.ooxml.styles,
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
        children: bodyParagraphs(draft)
      }]
    });
    // The font table with each Chinese font's fallback (w:altName), as in the Python export.
    doc.fontWrapper.fontTable = xmlComponent(L.ooxml.fontTable);
    return doc;
  }

  /* draft -> Promise<Blob> of the .docx */
  function toDocx(draft) {
    return docx.Packer.toBlob(buildDocument(draft));
  }

  C.compose = C.compose || {};
  C.compose.toDocx = toDocx;
  C.compose.buildDocument = buildDocument;
})();
