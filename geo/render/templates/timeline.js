/* The timeline: a time axis of real days from the first report to the last. Any day can be
   shown; the map shows the positions of the last change date on or before it ("as of"), with
   that date's citing text. One GeoJSON layer is restyled per change date; styles and tooltips
   come pre-built (and escaped) from Python. The day is kept in the URL fragment (#YYYY-MM-DD),
   so a link opens any day; a day outside the reports says so. Without Leaflet (blocked, or an
   old browser) the date's PNG stands in for the map. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("geo-timeline-data").textContent);
  var layer = window.L ? window[data.layer] : null;
  var slider = document.getElementById("geo-slider");
  var output = document.getElementById("geo-slider-date");
  var heading = document.getElementById("geo-date");
  var note = document.getElementById("geo-note");
  var play = document.getElementById("geo-play");
  var speed = document.getElementById("geo-speed");
  var fallback = document.getElementById("geo-fallback");
  var days = document.querySelectorAll(".geo-day");
  var marks = document.querySelectorAll(".geo-mark");
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var DAY = 86400000;
  var start = Date.parse(data.dates[0] + "T00:00:00Z");
  var last = data.dates.length - 1;
  var total = Math.round((Date.parse(data.dates[last] + "T00:00:00Z") - start) / DAY);
  var column = {};
  data.places.forEach(function (id, i) { column[id] = i; });
  var frame = -1, offset = -1, timer = null;

  function iso(dayOffset) { return new Date(start + dayOffset * DAY).toISOString().slice(0, 10); }
  function label(isoDay) {
    var d = new Date(isoDay + "T00:00:00Z");
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }
  function frameOf(isoDay) {  // the last change date on or before the day
    var found = 0;
    for (var i = 0; i <= last; i++) { if (data.dates[i] <= isoDay) { found = i; } }
    return found;
  }

  function draw(index) {
    if (index === frame) { return; }
    frame = index;
    if (layer) {
      var styles = data.frames[index], tips = data.tipFrames[index];
      layer.eachLayer(function (path) {
        var i = column[path.feature.properties.id];
        if (i === undefined) { return; }
        path.feature.properties.tooltip = data.tips[tips[i]];
        path.setStyle(data.styles[styles[i]]);
        if (data.front[styles[i]]) { path.bringToFront(); }
      });
    } else if (fallback && data.png) {
      fallback.src = "png/" + data.dates[index] + ".png";
    }
    for (var d = 0; d < days.length; d++) { days[d].hidden = d !== index; }
    for (var m = 0; m < marks.length; m++) {
      marks[m].classList.toggle("geo-mark-current", marks[m].getAttribute("data-date") === data.dates[index]);
    }
  }

  /* Show day `dayOffset` of the axis; `asked` is the day a link named, when outside the axis. */
  function show(dayOffset, asked) {
    dayOffset = Math.max(0, Math.min(total, dayOffset));
    var day = iso(dayOffset);
    draw(frameOf(day));
    offset = dayOffset;
    var text = "As of " + label(day);
    slider.value = String(dayOffset);
    slider.setAttribute("aria-valuetext", text);
    output.textContent = text;
    heading.textContent = text;
    if (asked && asked < data.dates[0]) {
      note.textContent = label(asked) + " is before the first report (" + label(data.dates[0]) +
        "): showing the map as that report left it.";
    } else if (asked && asked > data.dates[last]) {
      note.textContent = label(asked) + " is after the last report (" + label(data.dates[last]) +
        "): the map shows the positions as last reported.";
    } else if (data.dates.indexOf(day) < 0) {
      note.textContent = "No report on " + label(day) + ": positions as of " + label(data.dates[frame]) + ".";
    } else {
      note.textContent = "";
    }
    var hash = "#" + (asked || day);
    if (location.hash !== hash) {
      try { history.replaceState(null, "", hash); } catch (e) { /* a sandboxed frame: the hash stays */ }
    }
  }

  function fromHash() {
    var wanted = location.hash.slice(1);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(wanted) || isNaN(Date.parse(wanted + "T00:00:00Z"))) { show(0); return; }
    var at = Math.round((Date.parse(wanted + "T00:00:00Z") - start) / DAY);
    show(at, at < 0 || at > total ? wanted : undefined);
  }

  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    play.textContent = "Play";
    play.setAttribute("aria-pressed", "false");
  }
  function run() {
    if (timer !== null) { clearInterval(timer); }
    timer = setInterval(function () {
      if (offset >= total) { stop(); } else { show(offset + 1); }
    }, data.dayMs / Number(speed.value || 1));
  }

  play.addEventListener("click", function () {
    if (timer !== null) { stop(); return; }
    if (offset >= total) { show(0); }
    play.textContent = "Pause";
    play.setAttribute("aria-pressed", "true");
    run();
  });
  speed.addEventListener("change", function () { if (timer !== null) { run(); } });
  slider.addEventListener("input", function () { stop(); show(Number(slider.value)); });
  function jump(by) {  // to the previous or next change date
    stop();
    var day = iso(offset), target = by < 0 ? frameOf(day) - (data.dates[frameOf(day)] === day ? 1 : 0) : -1;
    if (by > 0) { for (var i = 0; i <= last; i++) { if (data.dates[i] > day) { target = i; break; } } }
    if (target < 0 || target > last) { return; }
    show(Math.round((Date.parse(data.dates[target] + "T00:00:00Z") - start) / DAY));
  }
  document.getElementById("geo-prev").addEventListener("click", function () { jump(-1); });
  document.getElementById("geo-next").addEventListener("click", function () { jump(1); });
  window.addEventListener("hashchange", function () { if (location.hash.slice(1) !== iso(offset)) { fromHash(); } });
  fromHash();
})();
