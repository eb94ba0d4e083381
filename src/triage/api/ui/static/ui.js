// Keyboard shortcuts for the review page and the queue; the pages work without this file.
(function () {
  "use strict";
  function typing(target) {
    return target && (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type !== "radio" && target.type !== "checkbox") || target.tagName === "SELECT");
  }
  function click(id) { var el = document.getElementById(id); if (el) { el.click(); return true; } return false; }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var verdict = document.getElementById("verdict");
    if (typing(event.target)) {
      if (event.key === "Escape") { event.target.blur(); }
      return;
    }
    if (verdict) {
      if (/^[0-9]$/.test(event.key)) {
        var radio = verdict.querySelector('input[name="exception"][data-key="' + event.key + '"]');
        if (radio) { radio.checked = true; radio.focus(); event.preventDefault(); }
        return;
      }
      switch (event.key) {
        case "c": event.preventDefault(); click("confirm"); return;
        case "s": event.preventDefault(); click("correct"); return;
        case "r": event.preventDefault(); click("release"); return;
        case "b": {
          var other = verdict.querySelector('input[name="billable"]:not(:checked)');
          if (other) { other.checked = true; other.focus(); }
          event.preventDefault();
          return;
        }
        case "m": event.preventDefault(); document.getElementById("comment").focus(); return;
        default: return;
      }
    }
    if (event.key === "Enter" && document.getElementById("start") && event.target === document.body) {
      event.preventDefault();
      click("start");
    }
  });
})();
