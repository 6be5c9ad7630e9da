// A MapLibre style spec v8 document for the Badung tiles with the colours
// of the app's layer styles (web/render/style.cpp), so both renderers draw
// the same map in the benchmark.

const sea = '#A9CFE0';
const palette = ['#F6C28B', '#A8D5A2', '#F4A6B7', '#E6D3A3', '#D9C3F0', '#F9E29C', '#D4E09B', '#E8B9A0'];
const categoryColours = {
  pendidikan: '#2F5BD3',
  kesehatan: '#D7263D',
  ibadah: '#8E3CB8',
  pantai: '#E8A317',
  transportasi: '#1E9E5A',
};
const layerCategories = {
  sekolah: 'pendidikan', faskes: 'kesehatan', ibadah: 'ibadah', pantai: 'pantai', halte: 'transportasi',
};

// Point symbols are 75 % size up to zoom 10 and full size from zoom 13.
const symbolScale = (radius) => ['interpolate', ['linear'], ['zoom'], 10, radius * 0.75, 13, radius];

function line(id, source, colour, width, opacity = 1) {
  return {
    id, type: 'line', source: 'badung', 'source-layer': source,
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': colour, 'line-width': width, 'line-opacity': opacity },
  };
}

function fill(id, source, colour, opacity = 1) {
  return { id, type: 'fill', source: 'badung', 'source-layer': source, paint: { 'fill-color': colour, 'fill-opacity': opacity } };
}

function knownLayers(id, areaIds) {
  switch (id) {
    case 'bali': return [-1, [fill('bali', id, '#F4F1E8'), line('bali-line', id, '#C9C2B0', 0.8)]];
    case 'daratan': return [0, [fill('daratan', id, '#F4F1E8')]];
    case 'perairan':
    case 'air': return [1, [fill(id, id, sea)]];
    case 'kabupaten': return [2, [line('kabupaten', id, '#4B2E83', 3.5)]];
    case 'kecamatan': {
      // As the app: the number the "id" property ends with picks the colour.
      const colour = areaIds.length === 0 ? palette[0] : ['match', ['get', 'id'],
        ...areaIds.flatMap((id) => [id, palette[Number(/(\d+)$/.exec(id)?.[1] ?? 0) % 8]]), palette[0]];
      return [3, [fill('kecamatan', id, colour, 0.55), line('kecamatan-line', id, '#6A4C93', 1.6)]];
    }
    case 'desa': return [4, [line('desa', id, '#8C7AA8', 0.7, 0.8)]];
    case 'garis-pantai': return [6, [line('garis-pantai', id, '#5E9CB8', 1.0)]];
    case 'jalan': return [7, [line('jalan-casing', id, '#B89A5A', 3.0), line('jalan', id, '#FFF4C9', 1.6)]];
    case 'rute-bus': return [8, [line('rute-bus', id, '#D55E00', 2.5, 0.85)]];
    default: return null;
  }
}

function fallbackLayers(entry) {
  const type = String(entry.geometry_type || '');
  if (type.endsWith('Polygon')) {
    return [2, [fill(entry.id, entry.id, '#C8D7B4', 0.6), line(`${entry.id}-line`, entry.id, '#7D8C6A', 0.8)]];
  }
  if (type.endsWith('LineString')) return [9, [line(entry.id, entry.id, '#6D6D6D', 1.2)]];
  const category = categoryColours[entry.category] ? entry.category : layerCategories[entry.id];
  const colour = entry.id === 'faskes-osm' ? '#CC79A7' : (categoryColours[category] || '#555555');
  return [10, [{
    id: entry.id, type: 'circle', source: 'badung', 'source-layer': entry.id,
    paint: {
      'circle-color': colour, 'circle-radius': symbolScale(3.3),
      'circle-stroke-color': '#FFFFFF', 'circle-stroke-width': 1.2,
    },
  }]];
}

// The style for the catalog's layers; tilesUrl is the absolute TileJSON URL
// and areaIds the "id" properties of the kecamatan.
export function benchStyle(catalog, tilesUrl, areaIds) {
  const ranked = catalog.layers.map((entry, order) => {
    const [rank, layers] = knownLayers(entry.id, areaIds) || fallbackLayers(entry);
    return { rank, order, layers };
  });
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return {
    version: 8,
    name: 'Badung (benchmark)',
    sources: { badung: { type: 'vector', url: tilesUrl } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': sea } },
      ...ranked.flatMap((entry) => entry.layers),
    ],
  };
}
