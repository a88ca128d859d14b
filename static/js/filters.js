// On a phone the results come first: the filters start folded under their summary line.
(function () {
  "use strict";
  if (!window.matchMedia("(max-width: 800px)").matches) return;
  document.querySelectorAll("details.filters-panel").forEach(function (panel) {
    panel.open = false;
  });
})();
