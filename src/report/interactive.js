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
    var rows = data.platforms.map(function (p) { return { p: p, score: score(p), rank: null }; });
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
      tr.setAttribute("data-score", String(r.score));
      tr.setAttribute("data-rank", r.rank === null ? "" : String(r.rank));
      tr.classList.toggle("recommended", i === 0 && r.rank !== null);
      tbody.appendChild(tr);
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
      if (second) {
        sentence += second.rank === 1
          ? ", tied with " + second.p.name
          : ", " + ((first.score - second.score) * 100).toFixed(1) + " points ahead of " + second.p.name;
      }
      reason.textContent = sentence + " (method " + method + ", the weights set above).";
    }
    var w = normalise(raw);
    var flags = ["platform-eval evaluate --method " + method];
    for (var j = 0; j < n; j++) flags.push("--weight " + reqs[j].id + "=" + w[j]);
    if (command) command.textContent = flags.join(" ");
    controls.setAttribute("data-method", method);
  }

  function link(j) {
    sliders[j].addEventListener("input", function () { numbers[j].value = sliders[j].value; update(); });
    numbers[j].addEventListener("input", function () {
      var v = parseFloat(numbers[j].value);
      if (isFinite(v)) sliders[j].value = String(Math.min(100, Math.max(0, v)));
      update();
    });
  }
  for (var k = 0; k < n; k++) link(k);
  methodSel.addEventListener("change", update);
  reset.addEventListener("click", function () {
    for (var j = 0; j < n; j++) {
      sliders[j].value = String(data.weights[j] * 100);
      numbers[j].value = String(data.weights[j] * 100);
    }
    methodSel.value = data.method;
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
