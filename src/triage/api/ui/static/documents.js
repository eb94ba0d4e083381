// Document view on the case page: page switcher, document tabs, and the box of the
// focused/clicked field drawn over the page image. Boxes are [x0, top, x1, bottom] in
// PDF points; the overlay is placed in % of the page size, so it follows the image at
// any displayed width. Without this file the first page and the field list still show.
(function () {
  "use strict";
  var docs = Array.prototype.slice.call(document.querySelectorAll(".doc[data-doc]"));
  if (!docs.length) { return; }

  function pages(doc) {
    try { return JSON.parse(doc.getAttribute("data-pages")) || []; } catch (e) { return []; }
  }

  function pageSize(doc, n) {
    var list = pages(doc);
    return list[n - 1] || list[0] || [595, 842];
  }

  function showPage(doc, n) {
    var img = doc.querySelector(".page-img");
    if (String(n) === doc.getAttribute("data-page")) { return; }
    var size = pageSize(doc, n);
    var scale = parseFloat(doc.getAttribute("data-scale")) || 1.5;
    var total = pages(doc).length || 1;
    doc.setAttribute("data-page", String(n));
    img.src = "/ui/documents/" + doc.getAttribute("data-doc") + "/pages/" + n + ".png?scale=" + scale;
    img.width = Math.ceil(size[0] * scale);
    img.height = Math.ceil(size[1] * scale);
    img.alt = img.alt.replace(/^Page \d+/, "Page " + n);
    doc.querySelectorAll(".page-btn").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-page") === String(n) ? "true" : "false");
    });
    var overlay = doc.querySelector(".bbox-overlay");
    var selected = doc.querySelector('.docfield[aria-pressed="true"]');
    overlay.hidden = !selected || selected.getAttribute("data-page") !== String(n);
    if (total > 1) { doc.querySelector(".doc-scroll").scrollTop = 0; }
  }

  function highlight(button) {
    var doc = button.closest(".doc");
    var n = parseInt(button.getAttribute("data-page"), 10) || 1;
    var box = button.getAttribute("data-bbox").split(",").map(parseFloat);
    doc.querySelectorAll(".docfield").forEach(function (b) {
      b.setAttribute("aria-pressed", b === button ? "true" : "false");
    });
    showPage(doc, n);
    var size = pageSize(doc, n);
    var overlay = doc.querySelector(".bbox-overlay");
    overlay.style.left = (100 * box[0] / size[0]) + "%";
    overlay.style.top = (100 * box[1] / size[1]) + "%";
    overlay.style.width = (100 * (box[2] - box[0]) / size[0]) + "%";
    overlay.style.height = (100 * (box[3] - box[1]) / size[1]) + "%";
    overlay.hidden = false;
    reveal(doc, overlay);
  }

  // Scroll only the page pane, never the window, so the field keeps its place.
  function reveal(doc, overlay) {
    var pane = doc.querySelector(".doc-scroll");
    var top = overlay.offsetTop;
    var bottom = top + overlay.offsetHeight;
    if (top < pane.scrollTop + 8 || bottom > pane.scrollTop + pane.clientHeight - 8) {
      pane.scrollTop = Math.max(0, top - pane.clientHeight / 3);
    }
  }

  function selectDoc(id) {
    docs.forEach(function (doc) { doc.hidden = doc.getAttribute("data-doc") !== id; });
    document.querySelectorAll(".doc-tab").forEach(function (t) {
      t.setAttribute("aria-pressed", t.getAttribute("data-doc") === id ? "true" : "false");
    });
  }

  docs.forEach(function (doc) {
    doc.querySelectorAll(".docfield").forEach(function (b) {
      b.addEventListener("focus", function () { highlight(b); });
      b.addEventListener("click", function () { highlight(b); });
    });
    doc.querySelectorAll(".page-btn").forEach(function (b) {
      b.addEventListener("click", function () { showPage(doc, parseInt(b.getAttribute("data-page"), 10)); });
    });
  });
  if (docs.length > 1) {
    var tabs = document.querySelector(".doc-tabs");
    tabs.hidden = false;
    tabs.querySelectorAll(".doc-tab").forEach(function (t) {
      t.addEventListener("click", function () { selectDoc(t.getAttribute("data-doc")); });
    });
    selectDoc(docs[0].getAttribute("data-doc"));
  }
})();
