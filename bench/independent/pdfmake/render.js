#!/usr/bin/env node
// Renders the pdfmake benchmark documents built by bench/independent/pdfmake_layouts.py.
//
//   node render.js DEFS.json OUT_DIR
//
// DEFS.json is {"documents": [{"file": "X.pdf", "definition": {...}}, ...]}: plain pdfmake
// document definitions, with two JSON stand-ins for what pdfmake wants as functions:
//   - header / footer: {"pageTemplate": NODE, "fromPage": N} becomes a function that copies
//     NODE with "{page}" and "{pages}" replaced in every string (and nothing before page N);
//   - a table's layout: {"spec": {...}} becomes a table layout (see compileLayout).
// All documents render in one process, one after the other; the exit code is non-zero if any
// failed, and each failure is reported on stderr with its file name.
'use strict';

const fs = require('fs');
const path = require('path');
const PdfPrinter = require('pdfmake');
const vfs = require('pdfmake/build/vfs_fonts.js');

function roboto(name) {
  return Buffer.from(vfs[name], 'base64');
}

const ROBOTO = {
  normal: roboto('Roboto-Regular.ttf'),
  bold: roboto('Roboto-Medium.ttf'),
  italics: roboto('Roboto-Italic.ttf'),
  bolditalics: roboto('Roboto-MediumItalic.ttf'),
};

// System TrueType families; a family whose files are missing falls back to Roboto.
function systemFamily(dir, regular, bold, italic, boldItalic) {
  const files = [regular, bold, italic, boldItalic].map((f) => path.join(dir, f));
  if (!files.every((f) => fs.existsSync(f))) {
    return ROBOTO;
  }
  return { normal: files[0], bold: files[1], italics: files[2], bolditalics: files[3] };
}

const LIBERATION = '/usr/share/fonts/truetype/liberation2';
const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const FONTS = {
  Roboto: ROBOTO,
  LiberationSans: systemFamily(
    LIBERATION,
    'LiberationSans-Regular.ttf',
    'LiberationSans-Bold.ttf',
    'LiberationSans-Italic.ttf',
    'LiberationSans-BoldItalic.ttf',
  ),
  LiberationSerif: systemFamily(
    LIBERATION,
    'LiberationSerif-Regular.ttf',
    'LiberationSerif-Bold.ttf',
    'LiberationSerif-Italic.ttf',
    'LiberationSerif-BoldItalic.ttf',
  ),
  DejaVuSans: systemFamily(
    DEJAVU,
    'DejaVuSans.ttf',
    'DejaVuSans-Bold.ttf',
    'DejaVuSans-Oblique.ttf',
    'DejaVuSans-BoldOblique.ttf',
  ),
  DejaVuSansCondensed: systemFamily(
    DEJAVU,
    'DejaVuSansCondensed.ttf',
    'DejaVuSansCondensed-Bold.ttf',
    'DejaVuSansCondensed-Oblique.ttf',
    'DejaVuSansCondensed-BoldOblique.ttf',
  ),
};

// A declarative table layout:
//   hLines: "all" | "none" | "outer" | "header" (under the header rows only) |
//           "headerOuter" (top, under the header, bottom) | "inner" (between rows only)
//   vLines: "all" | "none" | "outer" | "inner"
//   lineColor, hLineWidth, vLineWidth, padding: [left, right, top, bottom],
//   headerFill: fill of the header rows, zebra: fill of every other body row.
function compileLayout(spec) {
  const hMode = spec.hLines || 'all';
  const vMode = spec.vLines || 'all';
  const color = spec.lineColor || '#000000';
  const hWidth = spec.hLineWidth === undefined ? 0.5 : spec.hLineWidth;
  const vWidth = spec.vLineWidth === undefined ? 0.5 : spec.vLineWidth;
  const pad = spec.padding || [4, 4, 2, 2];
  return {
    hLineWidth(i, node) {
      const rows = node.table.body.length;
      const head = node.table.headerRows || 0;
      switch (hMode) {
        case 'none':
          return 0;
        case 'outer':
          return i === 0 || i === rows ? hWidth : 0;
        case 'header':
          return head > 0 && i === head ? hWidth : 0;
        case 'headerOuter':
          return i === 0 || i === rows || (head > 0 && i === head) ? hWidth : 0;
        case 'inner':
          return i > 0 && i < rows ? hWidth : 0;
        default:
          return hWidth;
      }
    },
    vLineWidth(i, node) {
      const cols = node.table.widths.length;
      if (vMode === 'none') return 0;
      if (vMode === 'outer') return i === 0 || i === cols ? vWidth : 0;
      if (vMode === 'inner') return i > 0 && i < cols ? vWidth : 0;
      return vWidth;
    },
    hLineColor() {
      return color;
    },
    vLineColor() {
      return color;
    },
    paddingLeft() {
      return pad[0];
    },
    paddingRight() {
      return pad[1];
    },
    paddingTop() {
      return pad[2];
    },
    paddingBottom() {
      return pad[3];
    },
    fillColor(row, node) {
      const head = node.table.headerRows || 0;
      if (row < head) return spec.headerFill || null;
      if (spec.zebra && (row - head) % 2 === 1) return spec.zebra;
      return null;
    },
  };
}

function substitute(node, page, pages) {
  if (typeof node === 'string') {
    return node.split('{page}').join(String(page)).split('{pages}').join(String(pages));
  }
  if (Array.isArray(node)) {
    return node.map((item) => substitute(item, page, pages));
  }
  if (node && typeof node === 'object') {
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = substitute(value, page, pages);
    }
    return out;
  }
  return node;
}

function pageFunction(template) {
  const fromPage = template.fromPage || 1;
  return (page, pages) => (page < fromPage ? null : substitute(template.pageTemplate, page, pages));
}

function compile(node) {
  if (Array.isArray(node)) {
    return node.map(compile);
  }
  if (node && typeof node === 'object') {
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'layout' && value && typeof value === 'object' && value.spec) {
        out[key] = compileLayout(value.spec);
      } else {
        out[key] = compile(value);
      }
    }
    return out;
  }
  return node;
}

function prepare(definition) {
  const def = compile(definition);
  for (const key of ['header', 'footer']) {
    if (def[key] && typeof def[key] === 'object' && def[key].pageTemplate) {
      def[key] = pageFunction(def[key]);
    }
  }
  return def;
}

function renderOne(printer, definition, target) {
  return new Promise((resolve, reject) => {
    const doc = printer.createPdfKitDocument(prepare(definition));
    const stream = fs.createWriteStream(target);
    stream.on('finish', resolve);
    stream.on('error', reject);
    doc.on('error', reject);
    doc.pipe(stream);
    doc.end();
  });
}

async function main() {
  const [defsPath, outDir] = process.argv.slice(2);
  if (!defsPath || !outDir) {
    process.stderr.write('usage: node render.js DEFS.json OUT_DIR\n');
    process.exit(2);
  }
  const { documents } = JSON.parse(fs.readFileSync(defsPath, 'utf8'));
  fs.mkdirSync(outDir, { recursive: true });
  const printer = new PdfPrinter(FONTS);
  let failed = 0;
  for (const { file, definition } of documents) {
    try {
      await renderOne(printer, definition, path.join(outDir, file));
    } catch (err) {
      failed += 1;
      process.stderr.write(`${file}: ${err && err.stack ? err.stack : err}\n`);
    }
  }
  process.stdout.write(`rendered ${documents.length - failed}/${documents.length} PDFs\n`);
  process.exit(failed ? 1 : 0);
}

main();
