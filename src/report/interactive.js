// platform-eval's HTML report: live weights. Reads the matrix embedded in the page
// (#pe-data, the requirement scores the JSON contract carries), and re-ranks the table and
// rewrites the recommendation as the weights or the method change. The arithmetic is the
// CLI's (src/analysis/methods.rs, src/analysis/rank.rs, src/score.rs):
//   - weights are normalised to sum to 1;
//   - wsm: sum of w_j r_j; wpm: exp(sum of w_j ln r_j over w_j > 0), so 0^0 = 1;
//   - topsis: vector normalisation over the ranked set (platforms [require] keeps), ideal
//     and anti-ideal from that set, excluded platforms measured against the same yardstick;
//     closeness d- / (d+ + d-), 0.5 when both are 0;
//   - scores within 1e-9 tie; ties list by id; competition ranks (1, 2, 2, 4);
//     excluded platforms have no rank and come last, by id.
// Without JavaScript the page is the static report.
(function () {
  "use strict";
  var holder = document.getElementById("pe-data");
  var controls = document.getElementById("pe-controls");
  if (!holder || !controls) return;
  var data = JSON.parse(holder.textContent);
  var reqs = data.requirements;
  var n = reqs.length;
  var TIE = data.tie;

  function normalise(w) {
    var s = 0;
    for (var j = 0; j < w.length; j++) s += w[j];
    return w.map(function (x) { return s > 0 ? x / s : 0; });
  }

  function wsm(x, w) {
    var s = 0;
    for (var j = 0; j < n; j++) s += x[j] * w[j];
    return s;
  }

  function wpm(x, w) {
    var l = 0;
    for (var j = 0; j < n; j++) if (w[j] > 0) l += w[j] * Math.log(x[j]);
    return Math.exp(l);
  }

  // The TOPSIS yardstick: column norms and the max and min of r = x / norm, over `rows`.
  function yardstick(rows) {
    var norms = [], max = [], min = [];
    for (var j = 0; j < n; j++) {
      var s = 0;
      rows.forEach(function (x) { s += x[j] * x[j]; });
      norms.push(Math.sqrt(s));
    }
    function r(x, j) { return norms[j] === 0 ? 0 : x[j] / norms[j]; }
    for (var k = 0; k < n; k++) {
      var hi = -Infinity, lo = Infinity;
      rows.forEach(function (x) { hi = Math.max(hi, r(x, k)); lo = Math.min(lo, r(x, k)); });
      max.push(hi);
      min.push(lo);
    }
    return function (x, w) {
      var plus = 0, minus = 0;
      for (var j = 0; j < n; j++) {
        var v = r(x, j);
        plus += w[j] * w[j] * Math.pow(v - max[j], 2);
        minus += w[j] * w[j] * Math.pow(v - min[j], 2);
      }
      var p = Math.sqrt(plus), q = Math.sqrt(minus);
      return p + q === 0 ? 0.5 : q / (p + q);
    };
  }

  // Scores and ranks every platform: [{p, score, rank}], in the ranking's order.
  function evaluate(rawWeights, method) {
    var w = normalise(rawWeights);
    var ranked = data.platforms.filter(function (p) { return !p.excluded; });
    var score;
    if (method === "wpm") {
      score = function (p) { return wpm(p.scores, w); };
    } else if (method === "topsis") {
      var base = ranked.length ? ranked : data.platforms;
      var closeness = yardstick(base.map(function (p) { return p.scores; }));
      score = function (p) { return closeness(p.scores, w); };
    } else {
      score = function (p) { return wsm(p.scores, w); };
    }
    var range = null;
    if (method === "wsm") range = function (p) { return [wsm(p.low, w), wsm(p.high, w)]; };
    if (method === "wpm") range = function (p) { return [wpm(p.low, w), wpm(p.high, w)]; };
    var rows = data.platforms.map(function (p) {
      return { p: p, score: score(p), rank: null, range: range ? range(p) : null };
    });
    function byId(a, b) { return a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0; }
    var eligible = rows.filter(function (r) { return !r.p.excluded; });
    eligible.sort(function (a, b) {
      if (Math.abs(a.score - b.score) <= TIE) return byId(a, b);
      return b.score - a.score;
    });
    var start = 0;
    for (var k = 0; k < eligible.length; k++) {
      if (Math.abs(eligible[start].score - eligible[k].score) > TIE) start = k;
      eligible[k].rank = start + 1;
    }
    var excluded = rows.filter(function (r) { return r.p.excluded; }).sort(byId);
    return eligible.concat(excluded);
  }

  function pct(x) { return (x * 100).toFixed(1); }
  // "A", "A and B", "A, B and C".
  function andList(names) {
    return names.length < 2 ? names.join("") : names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  }

  var SVG = "http://www.w3.org/2000/svg";
  function el(name, attrs, text) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function titled(e, text) { e.appendChild(el("title", {}, text)); return e; }

  // The radar: the platforms the reader ticked, else the top five of the current ranking.
  var picked = null;
  function radarPoint(j, v) {
    var a = 2 * Math.PI * j / n;
    return [data.radar.cx + data.radar.r * v * Math.sin(a), data.radar.cy - data.radar.r * v * Math.cos(a)];
  }
  function drawRadar(result) {
    var series = document.querySelector("svg.radar g.series");
    var legend = document.querySelector("svg.radar g.legend");
    if (!series || !legend) return;
    var ranked = result.filter(function (r) { return r.rank !== null; });
    var shown = picked === null
      ? ranked.slice(0, data.palette.length)
      : ranked.filter(function (r) { return picked.indexOf(r.p.id) >= 0; });
    while (series.firstChild) series.removeChild(series.firstChild);
    while (legend.firstChild) legend.removeChild(legend.firstChild);
    for (var i = shown.length - 1; i >= 0; i--) {
      var r = shown[i], c = data.palette[i];
      var pts = r.p.scores.map(function (v, j) { var q = radarPoint(j, v); return q[0].toFixed(1) + "," + q[1].toFixed(1); });
      var values = reqs.map(function (q, j) { return q.id + " " + pct(r.p.scores[j]); }).join(", ");
      series.appendChild(titled(el("polygon", {
        "class": "platform", "data-platform": r.p.id, points: pts.join(" "), fill: c, "fill-opacity": 0.06,
        stroke: c, "stroke-width": 2, "stroke-linejoin": "round"
      }), r.p.name + " (rank " + r.rank + ", score " + pct(r.score) + "): " + values));
      r.p.scores.forEach(function (v, j) {
        var q = radarPoint(j, v);
        series.appendChild(titled(el("circle", {
          "class": "vertex", cx: q[0].toFixed(1), cy: q[1].toFixed(1), r: 3.5, fill: c, stroke: "#ffffff", "stroke-width": 1
        }), r.p.name + " — " + reqs[j].id + ": " + pct(v)));
      });
    }
    var top = data.radar.cy - (shown.length * 40) / 2;
    shown.forEach(function (r, i) {
      var y = top + i * 40, c = data.palette[i], g = el("g", { "class": "legend-item" });
      g.appendChild(el("rect", { x: data.radar.legend_x, y: y + 2, width: 16, height: 16, rx: 3, fill: c, "fill-opacity": 0.25, stroke: c, "stroke-width": 2 }));
      g.appendChild(el("text", { "class": "legend-name", x: data.radar.legend_x + 26, y: y + 14 }, r.p.name));
      g.appendChild(el("text", { "class": "legend-meta", x: data.radar.legend_x + 26, y: y + 30 }, "rank " + r.rank + " · score " + pct(r.score)));
      legend.appendChild(g);
    });
    var boxes = document.querySelectorAll("#pe-picker input");
    // Nothing ticked: the top five. Ticked: those, up to the palette's five.
    Array.prototype.forEach.call(boxes, function (b) {
      b.checked = picked !== null && picked.indexOf(b.value) >= 0;
      b.disabled = !b.checked && picked !== null && picked.length >= data.palette.length;
    });
  }

  // The bar chart: bars move to their new place, lengths and values follow; the whiskers of
  // the first drawing are hidden once the weights change (the table's range column is exact).
  function drawBars(result) {
    var groups = {};
    Array.prototype.forEach.call(document.querySelectorAll("svg.bars g.bar"), function (g) {
      groups[g.getAttribute("data-platform")] = g;
      if (!g.hasAttribute("data-row")) g.setAttribute("data-row", String(Object.keys(groups).length - 1));
    });
    var ranked = result.filter(function (r) { return r.rank !== null; });
    ranked.forEach(function (r, i) {
      var g = groups[r.p.id];
      if (!g) return;
      var row = parseInt(g.getAttribute("data-row"), 10);
      g.setAttribute("transform", "translate(0," + ((i - row) * data.bars.row) + ")");
      var rect = g.querySelector("rect");
      var width = data.bars.span * Math.max(0, Math.min(1, r.score));
      rect.setAttribute("width", width.toFixed(1));
      rect.setAttribute("fill", i < data.palette.length ? data.palette[i] : data.bars.neutral);
      var value = g.querySelector(".bar-value");
      value.textContent = pct(r.score);
      // While the whiskers show (the first drawing), the label stays past the whisker's end,
      // where the page put it; once they hide, it follows its bar.
      if (changed) value.setAttribute("x", (data.bars.x0 + width + 8).toFixed(1));
      g.querySelector(".bar-rank").textContent = String(r.rank);
      g.querySelector(".bar-label").setAttribute("font-weight", i === 0 ? "700" : "400");
      var whisker = g.querySelector(".range");
      if (whisker) whisker.style.display = changed ? "none" : "";
    });
  }
  var changed = false;

  var sliders = [], numbers = [];
  for (var j = 0; j < n; j++) {
    sliders.push(document.getElementById("pe-w-" + reqs[j].id));
    numbers.push(document.getElementById("pe-n-" + reqs[j].id));
  }
  var methodSel = document.getElementById("pe-method");
  var reset = document.getElementById("pe-reset");
  var tbody = document.querySelector("table.ranking tbody");
  var winner = document.querySelector("#recommendation .winner");
  var reason = document.querySelector("#recommendation .reason");
  var command = document.getElementById("pe-command");
  var copy = document.getElementById("pe-copy");
  // The page's own sentence (the CLI's) stands until the weights or the method change.
  var original = reason ? reason.textContent : "";

  // "strongest in resilience (100.0) and observability (98.0)", as the CLI chooses them:
  // requirements where no ranked platform beats it first, then the heavier weight, then the
  // higher score.
  function strongest(first, ranked, w) {
    var s = first.p.scores;
    function leads(j) {
      return ranked.every(function (r) { return r.p.scores[j] <= s[j] + data.tie; }) ? 1 : 0;
    }
    var idx = [];
    for (var j = 0; j < n; j++) if (w[j] > 0) idx.push(j);
    idx.sort(function (a, b) {
      return (leads(b) - leads(a)) || (w[b] - w[a]) || (s[b] - s[a]) || (a - b);
    });
    return idx.slice(0, 2).map(function (j) { return reqs[j].id + " (" + pct(s[j]) + ")"; });
  }

  // "trails B on observability (94.0 vs 98.0)": the widest gap to a platform ranked second.
  function trails(first, group, w) {
    var best = null;
    group.forEach(function (r) {
      for (var j = 0; j < n; j++) {
        var gap = r.p.scores[j] - first.p.scores[j];
        if (w[j] > 0 && gap > data.tie && (!best || gap > best.gap)) best = { r: r, j: j, gap: gap };
      }
    });
    return best
      ? "trails " + best.r.p.name + " on " + reqs[best.j].id + " (" + pct(first.p.scores[best.j]) + " vs " + pct(best.r.p.scores[best.j]) + ")"
      : null;
  }

  function weights() {
    return numbers.map(function (el) {
      var v = parseFloat(el.value);
      return isFinite(v) && v > 0 ? v : 0;
    });
  }

  function toml(w) {
    var lines = ["[weights]"];
    for (var j = 0; j < n; j++) lines.push(reqs[j].id + " = " + w[j]);
    return lines.join("\n") + "\n";
  }

  function update() {
    var raw = weights();
    var method = methodSel.value;
    var result = evaluate(raw, method);
    var rowsById = {};
    Array.prototype.forEach.call(tbody.rows, function (tr) { rowsById[tr.getAttribute("data-platform")] = tr; });
    result.forEach(function (r, i) {
      var tr = rowsById[r.p.id];
      if (!tr) return;
      tr.cells[0].textContent = r.rank === null ? "–" : String(r.rank);
      tr.querySelector(".score").textContent = pct(r.score);
      // A range that prints as one number is that number.
      var lo = r.range ? pct(r.range[0]) : null, hi = r.range ? pct(r.range[1]) : null;
      tr.cells[3].textContent = r.range ? (lo === hi ? lo : lo + "–" + hi) : "n/a";
      tr.setAttribute("data-score", String(r.score));
      tr.setAttribute("data-rank", r.rank === null ? "" : String(r.rank));
      tr.classList.toggle("recommended", i === 0 && r.rank !== null);
      tbody.appendChild(tr);
    });
    var heat = document.querySelector("table.heatmap tbody");
    if (heat) {
      var heatRows = {};
      Array.prototype.forEach.call(heat.rows, function (tr) { heatRows[tr.getAttribute("data-platform")] = tr; });
      result.forEach(function (r) { if (heatRows[r.p.id]) heat.appendChild(heatRows[r.p.id]); });
    }
    drawRadar(result);
    drawBars(result);
    var normal = normalise(raw);
    Array.prototype.forEach.call(document.querySelectorAll("svg.radar .axis-weight"), function (t, j) {
      if (j < n) t.textContent = "weight " + (normal[j] * 100).toFixed(1).replace(/\.0$/, "") + " %";
    });
    var first = result[0];
    if (first && first.rank !== null && winner && reason) {
      var link = winner.querySelector("a");
      if (link) {
        link.textContent = first.p.name;
        link.setAttribute("href", "#" + first.p.anchor);
      }
      var pill = winner.querySelector(".pill");
      if (pill) pill.textContent = pct(first.score);
      var second = result[1] && result[1].rank !== null ? result[1] : null;
      var sentence = first.p.name + " ranks first with " + pct(first.score);
      var ranked = result.filter(function (r) { return r.rank !== null; });
      var wn = normalise(raw);
      if (second) {
        // Every platform sharing second place is named, as the CLI's sentence does.
        var others = result.filter(function (r) { return r !== first && r.rank === second.rank; });
        var group = others.map(function (r) { return r.p.name; });
        sentence += second.rank === 1
          ? ", tied with " + andList(group)
          : ", " + ((first.score - second.score) * 100).toFixed(1) + " points ahead of " + andList(group)
            + (group.length > 1 ? ", tied second" : "");
        sentence += "; strongest in " + strongest(first, ranked, wn).join(" and ");
        var behind = trails(first, others, wn);
        if (behind) sentence += "; " + behind;
      } else {
        sentence += "; strongest in " + strongest(first, ranked, wn).join(" and ");
      }
      reason.textContent = changed
        ? sentence + " (method " + method + ", the weights set above)."
        : original;
    }
    var w = normalise(raw);
    var flags = ["platform-eval evaluate" + (data.invocation || "") + " --method " + method];
    for (var j = 0; j < n; j++) flags.push("--weight " + reqs[j].id + "=" + w[j]);
    if (command) command.textContent = flags.join(" ");
    controls.setAttribute("data-method", method);
  }

  function link(j) {
    sliders[j].addEventListener("input", function () { numbers[j].value = sliders[j].value; changed = true; update(); });
    numbers[j].addEventListener("input", function () {
      var v = parseFloat(numbers[j].value);
      if (isFinite(v)) sliders[j].value = String(Math.min(100, Math.max(0, v)));
      changed = true;
      update();
    });
  }
  var picker = document.getElementById("pe-picker");
  if (picker) {
    data.platforms.filter(function (p) { return !p.excluded; }).forEach(function (p) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = p.id;
      box.addEventListener("change", function () {
        var now = Array.prototype.filter.call(picker.querySelectorAll("input"), function (b) { return b.checked; })
          .map(function (b) { return b.value; });
        picked = now.length ? now : null;
        update();
      });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + p.name));
      picker.appendChild(label);
    });
    picker.hidden = false;
  }
  for (var k = 0; k < n; k++) link(k);
  methodSel.addEventListener("change", function () { changed = true; update(); });
  reset.addEventListener("click", function () {
    for (var j = 0; j < n; j++) {
      sliders[j].value = String(data.weights[j] * 100);
      numbers[j].value = String(data.weights[j] * 100);
    }
    methodSel.value = data.method;
    picked = null;
    changed = false;
    update();
  });
  if (copy) {
    copy.addEventListener("click", function () {
      var text = toml(normalise(weights()));
      if (navigator.clipboard) navigator.clipboard.writeText(text);
      copy.setAttribute("data-copied", text);
    });
  }
  controls.hidden = false;
  update();
})();
