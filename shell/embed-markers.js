// Partner markers of the embedded map: GeoJSON points drawn as buttons over
// the canvas, kept in place on every view change, selectable by click or
// keyboard.
(function () {
  'use strict';

  const maxMarkers = 1000;
  const colourPattern = /^#[0-9a-f]{6}$/i;

  // Checks one GeoJSON feature; returns its [lon, lat] or throws with the reason.
  function pointOf(feature) {
    if (!feature || typeof feature !== 'object' || feature.type !== 'Feature') {
      throw new Error('is not a GeoJSON Feature');
    }
    const geometry = feature.geometry;
    if (!geometry || geometry.type !== 'Point') {
      throw new Error(`has geometry type '${geometry && geometry.type}'; markers need Point`);
    }
    const position = geometry.coordinates;
    const valid = Array.isArray(position) && position.length >= 2 &&
      position.slice(0, 2).every((n) => typeof n === 'number' && Number.isFinite(n)) &&
      Math.abs(position[0]) <= 180 && Math.abs(position[1]) <= 90;
    if (!valid) {
      throw new Error(`has coordinates ${JSON.stringify(position)}; write [lon, lat] in degrees`);
    }
    return [position[0], position[1]];
  }

  // The features of a GeoJSON object; throws for anything but a Feature
  // or a FeatureCollection.
  function featuresOf(geojson) {
    if (geojson && geojson.type === 'FeatureCollection' && Array.isArray(geojson.features)) {
      return geojson.features;
    }
    if (geojson && geojson.type === 'Feature') return [geojson];
    throw new TypeError('addMarkers needs a GeoJSON FeatureCollection or Feature');
  }

  function create({ container, onSelect }) {
    const markers = [];
    let nextId = 1;

    function place(marker) {
      const point = window.badungMap.project(marker.position[0], marker.position[1]);
      marker.element.style.transform = `translate(${point.x}px, ${point.y}px)`;
    }

    function placeAll() {
      for (const marker of markers) place(marker);
    }

    function properties(marker) {
      return JSON.parse(JSON.stringify(marker.properties));
    }

    function add(geojson) {
      const features = featuresOf(geojson);
      const skipped = [];
      let added = 0;
      features.forEach((feature, index) => {
        if (markers.length >= maxMarkers) {
          skipped.push({ index, reason: `the map holds at most ${maxMarkers} markers; clear some first` });
          return;
        }
        try {
          const position = pointOf(feature);
          const props = feature.properties && typeof feature.properties === 'object' ? feature.properties : {};
          const id = typeof feature.id === 'string' || typeof feature.id === 'number' ? feature.id : `marker-${nextId++}`;
          const element = document.createElement('button');
          element.type = 'button';
          element.className = 'embed-marker';
          const title = props.title ?? props.name;
          if (title !== undefined) {
            element.title = String(title);
            element.setAttribute('aria-label', String(title));
          } else {
            element.setAttribute('aria-label', `marker ${id}`);
          }
          if (typeof props.color === 'string' && colourPattern.test(props.color)) {
            element.style.background = props.color;
          }
          const marker = { id, position, properties: props, element };
          element.addEventListener('click', () => onSelect({ layer: 'markers', id, properties: properties(marker) }));
          container.appendChild(element);
          markers.push(marker);
          place(marker);
          added += 1;
        } catch (error) {
          skipped.push({ index, reason: `feature ${index} ${error.message}` });
        }
      });
      return { added, skipped, total: markers.length };
    }

    function clear() {
      const removed = markers.length;
      for (const marker of markers) marker.element.remove();
      markers.length = 0;
      return { removed };
    }

    // {layer: 'markers', id, properties, position} or null.
    function find(id) {
      const marker = markers.find((item) => item.id === id || String(item.id) === String(id));
      return marker ? { layer: 'markers', id: marker.id, properties: properties(marker), position: marker.position } : null;
    }

    return { add, clear, find, placeAll };
  }

  window.badungEmbed = Object.assign(window.badungEmbed || {}, { markers: { create } });
}());
