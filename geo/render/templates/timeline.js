/* The timeline: one GeoJSON layer restyled per date, the citing text shown for that date,
   the date kept in the URL fragment (#YYYY-MM-DD) so a link opens that day.
   Styles and tooltips come pre-built (and escaped) from Python; this script only picks them. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("geo-timeline-data").textContent);
  var layer = window[data.layer];
  var slider = document.getElementById("geo-slider");
  var output = document.getElementById("geo-slider-date");
  var heading = document.getElementById("geo-date");
  var play = document.getElementById("geo-play");
  var days = document.querySelectorAll(".geo-day");
  var column = {};
  data.places.forEach(function (id, i) { column[id] = i; });
  var current = -1;
  var timer = null;

  function show(index) {
    index = Math.max(0, Math.min(data.dates.length - 1, index));
    if (index === current) { return; }
    current = index;
    var styles = data.frames[index];
    var tips = data.tipFrames[index];
    layer.eachLayer(function (path) {
      var i = column[path.feature.properties.id];
      if (i === undefined) { return; }
      path.feature.properties.tooltip = data.tips[tips[i]];
      path.setStyle(data.styles[styles[i]]);
      if (data.front[styles[i]]) { path.bringToFront(); }
    });
    slider.value = String(index);
    slider.setAttribute("aria-valuetext", data.labels[index]);
    output.textContent = data.labels[index];
    heading.textContent = data.labels[index];
    for (var d = 0; d < days.length; d++) { days[d].hidden = d !== index; }
    var hash = "#" + data.dates[index];
    if (location.hash !== hash) {
      try { history.replaceState(null, "", hash); } catch (e) { location.hash = hash; }
    }
  }

  function fromHash() {
    var wanted = location.hash.slice(1);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(wanted)) { return 0; }
    var found = 0;  // the last date on or before the one asked for
    for (var i = 0; i < data.dates.length; i++) { if (data.dates[i] <= wanted) { found = i; } }
    return found;
  }

  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    play.textContent = "Play";
    play.setAttribute("aria-pressed", "false");
  }

  play.addEventListener("click", function () {
    if (timer !== null) { stop(); return; }
    if (current >= data.dates.length - 1) { show(0); }
    play.textContent = "Pause";
    play.setAttribute("aria-pressed", "true");
    timer = setInterval(function () {
      if (current >= data.dates.length - 1) { stop(); } else { show(current + 1); }
    }, data.stepMs);
  });
  slider.addEventListener("input", function () { stop(); show(Number(slider.value)); });
  document.getElementById("geo-prev").addEventListener("click", function () { stop(); show(current - 1); });
  document.getElementById("geo-next").addEventListener("click", function () { stop(); show(current + 1); });
  window.addEventListener("hashchange", function () { show(fromHash()); });
  show(fromHash());
})();
