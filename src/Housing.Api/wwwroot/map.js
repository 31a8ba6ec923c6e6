// Maps, drawn with Leaflet (vendored in lib/leaflet) from the page's own data: programs' public
// locations and region names, and on the search page the unsafe places' circles. Base tiles come
// only from the server the deployment chose (Console:MapTiles); without one the map has none,
// and nothing about where a case manager is looking leaves the service.
"use strict";

(() => {
  if (typeof L === "undefined") return;
  // Text, never HTML: program and region names come from people.
  const text = (value) => {
    const span = document.createElement("span");
    span.textContent = value;
    return span;
  };
  const escape = (value) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  document.querySelectorAll("[data-map]").forEach((element) => {
    const data = JSON.parse(document.getElementById(`${element.id}-data`).textContent);
    element.hidden = false;
    element.parentElement?.querySelectorAll(".map-hint").forEach((hint) => { hint.hidden = false; });
    const map = L.map(element, { attributionControl: Boolean(data.tiles) });
    if (data.tiles) L.tileLayer(data.tiles, { attribution: escape(data.attribution), maxZoom: 18 }).addTo(map);

    const bounds = [];
    data.programs.forEach((p) => {
      L.circleMarker([p.latitude, p.longitude], { radius: 4, weight: 1, color: "#1d4f7a", fillColor: "#2f6fa8", fillOpacity: 0.9 })
        .bindTooltip(text(p.name)).addTo(map);
      bounds.push([p.latitude, p.longitude]);
    });
    data.regions.forEach((r) => {
      // Above the middle of the region's programs, so the label does not cover their points.
      L.tooltip({ permanent: true, direction: "top", offset: [0, -10], className: "map-region", interactive: false })
        .setLatLng([r.latitude, r.longitude]).setContent(text(r.name)).addTo(map);
      bounds.push([r.latitude, r.longitude]);
    });
    if (bounds.length > 0) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
    else map.setView([34.05, -118.25], 9);

    // The search page: each unsafe place's circle, redrawn as its fields change.
    const places = [...document.querySelectorAll("fieldset.place")];
    if (places.length === 0) return;
    const circles = new Map();
    document.addEventListener("housing:place", (event) => {
      const { row, latitude, longitude, radiusKm } = event.detail;
      circles.get(row)?.remove();
      circles.delete(row);
      if (latitude == null || longitude == null || radiusKm == null) return;
      const circle = L.circle([latitude, longitude], { radius: radiusKm * 1000, color: "#a3192b", weight: 2, fillOpacity: 0.15 })
        .bindTooltip(text(places[row]?.dataset.label ?? "")).addTo(map);
      circles.set(row, circle);
      map.fitBounds(circle.getBounds().extend(map.getBounds()), { maxZoom: 13 });
    });

    // A click puts the place being edited (or the next empty one) there, as a latitude and longitude.
    let current = null;
    places.forEach((fieldset) => fieldset.addEventListener("focusin", () => { current = fieldset; }));
    const empty = (fieldset) => [...fieldset.querySelectorAll("input[name]")].every((i) => !i.value.trim());
    map.on("click", (event) => {
      const fieldset = current ?? places.find(empty) ?? places[0];
      const field = (suffix) => fieldset.querySelector(`input[name$='${suffix}']`);
      field(".Where").value = "";
      field(".Latitude").value = event.latlng.lat.toFixed(5);
      field(".Longitude").value = event.latlng.lng.toFixed(5);
      fieldset.dispatchEvent(new Event("input", { bubbles: true }));
    });
  });
})();
