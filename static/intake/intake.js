/* Intake pages, progressively enhanced: nothing here is needed to add, review or save. */
(function () {
  "use strict";

  // Refuse an oversized paste before it is sent, so the text stays in the box.
  document.querySelectorAll("textarea[data-max-bytes]").forEach(function (box) {
    var form = box.form;
    var warning = document.getElementById("size-warning");
    form.addEventListener("submit", function (event) {
      var limit = parseInt(box.dataset.maxBytes, 10);
      var size = new Blob([box.value]).size;
      if (size > limit) {
        event.preventDefault();
        warning.textContent = "This report is " + (size / 1e6).toFixed(1) + " MB; intake takes up to " +
          (limit / 1e6).toFixed(0) + " MB. Paste the article's main text only, or split it.";
        warning.hidden = false;
        box.focus();
      }
    });
  });

  // People autocomplete: fill the shared <datalist> from the JSON lookup as the editor types.
  var script = document.getElementById("intake-script");
  var list = document.getElementById("people-options");
  if (!script || !list) { return; }
  var url = script.dataset.peopleUrl;
  var timer = null;
  var last = "";
  function lookup(query) {
    if (query.length < 2 || query === last) { return; }
    last = query;
    fetch(url + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) {
        list.replaceChildren.apply(list, data.results.map(function (person) {
          var option = document.createElement("option");
          option.value = person.slug;
          option.label = person.name + (person.country ? " (" + person.country + ")" : "");
          return option;
        }));
      })
      .catch(function () { /* the field still takes a typed name */ });
  }
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field.getAttribute && field.getAttribute("list") === "people-options") {
      clearTimeout(timer);
      timer = setTimeout(function () { lookup(field.value.trim()); }, 200);
    }
  });
})();
