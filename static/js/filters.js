// On a phone the results come first: the filters start folded under their summary line,
// unless some filter value was refused (the panel then opens on its message).
(function () {
  "use strict";
  if (!window.matchMedia("(max-width: 800px)").matches) return;
  document.querySelectorAll("details.filters-panel").forEach(function (panel) {
    panel.open = panel.querySelector("[role=alert]") !== null;
  });
})();
