/* partygraph network page renderer: part of partygraph (MIT licence).
 * Draws precomputed positions on a canvas; no library, no network access.
 * State for tests and scripts: window.partygraph, and on <body> the attributes
 * data-node-count / data-edge-count (what is drawn now), data-match-count, data-ready.
 * Options in the data (all optional; the co-signature page of `partygraph viz` uses none of them):
 *   directed: true      edges [source, target, ...] drawn as arrows;
 *   colourModes: [{id, label}]  colourings offered, first is the default, among
 *                       "community" (n.community, legend data.communities),
 *                       "country" (by frequency) and "kind" (n.kind, legend data.kinds);
 *   noun: [one, many]   what a node is ("party", "parties" by default);
 *   node.size           drawn size (default node.statements); node.info: tooltip text;
 *   labelled: [i]       nodes labelled on the canvas while no search is active;
 *   nodeLink: "/id/party/{id}"  a click on a node (not a drag) opens this URL.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
    "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#ad494a", "#637939", "#e7ba52", "#7b4173",
    "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363"];
  var OTHER = "#c7c7c7";
  var canvas = document.getElementById("network");
  var ctx = canvas.getContext("2d");
  var tooltip = document.getElementById("tooltip");
  var body = document.body;
  var nodes = data.nodes, edges = data.edges;
  var modes = data.colourModes || [{ id: "community", label: "community" }, { id: "country", label: "country" }];
  var noun = data.noun || ["party", "parties"];
  var state = { colour: modes[0].id, filter: "", query: "", matches: [], hover: -1,
    scale: 1, ox: 0, oy: 0 };
  var visible = new Array(nodes.length);
  function sizeOf(n) { return n.size !== undefined ? n.size : n.statements; }
  var maxSize = 1;
  nodes.forEach(function (n) { maxSize = Math.max(maxSize, sizeOf(n)); });

  function radius(n) { return 3 + 13 * Math.sqrt(sizeOf(n) / maxSize); }

  // colour keys: communities by number, countries by frequency (most parties first)
  var countryRank = {};
  (function () {
    var counts = {};
    nodes.forEach(function (n) { var c = n.country || "?"; counts[c] = (counts[c] || 0) + 1; });
    Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); })
      .forEach(function (c, i) { countryRank[c] = i; });
  })();
  var kindIndex = {};
  (data.kinds || []).forEach(function (k, i) { kindIndex[k.id] = i; });
  function colourOf(n) {
    var i = state.colour === "country" ? countryRank[n.country || "?"]
      : state.colour === "kind" ? (n.kind in kindIndex ? kindIndex[n.kind] : -1) : n.community;
    return i >= 0 && i < PALETTE.length ? PALETTE[i] : OTHER;
  }

  function passes(years, meetings) {
    if (!state.filter) return true;
    var kind = state.filter.slice(0, state.filter.indexOf(":"));
    var value = state.filter.slice(state.filter.indexOf(":") + 1);
    if (kind === "year") return years.indexOf(parseInt(value, 10)) >= 0;
    if (kind === "meeting") return meetings.indexOf(parseInt(value, 10)) >= 0;
    return true;
  }

  function resize() {
    var r = canvas.getBoundingClientRect();
    var dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(r.width * dpr));
    canvas.height = Math.max(1, Math.round(r.height * dpr));
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw();
  }

  function screen(n) {
    var r = canvas.getBoundingClientRect();
    var pad = 30, w = Math.max(1, r.width - 2 * pad), h = Math.max(1, r.height - 2 * pad);
    var s = Math.min(w, h);
    var x = pad + (w - s) / 2 + n.x * s, y = pad + (h - s) / 2 + (1 - n.y) * s;
    return [x * state.scale + state.ox, y * state.scale + state.oy];
  }

  // a line from a to the rim of the target (radius r), ending in a filled arrowhead
  function arrow(a, b, r, t) {
    var dx = b[0] - a[0], dy = b[1] - a[1], len = Math.hypot(dx, dy);
    if (len < 1e-6) return;
    var ux = dx / len, uy = dy / len, head = 5 + 4 * t;
    var tip = [b[0] - ux * (r + 1), b[1] - uy * (r + 1)];
    var base = [tip[0] - ux * head, tip[1] - uy * head];
    ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.lineTo(base[0], base[1]); ctx.stroke();
    ctx.fillStyle = "rgba(70,70,70," + (0.35 + 0.5 * t).toFixed(3) + ")";
    ctx.beginPath(); ctx.moveTo(tip[0], tip[1]);
    ctx.lineTo(base[0] - uy * head * 0.45, base[1] + ux * head * 0.45);
    ctx.lineTo(base[0] + uy * head * 0.45, base[1] - ux * head * 0.45);
    ctx.closePath(); ctx.fill();
  }

  function draw() {
    var r = canvas.getBoundingClientRect();
    ctx.clearRect(0, 0, r.width, r.height);
    var i, shown = 0, shownEdges = 0, maxW = 0;
    for (i = 0; i < nodes.length; i++) {
      visible[i] = passes(nodes[i].years, nodes[i].meetings);
    }
    edges.forEach(function (e) { if (e[2] > maxW) maxW = e[2]; });
    var matching = state.matches.length > 0;
    ctx.lineCap = "round";
    edges.forEach(function (e) {
      if (!visible[e[0]] || !visible[e[1]] || !passes(e[3], e[4])) return;
      var a = screen(nodes[e[0]]), b = screen(nodes[e[1]]);
      var t = maxW > 0 ? e[2] / maxW : 0;
      var colour = "rgba(90,90,90," + (0.08 + 0.5 * t).toFixed(3) + ")";
      ctx.strokeStyle = colour;
      ctx.lineWidth = 0.5 + 3 * t;
      if (data.directed) { arrow(a, b, radius(nodes[e[1]]) * Math.sqrt(state.scale), t); }
      else { ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]); ctx.stroke(); }
      shownEdges++;
    });
    for (i = 0; i < nodes.length; i++) {
      if (!visible[i]) continue;
      var n = nodes[i], p = screen(n), rad = radius(n) * Math.sqrt(state.scale);
      var hit = state.matches.indexOf(i) >= 0;
      ctx.globalAlpha = matching && !hit ? 0.25 : 1;
      ctx.fillStyle = colourOf(n);
      ctx.beginPath(); ctx.arc(p[0], p[1], rad, 0, 2 * Math.PI); ctx.fill();
      ctx.lineWidth = hit ? 3 : 1;
      ctx.strokeStyle = hit ? "#000" : "rgba(255,255,255,0.9)";
      ctx.stroke();
      shown++;
    }
    ctx.globalAlpha = 1;
    // nodes always labelled (data.labelled), unless a search picks others
    ctx.font = "11px system-ui, sans-serif";
    ctx.fillStyle = "rgba(20,20,20,0.85)";
    if (!matching) (data.labelled || []).forEach(function (i) {
      if (!visible[i]) return;
      var p = screen(nodes[i]);
      ctx.fillText(nodes[i].abbr || nodes[i].label, p[0] + radius(nodes[i]) * Math.sqrt(state.scale) + 3, p[1] + 4);
    });
    ctx.fillStyle = "#111";
    ctx.font = "bold 12px system-ui, sans-serif";
    state.matches.forEach(function (i) {
      if (!visible[i]) return;
      var p = screen(nodes[i]);
      ctx.fillText(nodes[i].abbr || nodes[i].label, p[0] + radius(nodes[i]) + 3, p[1] + 4);
    });
    body.setAttribute("data-node-count", String(shown));
    body.setAttribute("data-edge-count", String(shownEdges));
    document.getElementById("stats").textContent =
      shown + " of " + nodes.length + " " + noun[1] + ", " + shownEdges + " of " + edges.length + " links" +
      (data.edgesTotal > edges.length ? " (the backbone and the strongest of " + data.edgesTotal + ")" : "");
  }

  function legend() {
    var ul = document.getElementById("legend");
    while (ul.firstChild) ul.removeChild(ul.firstChild);
    var items = [];
    if (state.colour === "country") {
      Object.keys(countryRank).sort(function (a, b) { return countryRank[a] - countryRank[b]; })
        .forEach(function (c) {
          if (countryRank[c] < PALETTE.length) items.push([PALETTE[countryRank[c]], data.countryLabels[c] || c]);
        });
      if (Object.keys(countryRank).length > PALETTE.length) items.push([OTHER, "other countries"]);
    } else if (state.colour === "kind") {
      (data.kinds || []).forEach(function (k, i) { items.push([i < PALETTE.length ? PALETTE[i] : OTHER, k.label]); });
    } else {
      data.communities.forEach(function (c) {
        items.push([c.id < PALETTE.length ? PALETTE[c.id] : OTHER, c.label]);
      });
    }
    items.forEach(function (it) {
      var li = document.createElement("li"), sw = document.createElement("span");
      sw.className = "swatch"; sw.style.background = it[0];
      li.appendChild(sw); li.appendChild(document.createTextNode(it[1]));
      ul.appendChild(li);
    });
  }

  function search(q) {
    state.query = (q || "").trim().toLowerCase();
    state.matches = [];
    if (state.query) {
      nodes.forEach(function (n, i) {
        var hay = [n.label, n.abbr, n.id, n.country, n.countryLabel].join("\u0001").toLowerCase();
        if (hay.indexOf(state.query) >= 0) state.matches.push(i);
      });
    }
    var out = document.getElementById("search-result");
    if (!state.query) out.textContent = "";
    else if (!state.matches.length) out.textContent = "no " + noun[0] + " found";
    else out.textContent = state.matches.length + " found: " + state.matches.slice(0, 3).map(function (i) {
      return nodes[i].label;
    }).join("; ") + (state.matches.length > 3 ? " ..." : "");
    body.setAttribute("data-match-count", String(state.matches.length));
    draw();
    return state.matches.map(function (i) { return nodes[i].id; });
  }

  function modeOf(mode) {
    for (var i = 0; i < modes.length; i++) if (modes[i].id === mode) return mode;
    return modes[0].id;
  }

  function setColour(mode) {
    state.colour = modeOf(mode);
    document.getElementById("colour").value = state.colour;
    legend(); draw();
  }

  function setFilter(value) {
    state.filter = value || "";
    document.getElementById("filter").value = state.filter;
    draw();
  }

  // colour options, then filter options: years, then meetings (no filter without them)
  (function () {
    var sel = document.getElementById("colour");
    modes.forEach(function (m) {
      var o = document.createElement("option"); o.value = m.id; o.textContent = m.label; sel.appendChild(o);
    });
  })();
  (function () {
    if (!data.years.length && !data.meetings.length) document.getElementById("filter-control").hidden = true;
    var sel = document.getElementById("filter");
    data.years.forEach(function (y) {
      var o = document.createElement("option"); o.value = "year:" + y; o.textContent = "year " + y; sel.appendChild(o);
    });
    data.meetings.forEach(function (m, i) {
      var o = document.createElement("option"); o.value = "meeting:" + i; o.textContent = m.label; sel.appendChild(o);
    });
  })();

  function nodeAt(x, y) {
    var best = -1, bestD = Infinity;
    for (var i = 0; i < nodes.length; i++) {
      if (!visible[i]) continue;
      var p = screen(nodes[i]), d = Math.hypot(p[0] - x, p[1] - y);
      if (d <= radius(nodes[i]) * Math.sqrt(state.scale) + 3 && d < bestD) { best = i; bestD = d; }
    }
    return best;
  }

  var drag = null;
  canvas.addEventListener("mousemove", function (ev) {
    var r = canvas.getBoundingClientRect(), x = ev.clientX - r.left, y = ev.clientY - r.top;
    if (drag) {
      state.ox = drag.ox + (ev.clientX - drag.x); state.oy = drag.oy + (ev.clientY - drag.y);
      draw(); return;
    }
    var i = nodeAt(x, y);
    state.hover = i;
    if (i < 0) { tooltip.style.display = "none"; return; }
    var n = nodes[i];
    while (tooltip.firstChild) tooltip.removeChild(tooltip.firstChild);
    var b = document.createElement("b"); b.textContent = n.label + (n.abbr ? " (" + n.abbr + ")" : "");
    tooltip.appendChild(b);
    tooltip.appendChild(document.createTextNode(n.info !== undefined ? n.info :
      (n.countryLabel || n.country || "no country") + " \u00b7 " + n.statements + " statements \u00b7 community " + n.community));
    tooltip.style.display = "block";
    tooltip.style.left = Math.min(x + 14, r.width - 200) + "px";
    tooltip.style.top = (y + 14) + "px";
  });
  canvas.addEventListener("mouseleave", function () { tooltip.style.display = "none"; });
  canvas.addEventListener("mousedown", function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, ox: state.ox, oy: state.oy }; canvas.classList.add("dragging");
  });
  window.addEventListener("mouseup", function () { drag = null; canvas.classList.remove("dragging"); });
  // with a node link (partygraph serve), a click that did not drag opens the node's page
  var pressed = null;
  canvas.addEventListener("pointerdown", function (ev) { pressed = [ev.clientX, ev.clientY]; });
  canvas.addEventListener("click", function (ev) {
    if (!data.nodeLink || !pressed || Math.hypot(ev.clientX - pressed[0], ev.clientY - pressed[1]) > 4) return;
    var r = canvas.getBoundingClientRect(), i = nodeAt(ev.clientX - r.left, ev.clientY - r.top);
    if (i >= 0) location.href = data.nodeLink.replace("{id}", encodeURIComponent(nodes[i].id));
  });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = canvas.getBoundingClientRect(), x = ev.clientX - r.left, y = ev.clientY - r.top;
    var f = ev.deltaY < 0 ? 1.15 : 1 / 1.15;
    state.ox = x - (x - state.ox) * f; state.oy = y - (y - state.oy) * f; state.scale *= f;
    draw();
  }, { passive: false });
  document.getElementById("search").addEventListener("input", function (ev) { search(ev.target.value); });
  document.getElementById("colour").addEventListener("change", function (ev) { setColour(ev.target.value); });
  document.getElementById("filter").addEventListener("change", function (ev) { setFilter(ev.target.value); });
  window.addEventListener("resize", resize);

  // initial state from the fragment: #search=KKE&colour=country&filter=year:2018
  var params = {};
  (location.hash || "").replace(/^#/, "").split("&").forEach(function (kv) {
    var i = kv.indexOf("=");
    if (i > 0) params[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1));
  });
  state.colour = modeOf(params.colour);
  document.getElementById("colour").value = state.colour;
  if (params.filter) { state.filter = params.filter; document.getElementById("filter").value = params.filter; }
  legend();
  resize();
  if (params.search) { document.getElementById("search").value = params.search; search(params.search); }

  window.partygraph = { nodeCount: nodes.length, edgeCount: edges.length, search: search,
    setColour: setColour, setFilter: setFilter, draw: draw,
    drawnNodes: function () { return parseInt(body.getAttribute("data-node-count"), 10); },
    // where a party is drawn, in client coordinates (null when filtered out or unknown)
    positionOf: function (id) {
      for (var i = 0; i < nodes.length; i++) {
        if (nodes[i].id === id && visible[i]) {
          var r = canvas.getBoundingClientRect(), p = screen(nodes[i]);
          return [r.left + p[0], r.top + p[1]];
        }
      }
      return null;
    } };
  body.setAttribute("data-ready", "true");
})();
