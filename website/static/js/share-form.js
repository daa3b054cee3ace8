// "Dela med dig": show only the chosen county's municipalities until the member asks for all.
// Progressive enhancement: without this script every county's group stays in the list.
(function () {
  "use strict";
  document.querySelectorAll("[data-municipality-picker]").forEach(function (picker) {
    var form = picker.closest("form");
    var county = form && form.querySelector("select[name=county]");
    var list = picker.querySelector("select[name=municipalities]");
    var showAll = picker.querySelector("input[name=all_municipalities]");
    if (!county || !list || !showAll) {
      return;
    }
    function update() {
      var chosen = county.selectedIndex > 0 ? county.options[county.selectedIndex].text : "";
      Array.prototype.forEach.call(list.querySelectorAll("optgroup"), function (group) {
        var hasSelected = group.querySelector("option:checked") !== null;
        var visible = showAll.checked || !chosen || group.label === chosen || hasSelected;
        group.hidden = !visible;
        group.disabled = !visible;
      });
    }
    county.addEventListener("change", update);
    showAll.addEventListener("change", update);
    update();
  });
})();
