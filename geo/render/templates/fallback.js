/* The app's map frame where Leaflet cannot load (blocked, or an unreachable CDN): the date's image
   instead of an empty box, as on the published pages (the same markup, macro map_fallback).
   streamlit-folium loads this script first, before Leaflet, and shows nothing of the map when
   Leaflet fails; so this script, on the failure, puts the line of map_fallback in the map's box,
   asks the app for the image once (a component value), and from then on shows the image each
   render brings in its html (the date's PNG, rendered by the app). With Leaflet drawn it does nothing. */
(function (config) {
  "use strict";
  var lib = window.Streamlit;
  if (!lib || window.geoFallbackBoot) { return; }
  window.geoFallbackBoot = true;
  var broken = false, latest = "";

  function show(html) {
    var box = document.getElementById("map_div");
    if (!box) { return; }
    var parsed = new DOMParser().parseFromString(html || config.note, "text/html");
    var found = parsed.querySelector(".geo-fallback, .geo-fallback-note") ||
      new DOMParser().parseFromString(config.note, "text/html").querySelector(".geo-fallback-note");
    box.classList.add("geo-map");
    box.replaceChildren(document.importNode(found, true));
    lib.setFrameHeight(parseInt(box.style.height, 10) || config.height);
  }

  function failed() {
    if (broken || window.L) { return; }
    broken = true;
    var style = document.createElement("style");
    style.textContent = config.css;
    document.head.appendChild(style);
    show(latest);
    lib.setComponentValue({geo_fallback: true});
  }

  window.addEventListener("error", function (event) {
    var target = event.target;
    if (target && target.tagName === "SCRIPT") { setTimeout(failed, 0); }
  }, true);
  lib.events.addEventListener(lib.RENDER_EVENT, function (event) {
    latest = (event.detail && event.detail.args && event.detail.args.html) || "";
    if (broken) { show(latest); }
  });
})(CONFIG);
