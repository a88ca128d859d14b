// Draws the who-reached-out-to-whom graph with Cytoscape and fCoSE (both from npm, served by
// the app). The layout runs to the end before anything is shown, then labels are kept apart.
(function () {
  "use strict";
  var container = document.getElementById("network-graph");
  var data = document.getElementById("network-elements");
  if (!container || !data || typeof cytoscape === "undefined") return;
  var elements = JSON.parse(data.textContent);
  if (!elements.length) return;
  if (typeof cytoscapeFcose !== "undefined") cytoscape.use(cytoscapeFcose);
  // cytoscape-svg registers itself (cy.svg) when it loads.

  var nodeCount = elements.filter(function (e) { return !e.data.source; }).length;
  if (nodeCount > 40) container.classList.add("graph-large");

  var ink = "#1b1b1b", accent = "#1f4e79", line = "#7f9bb8", unknownLine = "#8a8a8a";
  var graph = cytoscape({
    container: container,
    elements: elements,
    minZoom: 0.05,
    maxZoom: 4,
    boxSelectionEnabled: false,
    autoungrabify: false,
    style: [
      { selector: "node", style: {
          "label": "data(label)", "font-size": 12, "text-wrap": "wrap", "text-max-width": 130,
          "width": "data(size)", "height": "data(size)", "background-color": accent,
          "border-width": 2, "border-color": "#ffffff", "color": ink,
          "text-valign": "bottom", "text-halign": "center", "text-margin-y": 3,
          "text-background-color": "#ffffff", "text-background-opacity": 0.85,
          "text-background-padding": 1, "min-zoomed-font-size": 6 } },
      { selector: "node[kind = 'unnamed']", style: { "background-color": "#5b7fa3" } },
      { selector: "edge", style: {
          "curve-style": "bezier", "width": "data(width)", "line-color": line,
          "target-arrow-shape": "triangle", "target-arrow-color": line, "arrow-scale": 1.1,
          "opacity": 0.85 } },
      { selector: "edge[weight > 1]", style: {
          "label": "data(weight)", "font-size": 11, "font-weight": 600, "color": "#333333",
          "text-background-color": "#ffffff", "text-background-opacity": 1,
          "text-background-padding": 1, "min-zoomed-font-size": 6 } },
      { selector: "edge.undirected", style: {
          "line-style": "dashed", "line-dash-pattern": [6, 4], "line-color": unknownLine,
          "target-arrow-shape": "none" } },
      { selector: ".hover", style: { "overlay-opacity": 0.12, "overlay-color": accent } }
    ],
    layout: { name: "preset" }
  });

  // fCoSE starts from random positions (Math.random): seeded, the same contacts are drawn
  // the same way on every load, so a reload does not move what the analyst has read.
  function withSeededRandom(run) {
    var seed = 20200103, random = Math.random;
    Math.random = function () {  // mulberry32
      seed = (seed + 0x6D2B79F5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    try { run(); } finally { Math.random = random; }
  }

  // fCoSE when it is there (cose, built into Cytoscape, otherwise); no animation, so the
  // first picture is the settled one.
  var layout = {
    name: typeof cytoscapeFcose !== "undefined" ? "fcose" : "cose",
    quality: "proof", randomize: true, animate: false, fit: false,
    nodeDimensionsIncludeLabels: true, packComponents: true, tile: true,
    nodeRepulsion: function () { return 9000; },
    idealEdgeLength: function () { return 110; },
    nodeSeparation: 90, numIter: 2500
  };
  var started = performance.now();
  withSeededRandom(function () { graph.layout(layout).run(); });
  turnToFit(graph);
  separateLabels(graph, 8);
  graph.fit(undefined, 24);
  container.classList.remove("graph-pending");
  container.setAttribute("data-layout-ms", String(Math.round(performance.now() - started)));
  container.setAttribute("data-drawn", String(graph.nodes().length));
  window.networkGraph = graph;  // for the browser tests and the console

  // A node or an edge is a link: to the person, or to the contacts behind the line.
  graph.on("tap", "node, edge", function (event) {
    var url = event.target.data("url");
    if (url) window.location.assign(url);
  });
  graph.on("mouseover", "node, edge", function (event) {
    event.target.addClass("hover");
    if (event.target.data("url")) container.classList.add("graph-pointer");
  });
  graph.on("mouseout", "node, edge", function (event) {
    event.target.removeClass("hover");
    container.classList.remove("graph-pointer");
  });

  var actions = {
    "zoom-in": function () { zoomBy(1.4); },
    "zoom-out": function () { zoomBy(1 / 1.4); },
    "fit": function () { graph.fit(undefined, 24); },
    "png": function () {
      download(graph.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" }), "png");
    },
    "svg": function () {
      var svg = graph.svg({ full: true, bg: "#ffffff" });
      download(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }), "svg");
    }
  };
  document.querySelectorAll("[data-graph]").forEach(function (button) {
    var action = actions[button.getAttribute("data-graph")];
    if (action && (button.getAttribute("data-graph") !== "svg" || graph.svg)) {
      button.addEventListener("click", action);
    } else {
      button.hidden = true;
    }
  });

  function zoomBy(factor) {
    graph.zoom({
      level: graph.zoom() * factor,
      renderedPosition: { x: container.clientWidth / 2, y: container.clientHeight / 2 }
    });
  }

  function download(blob, extension) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "who-reached-out-to-whom." + extension;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  // A wide layout in a tall box (a phone) is turned a quarter, so that it fills the box.
  function turnToFit(cy) {
    var box = cy.nodes().boundingBox();
    var wideBox = container.clientWidth >= container.clientHeight;
    if ((box.w >= box.h) === wideBox) return;
    cy.nodes().positions(function (node) {
      var at = node.position();
      return { x: at.y, y: at.x };
    });
  }

  // fCoSE keeps labels apart in most graphs but does not promise it; this pushes apart any
  // two nodes whose boxes (circle and label) still overlap, along the shorter way out.
  function separateLabels(cy, gap) {
    var nodes = cy.nodes().toArray();
    var boxes = nodes.map(function (node) {
      var box = node.boundingBox({ includeLabels: true, includeOverlays: false });
      var at = node.position();
      return { node: node, x: at.x, y: at.y, left: box.x1 - at.x - gap / 2, right: box.x2 - at.x + gap / 2,
               top: box.y1 - at.y - gap / 2, bottom: box.y2 - at.y + gap / 2 };
    });
    for (var round = 0; round < 500; round++) {
      var moved = false;
      boxes.sort(function (a, b) { return (a.x + a.left) - (b.x + b.left); });
      for (var i = 0; i < boxes.length; i++) {
        var a = boxes[i];
        for (var j = i + 1; j < boxes.length; j++) {
          var b = boxes[j];
          if (b.x + b.left >= a.x + a.right) break;  // sorted by left edge: none further
          var dx = Math.min(a.x + a.right, b.x + b.right) - Math.max(a.x + a.left, b.x + b.left);
          var dy = Math.min(a.y + a.bottom, b.y + b.bottom) - Math.max(a.y + a.top, b.y + b.top);
          if (dx <= 0 || dy <= 0) continue;
          moved = true;
          if (dx < dy) {
            var sx = (a.x <= b.x ? 1 : -1) * (dx / 2 + 0.5);
            a.x -= sx; b.x += sx;
          } else {
            var sy = (a.y <= b.y ? 1 : -1) * (dy / 2 + 0.5);
            a.y -= sy; b.y += sy;
          }
        }
      }
      if (!moved) break;
    }
    cy.batch(function () {
      boxes.forEach(function (box) { box.node.position({ x: box.x, y: box.y }); });
    });
  }
})();
