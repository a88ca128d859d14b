// Draws the who-reached-out-to-whom graph with Cytoscape (served by the app, from npm).
(function () {
  "use strict";
  var container = document.getElementById("network-graph");
  var data = document.getElementById("network-elements");
  if (!container || !data || typeof cytoscape === "undefined") return;
  var elements = JSON.parse(data.textContent);
  if (!elements.length) {
    container.textContent = "Nothing to draw for these filters.";
    return;
  }
  var graph = cytoscape({
    container: container,
    elements: elements,
    style: [
      { selector: "node", style: {
          "label": "data(label)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 120,
          "background-color": "#1f4e79", "color": "#1b1b1b", "width": 18, "height": 18,
          "text-valign": "bottom", "text-margin-y": 4 } },
      { selector: "edge", style: {
          "curve-style": "bezier", "target-arrow-shape": "triangle", "line-color": "#8aa4bf",
          "target-arrow-color": "#8aa4bf", "width": "mapData(weight, 1, 10, 1.5, 8)",
          "label": "data(weight)", "font-size": 9, "color": "#555" } }
    ],
    layout: { name: "cose", animate: false, padding: 30, idealEdgeLength: 160, nodeRepulsion: 40000 }
  });
  container.setAttribute("data-drawn", String(graph.nodes().length));
})();
