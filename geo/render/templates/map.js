/* The map's behaviour on every surface (the app's frame, the snapshots, the timeline), run inside
   folium's script with `map` (the Leaflet map) and `config` (from geo.render.maps.build_map).
   - basemap: the configured tile layer; when no tile loads (or none is set) a plain background
     and a one-line note; the city outline, regions and river from the gazetteer stay drawn;
   - names: the largest places are labelled, as many as fit without two labels touching,
     recomputed on every zoom and move; every name is in its place's tooltip;
   - the selected place (properties.selected) is brought forward and the map moves to it;
   - the wheel scrolls the page until the map has focus (a click or Tab gives it focus). */
"use strict";
var container = map.getContainer();
var frame = container.closest ? container.closest(".geo-map") : null;
if (frame) { frame.classList.add("geo-drawn"); }
container.classList.add("geo-leaflet");

var note = L.DomUtil.create("div", "geo-map-note", container);
note.hidden = true;
function say(text) { note.textContent = text || ""; note.hidden = !text; }

if (config.tiles) {
  var loaded = 0;
  var tiles = L.tileLayer(config.tiles.url, {attribution: config.tiles.attribution, maxZoom: config.tiles.maxZoom});
  tiles.on("tileerror", function () {
    if (!loaded) { container.classList.add("geo-no-tiles"); say(config.notes.unreachable); }
  });
  tiles.on("tileload", function () { loaded += 1; container.classList.remove("geo-no-tiles"); say(""); });
  tiles.addTo(map);
} else {
  container.classList.add("geo-no-tiles");
  say(config.notes.none);
}

if (config.context && config.context.features.length) {
  map.createPane("geoContext").style.zIndex = 450;
  map.getPane("geoContext").style.pointerEvents = "none";
  L.geoJSON(config.context, {pane: "geoContext", interactive: false, style: function (feature) {
    var kind = feature.properties.kind;
    if (kind === "river") { return {color: "#3d85c6", weight: 3, opacity: 0.9, fillColor: "#9fc5e8", fillOpacity: 0.8}; }
    if (kind === "region") { return {color: "#555", weight: 1.2, opacity: 0.8, dashArray: "5 4", fill: false}; }
    return {color: "#444", weight: 1.8, opacity: 0.9, fill: false};
  }}).addTo(map);
}

/* -- names ------------------------------------------------------------------------------------ */
map.createPane("geoLabels").style.zIndex = 640;
map.getPane("geoLabels").style.pointerEvents = "none";
var labels = L.layerGroup().addTo(map);
var measure = document.createElement("canvas").getContext("2d");
var narrow = map.getSize().x < 560;  // phones and narrow frames write smaller names (page.css agrees)
if (narrow) { container.classList.add("geo-narrow"); }
measure.font = "600 " + (narrow ? 10 : 11) + "px system-ui, -apple-system, 'Segoe UI', sans-serif";
var MIN_AREA = 120;  // square pixels: a place smaller than this on screen gets no label
var pending = null;

function places() {
  var found = {}, list = [];
  map.eachLayer(function (layer) {
    var p = layer.feature && layer.feature.properties;
    if (p && p.label && layer.getBounds && !found[p.id]) { found[p.id] = true; list.push(layer); }
  });
  return list;
}

function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }

function relabel() {
  pending = null;
  labels.clearLayers();
  var size = map.getSize(), taken = [];
  var keyBox = container.querySelector(".geo-key");
  if (keyBox && keyBox.offsetWidth) {  // never write a name under the key
    var outer = container.getBoundingClientRect(), inner = keyBox.getBoundingClientRect();
    taken.push([inner.left - outer.left, inner.top - outer.top, inner.right - outer.left, inner.bottom - outer.top]);
  }
  var items = places().map(function (layer) {
    var b = layer.getBounds();
    var nw = map.latLngToContainerPoint(b.getNorthWest()), se = map.latLngToContainerPoint(b.getSouthEast());
    return {layer: layer, area: (se.x - nw.x) * (se.y - nw.y), selected: layer.feature.properties.selected};
  });
  items.sort(function (a, b) { return (b.selected - a.selected) || (b.area - a.area); });
  items.forEach(function (item) {
    var p = item.layer.feature.properties;
    if (item.area < MIN_AREA && !item.selected) { return; }
    var at = map.latLngToContainerPoint(p.label);
    var w = Math.ceil(measure.measureText(p.name).width) + 4, h = narrow ? 13 : 15;
    var box = [at.x - w / 2, at.y - h / 2, at.x + w / 2, at.y + h / 2];
    if (box[0] < 0 || box[1] < 0 || box[2] > size.x || box[3] > size.y) { return; }
    for (var i = 0; i < taken.length; i++) { if (overlaps(box, taken[i])) { return; } }
    taken.push(box);
    var text = document.createElement("span");
    text.textContent = p.name;
    L.marker(p.label, {
      icon: L.divIcon({className: "geo-label" + (p.selected ? " geo-label-selected" : ""), html: text, iconSize: [w, h]}),
      pane: "geoLabels", interactive: false, keyboard: false
    }).addTo(labels);
  });
}
function schedule() { if (pending === null) { pending = setTimeout(relabel, 40); } }

/* -- the selected place ----------------------------------------------------------------------- */
var shownSelection = null, clicked = null;  // a place chosen by a click on the map is in view already
function select() {
  var chosen = null;
  map.eachLayer(function (layer) {
    var p = layer.feature && layer.feature.properties;
    if (p && p.selected && layer.getBounds) { chosen = layer; }
  });
  var id = chosen ? chosen.feature.properties.id : null;
  if (chosen) { chosen.bringToFront(); }
  if (id && id !== shownSelection && id !== clicked) {
    map.flyToBounds(chosen.getBounds(), {maxZoom: 13.5, padding: [80, 80], duration: 0.5});
  }
  shownSelection = id;
}

map.on("zoomend moveend resize", schedule);
map.on("layeradd", function (event) {
  var p = event.layer.feature && event.layer.feature.properties;
  if (p && p.id) { event.layer.on("click", function () { clicked = p.id; }); }
  if (event.layer.feature || event.layer.getLayers) { schedule(); setTimeout(select, 0); }
});

/* -- the wheel -------------------------------------------------------------------------------- */
container.addEventListener("focus", function () { map.scrollWheelZoom.enable(); });
container.addEventListener("blur", function () { map.scrollWheelZoom.disable(); });

schedule();
setTimeout(select, 0);
window.geoMap = map;
