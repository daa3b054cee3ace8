// Wagtail admin: give the tag field and the rich-text editors the accessible name of their
// label. Wagtail renders them as contenteditable elements that no <label> points at
// (wagtail/wagtail#14205), so screen readers announce an unnamed text box. Remove this once
// Wagtail names them itself.
(function () {
  "use strict";
  var EDITABLE = ".tagify__input, .public-DraftEditor-content, [contenteditable=true][role=textbox]";

  function labelText(field) {
    var label = field.querySelector(".w-field__label, label");
    if (!label) {
      return "";
    }
    // The required marker is a "*" in its own element; the name is the label's words.
    var clone = label.cloneNode(true);
    Array.prototype.forEach.call(clone.querySelectorAll(".w-required-mark"), function (mark) {
      mark.remove();
    });
    return clone.textContent.replace(/\s+/g, " ").replace(/\s*\*\s*$/, "").trim();
  }

  function nameEditables(root) {
    Array.prototype.forEach.call(root.querySelectorAll(EDITABLE), function (editable) {
      if (editable.hasAttribute("aria-label") || editable.hasAttribute("aria-labelledby")) {
        return;
      }
      var field = editable.closest(".w-field, [data-field]");
      var name = field ? labelText(field) : "";
      if (name) {
        editable.setAttribute("aria-label", name);
      }
    });
  }

  function start() {
    nameEditables(document);
    // Editors appear later (StreamField blocks, InlinePanel rows, Draftail's own start-up).
    new MutationObserver(function () {
      nameEditables(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
