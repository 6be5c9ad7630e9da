// The facility finder of the Badung city map: a search box with results as
// you type, category chips, a "Terdekat" (nearest) list, a feature card and
// "Saya di mana?" (where am I), all answered by the core in the wasm module.
// It also adds search(), nearest(), locate() and within() to window.badungMap.
//
// badung-map-api.js calls the function registered in window.badungMapPlugins
// once the module has started; the map's ready promise waits for the
// finder's layers.
(function () {
  'use strict';

  // Catalog categories of the base map: nothing in them is worth finding.
  const skippedCategories = new Set(['peta-dasar']);
  const areaLayers = ['desa', 'kecamatan', 'kabupaten'];
  const nearestCount = 20;
  const searchLimit = 20;
  // Maximum k or limit that badungMap.search and nearest accept.
  const maxCount = 1000;
  // Maximum length, in characters, of a query that a heading repeats in full.
  const headingQueryLength = 60;
  // Properties shown on the card, first present wins.
  const kindKeys = ['jenis_faskes', 'bentuk', 'religion', 'amenity', 'highway', 'natural', 'public_transport'];
  // Names of the kind values in the Badung data (OpenStreetMap tags and the
  // Kemenkes facility types), by language; other values show as they are.
  const kindNames = {
    PUSKESMAS: ['Puskesmas', 'Community health centre (puskesmas)'],
    'RUMAH SAKIT': ['Rumah sakit', 'Hospital'],
    pharmacy: ['Apotek', 'Pharmacy'],
    clinic: ['Klinik', 'Clinic'],
    hospital: ['Rumah sakit', 'Hospital'],
    doctors: ['Praktik dokter', "Doctor's practice"],
    dentist: ['Dokter gigi', 'Dentist'],
    place_of_worship: ['Tempat ibadah', 'Place of worship'],
    hindu: ['Hindu (pura)', 'Hindu (temple)'],
    muslim: ['Islam (masjid)', 'Muslim (mosque)'],
    christian: ['Kristen (gereja)', 'Christian (church)'],
    buddhist: ['Buddha (vihara)', 'Buddhist (temple)'],
    confucian: ['Khonghucu (klenteng)', 'Confucian (temple)'],
    spiritual: ['Kepercayaan', 'Spiritual'],
    beach: ['Pantai', 'Beach'],
    bus_stop: ['Halte bus', 'Bus stop'],
    bus_station: ['Terminal bus', 'Bus station'],
    platform: ['Halte', 'Stop'],
    // OpenStreetMap road classes (highway=*), as Indonesian road maps name them.
    motorway: ['Jalan tol', 'Motorway'],
    trunk: ['Jalan arteri utama', 'Trunk road'],
    primary: ['Jalan arteri', 'Primary road'],
    secondary: ['Jalan kolektor', 'Secondary road'],
    tertiary: ['Jalan lokal utama', 'Tertiary road'],
    unclassified: ['Jalan lokal', 'Minor road'],
    residential: ['Jalan permukiman', 'Residential street'],
    service: ['Jalan akses', 'Service road'],
    living_street: ['Jalan lingkungan', 'Living street'],
    pedestrian: ['Jalan pejalan kaki', 'Pedestrian street'],
    motorway_link: ['Jalan penghubung tol', 'Motorway link'],
    trunk_link: ['Jalan penghubung', 'Link road'],
    primary_link: ['Jalan penghubung', 'Link road'],
    secondary_link: ['Jalan penghubung', 'Link road'],
    tertiary_link: ['Jalan penghubung', 'Link road'],
  };
  const phoneKeys = ['phone', 'telepon', 'no_telp', 'contact:phone', 'telp'];
  const emailKeys = ['email', 'contact:email'];
  const websiteKeys = ['website', 'contact:website', 'url'];
  const addressKeys = ['address', 'alamat', 'alamat_jalan', 'alamat_faskes', 'addr:full'];

  function firstProperty(properties, keys) {
    for (const key of keys) {
      const value = properties[key];
      if (value !== undefined && value !== null && String(value).trim() !== '') return String(value);
    }
    return '';
  }

  function addressOf(properties) {
    const whole = firstProperty(properties, addressKeys);
    if (whole) return whole;
    return [properties['addr:street'], properties['addr:city']].filter(Boolean).join(', ');
  }

  // Web Mercator pixel coordinates at a zoom, for 512-pixel tiles as
  // badungMap's zoom levels are.
  function worldSize(zoom) {
    return 512 * 2 ** zoom;
  }

  function toPixels(lon, lat, zoom) {
    const sine = Math.sin((lat * Math.PI) / 180);
    const size = worldSize(zoom);
    return {
      x: ((lon + 180) / 360) * size,
      y: (0.5 - Math.log((1 + sine) / (1 - sine)) / (4 * Math.PI)) * size,
    };
  }

  function toLonLat(x, y, zoom) {
    const size = worldSize(zoom);
    return {
      lon: (x / size) * 360 - 180,
      lat: (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / size))) * 180) / Math.PI,
    };
  }

  // The point of the canvas to show a place at: the canvas centre, unless
  // the finder box covers it (on a phone, where the box spans the page),
  // then the middle of the map below the box.
  function visibleCentre(canvas, finderBox) {
    const centre = { x: canvas.width / 2, y: canvas.height / 2 };
    const box = {
      left: finderBox.left - canvas.left,
      right: finderBox.right - canvas.left,
      top: finderBox.top - canvas.top,
      bottom: finderBox.bottom - canvas.top,
    };
    const covered = centre.x >= box.left && centre.x <= box.right && centre.y >= box.top && centre.y <= box.bottom;
    if (!covered || box.bottom >= canvas.height) return centre;
    return { x: centre.x, y: (box.bottom + canvas.height) / 2 };
  }

  function element(tag, attributes = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'text') node.textContent = value;
      else if (name === 'className') node.className = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  function startFinder({ module, api, config, firstViewDrawn = Promise.resolve() }) {
    const state = {
      loaded: false,
      language: module.language(),
      strings: {},
      categories: [],
      placeKinds: new Map(), // place kind slug (hit.kind) to its name
      layerTitles: new Map(),
      layerCategories: new Map(),
      lineLayers: new Set(), // ids of the catalog's LineString and MultiLineString layers
      activeCategory: '',
      position: null, // {lon, lat} from geolocation, once the user asked for it
      listFromPosition: false, // whether the distances on screen are from the position
      statusKey: '', // string key of the position note on screen, '' for none
      mode: 'idle', // idle, search, nearest, where
      modeBeforeSearch: 'idle', // the mode typing replaced, shown again once the text is cleared
      where: null, // {point, fromPosition} of the "Saya di mana?" result on screen
      results: [],
      card: null,
      cardFromMap: false, // whether a click on the map opened the card
    };

    // ---- The core's answers ---------------------------------------------

    function requireLoaded() {
      if (!state.loaded) {
        throw new Error('the finder data is not loaded yet: await badungMap.ready first');
      }
    }

    // Formats a value for an error message: NaN and Infinity as numbers,
    // strings quoted.
    function shown(value) {
      if (typeof value === 'number') return String(value);
      return JSON.stringify(value) ?? String(value);
    }

    function finite(value, name) {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new TypeError(`${name} must be a finite number, got ${shown(value)}`);
      }
      return value;
    }

    // A longitude (bound 180) or latitude (bound 90) in degrees.
    function coordinate(value, name, bound) {
      finite(value, name);
      if (value < -bound || value > bound) {
        throw new RangeError(`${name} must be from -${bound} to ${bound} degrees, got ${value}`);
      }
      return value;
    }

    // The {lon, lat} an options object names, or the map centre when it
    // names neither.
    function originOption(options) {
      if (options.lon === undefined && options.lat === undefined) return api.getView();
      return { lon: coordinate(options.lon, 'lon', 180), lat: coordinate(options.lat, 'lat', 90) };
    }

    // A count option (k, limit): an integer from 1 to maxCount.
    function countOption(value, name, fallback) {
      if (value === undefined) return fallback;
      const rule = `${name} must be an integer from 1 to ${maxCount}, got ${shown(value)}`;
      if (typeof value !== 'number') throw new TypeError(rule);
      if (!Number.isInteger(value) || value < 1 || value > maxCount) throw new RangeError(rule);
      return value;
    }

    function categoryOption(value) {
      if (value === undefined) return '';
      if (typeof value !== 'string') {
        throw new TypeError(`category must be a string such as 'kesehatan', got ${shown(value)}`);
      }
      return value;
    }

    // Checks that options of method is undefined (no options) or a plain
    // object with only the allowed keys, so a misspelt key is not ignored.
    function checkedOptions(method, options, allowed) {
      if (options === undefined) return {};
      if (options === null || typeof options !== 'object' || Array.isArray(options)) {
        throw new TypeError(`${method} options must be an object {${allowed.join(', ')}}, got ${shown(options)}`);
      }
      const unknown = Object.keys(options).filter((key) => !allowed.includes(key));
      if (unknown.length > 0) {
        const names = unknown.map((key) => `'${key}'`).join(', ');
        throw new TypeError(`${method}: unknown option${unknown.length > 1 ? 's' : ''} ${names}; `
          + `the options are ${allowed.join(', ')}`);
      }
      return options;
    }

    function results(json) {
      const answer = JSON.parse(json);
      if (answer.error) throw new Error(answer.error);
      return answer.results;
    }

    function search(text, options) {
      requireLoaded();
      if (typeof text !== 'string') throw new TypeError(`search needs the search text as a string, got ${shown(text)}`);
      const checked = checkedOptions('search', options, ['lon', 'lat', 'limit', 'category']);
      const centre = originOption(checked);
      const limit = countOption(checked.limit, 'limit', searchLimit);
      return results(module.finderSearch(text, centre.lon, centre.lat, true, limit, categoryOption(checked.category)));
    }

    function nearest(options) {
      requireLoaded();
      const checked = checkedOptions('nearest', options, ['lon', 'lat', 'k', 'category', 'text']);
      const from = originOption(checked);
      const k = countOption(checked.k, 'k', 10);
      const text = checked.text === undefined ? '' : checked.text;
      if (typeof text !== 'string') throw new TypeError(`text must be a string, got ${shown(text)}`);
      return results(module.finderNearest(from.lon, from.lat, k, categoryOption(checked.category), text.trim()));
    }

    // [{kind, kind_name, hit}]: the facility nearest to lon, lat (default:
    // the map centre) of each place kind (puskesmas, rumah sakit, sekolah...).
    function nearestByKind(options) {
      requireLoaded();
      const checked = checkedOptions('nearestByKind', options, ['lon', 'lat', 'category']);
      const from = originOption(checked);
      return results(module.finderNearestKinds(from.lon, from.lat, categoryOption(checked.category), state.language));
    }

    function locate(lon, lat) {
      requireLoaded();
      return JSON.parse(module.finderLocate(coordinate(lon, 'lon', 180), coordinate(lat, 'lat', 90)));
    }

    // How far outside every desa "Saya di mana?" still names the nearest
    // one: the desa outlines are generalised, so a point on the beach can
    // fall just outside. Same as the server's default report_area_margin_m.
    const nearAreaMarginM = 200;

    function within(options) {
      requireLoaded();
      if (options === undefined) throw new TypeError('within needs {areaLayer, areaId, layer}');
      const { areaLayer, areaId, layer } = checkedOptions('within', options, ['areaLayer', 'areaId', 'layer']);
      for (const [name, value] of [['areaLayer', areaLayer], ['areaId', areaId], ['layer', layer]]) {
        if ((typeof value !== 'string' && typeof value !== 'number') || String(value) === '') {
          throw new TypeError(`within needs ${name}, got ${JSON.stringify(value)}`);
        }
      }
      return results(module.finderWithin(String(areaLayer), String(areaId), String(layer)));
    }

    Object.assign(api, { search, nearest, nearestByKind, locate, within });

    // ---- Text -------------------------------------------------------------

    // The string of key with {name} filled from values; a count n of 1
    // takes the singular string "<key>_one".
    function t(key, values = {}) {
      const singular = values.n === 1 ? state.strings[`${key}_one`] : undefined;
      const text = singular || state.strings[key] || key;
      return text.replace(/\{(\w)\}/g, (match, name) => (values[name] === undefined ? match : String(values[name])));
    }

    function formatDistance(metres) {
      const locale = state.language === 'en' ? 'en-GB' : 'id-ID';
      if (metres < 1000) {
        return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(metres)} m`;
      }
      return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(metres / 1000)} km`;
    }

    // The kind of a feature by its tags (pharmacy, SD, Hindu temple) in the
    // current language, or '' when the data has none.
    function tagKindOf(properties) {
      const value = firstProperty(properties, kindKeys);
      const names = kindNames[value];
      if (names) return names[state.language === 'en' ? 1 : 0];
      return value.replaceAll('_', ' ');
    }

    function words(text) {
      return new Set(text.toLowerCase().split(/[^\p{L}]+/u).filter((word) => word.length >= 3));
    }

    // Returns the kind shown on rows and cards. The tag's kind is more
    // precise, so it is shown alone when it shares a word with the core's
    // place kind (hit.kind): "Dokter gigi" for klinik. Otherwise both show, as
    // "Tempat ibadah · Hindu (pura)" or "Puskesmas · Klinik" for an
    // OpenStreetMap clinic named Puskesmas.
    function kindOf(hit) {
      const tagKind = tagKindOf(hit.properties);
      const placeKind = state.placeKinds.get(hit.kind) || '';
      if (!placeKind || !tagKind) return tagKind || placeKind;
      const placeWords = words(placeKind);
      if ([...words(tagKind)].some((word) => placeWords.has(word))) return tagKind;
      return `${placeKind} \u00b7 ${tagKind}`;
    }

    // An unnamed feature goes by its kind: "Apotek (tanpa nama)".
    function nameOf(hit) {
      const name = firstProperty(hit.properties, ['name', 'nama']);
      if (name) return name;
      const kind = tagKindOf(hit.properties);
      return kind ? `${kind} ${t('unnamed')}` : t('unnamed');
    }

    function categoryName(hit) {
      const slug = state.layerCategories.get(hit.layer) || '';
      const category = state.categories.find((entry) => entry.slug === slug);
      if (category) return category.name;
      if (!state.layerTitles.has(hit.layer)) {
        for (const layer of api.layers()) state.layerTitles.set(layer.id, layer.title);
      }
      return state.layerTitles.get(hit.layer) || hit.layer;
    }

    // ---- Elements -----------------------------------------------------------

    const input = element('input', {
      id: 'finder-input',
      type: 'search',
      autocomplete: 'off',
      enterkeyhint: 'search',
      spellcheck: 'false',
      'aria-controls': 'finder-results',
      'aria-describedby': 'finder-live',
    });
    const inputLabel = element('label', { for: 'finder-input', className: 'finder-label' });
    const chips = element('div', { id: 'finder-chips', role: 'group' });
    const nearestButton = element('button', { id: 'finder-nearest', type: 'button' });
    const whereButton = element('button', { id: 'finder-where', type: 'button' });
    const closeButton = element('button', { id: 'finder-close', type: 'button', hidden: '' });
    // Visible progress and failure of the position request.
    const status = element('p', { id: 'finder-status', hidden: '' });
    const centreButton = element('button', { id: 'finder-from-centre', type: 'button' });
    centreButton.addEventListener('click', () => listFromCentre());
    const heading = element('p', { id: 'finder-heading' });
    const list = element('ul', { id: 'finder-results' });
    const card = element('article', { id: 'finder-card', hidden: '' });
    const where = element('div', { id: 'finder-whereami', hidden: '' });
    const live = element('div', { id: 'finder-live', role: 'status', 'aria-live': 'polite', className: 'finder-live' });
    const actions = element('div', { className: 'finder-actions' }, [nearestButton, whereButton, closeButton]);
    const root = element('section', { id: 'finder' }, [
      inputLabel, input, chips, actions, status, heading, list, card, where, live,
    ]);

    // Keys typed in the finder are the finder's, not the map's or the panel's.
    for (const type of ['keydown', 'keyup', 'keypress']) {
      root.addEventListener(type, (event) => event.stopPropagation());
    }
    document.body.append(root);
    for (const row of [chips, actions]) row.addEventListener('scroll', markHiddenChips, { passive: true });
    window.addEventListener('resize', markHiddenChips);

    // ---- Rendering ----------------------------------------------------------

    function renderStatic() {
      root.setAttribute('aria-label', t('title'));
      inputLabel.textContent = t('search_label');
      input.placeholder = t('search_placeholder');
      chips.setAttribute('aria-label', t('categories'));
      nearestButton.textContent = t('nearest');
      whereButton.textContent = t('where_am_i');
      closeButton.textContent = t('close');
      chips.replaceChildren(...state.categories.map((category) => {
        const chip = element('button', {
          type: 'button',
          className: 'finder-chip',
          'data-category': category.slug,
          'aria-pressed': String(state.activeCategory === category.slug),
          text: category.name,
        });
        chip.addEventListener('click', () => toggleCategory(category.slug));
        return chip;
      }));
      markHiddenChips();
    }

    // On a phone the chips scroll sideways in one row. data-more marks a row
    // with chips hidden past its right edge, so finder.css fades that edge.
    function markHiddenChips() {
      for (const row of [chips, actions]) {
        const hidden = row.scrollLeft + row.clientWidth < row.scrollWidth - 1;
        row.toggleAttribute('data-more', hidden);
      }
    }

    function origin() {
      return state.position || api.getView();
    }

    // Shortens the query a heading repeats to headingQueryLength characters,
    // counting code points so no emoji is cut in half.
    function shortQuery(text) {
      const characters = Array.from(text.trim());
      if (characters.length <= headingQueryLength) return characters.join('');
      return `${characters.slice(0, headingQueryLength - 1).join('').trimEnd()}\u2026`;
    }

    function originText() {
      return state.position ? t('from_position') : t('from_centre');
    }

    // Returns where the distances of the list on screen are measured from.
    function listOriginText() {
      return state.listFromPosition ? t('from_position') : t('from_centre');
    }

    // Shows the string key (or none for '') above the list. The note for a
    // position outside Badung gets a button that lists from the map centre.
    function setStatus(key) {
      state.statusKey = key;
      status.textContent = key ? t(key) : '';
      status.hidden = key === '';
      if (key === 'position_outside') {
        status.append(' ', centreButton);
        centreButton.textContent = t('list_from_centre');
      }
    }

    // Lists Terdekat again from the map centre, as when the position is not
    // available. The next tap on Terdekat requests the position again.
    function listFromCentre() {
      state.position = null;
      setStatus('');
      runNearest();
      // The button was removed with the note, so focus moves to the new list.
      (list.querySelector('button') || input).focus();
    }

    function resultRow(hit, className, label = '') {
      const details = label ? [] : [categoryName(hit)];
      const kind = kindOf(hit);
      if (kind && !label) details.push(kind);
      // A search hit without a location has a distance_m of null.
      if (hit.distance_m === null) details.push(t('location_unknown'));
      else if (hit.distance_m !== undefined) details.push(formatDistance(hit.distance_m));
      const parts = [
        element('span', { className: 'finder-result-name', text: nameOf(hit) }),
        element('span', { className: 'finder-result-detail', text: details.join(' · ') }),
      ];
      if (label) parts.unshift(element('span', { className: 'finder-kind-label', text: label }));
      const button = element('button', {
        type: 'button', className, 'data-layer': hit.layer, 'data-id': String(hit.id),
      }, parts);
      button.addEventListener('click', () => openCard(hit));
      return element('li', {}, [button]);
    }

    // Shows hits under headingText. kindHits ({kind, kind_name, hit}, see
    // nearestByKind) come first as rows of their own, "Puskesmas terdekat".
    function showList(hits, headingText, kindHits = []) {
      state.results = [...kindHits.map((entry) => entry.hit), ...hits];
      heading.textContent = headingText;
      const kindRows = kindHits.map((entry) => {
        const row = resultRow(entry.hit, 'finder-result finder-kind', t('nearest_kind', { q: entry.kind_name }));
        row.firstChild.dataset.kind = entry.kind;
        return row;
      });
      const rest = hits.map((hit) => resultRow(hit, 'finder-result'));
      const divider = kindRows.length > 0 && rest.length > 0
        ? [element('li', { className: 'finder-list-label', text: t('nearest_all') })]
        : [];
      list.replaceChildren(...kindRows, ...divider, ...rest);
      list.hidden = false;
      heading.hidden = false;
      card.hidden = true;
      where.hidden = true;
      closeButton.hidden = false;
      // The live region reads out the nearest of the first kind, the count
      // and the first names.
      const names = hits.slice(0, 5).map(nameOf).join(', ');
      const first = kindHits[0]
        ? `${t('nearest_kind', { q: kindHits[0].kind_name })}: ${nameOf(kindHits[0].hit)}, ${formatDistance(kindHits[0].hit.distance_m)}. `
        : '';
      live.textContent = first + (hits.length > 0 ? `${t('results_count', { n: hits.length })}: ${names}` : headingText);
    }

    function runSearch() {
      const text = input.value;
      if (text.trim() === '') {
        showBeforeSearch();
        return;
      }
      // Typed search ranks by match, then by distance to the map centre,
      // the place the user is looking at, even once the position is known.
      if (state.mode !== 'search') state.modeBeforeSearch = state.mode;
      state.mode = 'search';
      state.listFromPosition = false;
      const centre = api.getView();
      const found = search(text, { lon: centre.lon, lat: centre.lat, category: state.activeCategory, limit: 4 * searchLimit });
      const hits = withoutRepeatedLines(found).slice(0, searchLimit);
      showList(hits, hits.length > 0 ? t('search_count', { n: hits.length }) : t('no_results', { q: shortQuery(text) }));
    }

    // Shows again what the finder showed before the text was typed: the
    // nearest places ("Terdekat", or a chip's list, listed anew from the
    // position or the current map centre), "Saya di mana?", or nothing.
    function showBeforeSearch() {
      const before = state.modeBeforeSearch;
      state.modeBeforeSearch = 'idle';
      if (state.activeCategory || before === 'nearest') {
        runNearest();
      } else if (before === 'where' && state.where) {
        showWhere(state.where.point, state.where.fromPosition);
      } else {
        state.mode = 'idle';
        heading.textContent = '';
        list.replaceChildren();
        live.textContent = '';
      }
    }

    // Keeps the best-ranked hit of each named line of a layer: OpenStreetMap
    // splits one road into many segments (Jalan Bypass Ngurah Rai into 144),
    // which would fill the list with one street.
    function withoutRepeatedLines(hits) {
      const seen = new Set();
      return hits.filter((hit) => {
        const name = firstProperty(hit.properties, ['name', 'nama']);
        if (!state.lineLayers.has(hit.layer) || !name) return true;
        const key = `${hit.layer}\u0000${name}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }

    // Lists the places nearest to the user's position or the map centre: of
    // the selected category, matching the typed text, or else every facility.
    // Without typed text the nearest place of each kind (puskesmas, rumah
    // sakit, sekolah...) comes first, so each is one tap away.
    function runNearest() {
      state.mode = 'nearest';
      state.listFromPosition = Boolean(state.position);
      const from = origin();
      const text = input.value.trim();
      const category = state.activeCategory;
      const hits = nearest({ lon: from.lon, lat: from.lat, k: nearestCount, category, text });
      if (hits.length === 0 && text !== '') {
        showList(hits, t('no_results', { q: shortQuery(text) }));
        return;
      }

      const kindHits = text === '' ? nearestByKind({ lon: from.lon, lat: from.lat, category }) : [];
      const categoryEntry = state.categories.find((entry) => entry.slug === category);
      const filters = [categoryEntry?.name, text && `\u201c${shortQuery(text)}\u201d`].filter(Boolean).join(', ');
      const title = filters ? t('nearest_category', { q: filters }) : t('nearest');
      showList(hits, `${title} ${originText()}`, kindHits);
      // The nearest places to a position outside Badung may be hundreds of
      // kilometres away, so a note states where the distances start.
      if (state.listFromPosition && outsideBadung(from)) setStatus('position_outside');
      else if (state.statusKey === 'position_outside') setStatus('');
    }

    // Whether a point lies outside the kabupaten layer's Badung outline;
    // false when that layer is not loaded.
    function outsideBadung(point) {
      if (!state.layerCategories.has('kabupaten')) return false;
      return !locate(point.lon, point.lat).kabupaten;
    }

    function toggleCategory(slug) {
      state.activeCategory = state.activeCategory === slug ? '' : slug;
      renderStatic();
      if (input.value.trim() !== '') {
        runSearch();
      } else if (state.activeCategory) {
        runNearest();
      } else {
        runSearch();
      }
    }

    // Asks the browser for the user's position (only ever after a tap);
    // resolves with null when it is refused or unavailable.
    function askPosition() {
      if (!navigator.geolocation) return Promise.resolve(null);
      return new Promise((resolve) => {
        navigator.geolocation.getCurrentPosition(
          (found) => resolve({ lon: found.coords.longitude, lat: found.coords.latitude }),
          () => resolve(null),
          { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
      });
    }

    // Asks for the position while the finder shows that it waits (and is
    // aria-busy, with both position buttons disabled). When the position
    // is refused, the note failedKey names stays visible until close().
    async function useMyPosition(failedKey) {
      root.setAttribute('aria-busy', 'true');
      nearestButton.disabled = true;
      whereButton.disabled = true;
      setStatus('locating');
      live.textContent = t('locating');
      let found = null;
      try {
        found = await askPosition();
      } finally {
        root.removeAttribute('aria-busy');
        nearestButton.disabled = false;
        whereButton.disabled = false;
      }

      if (found) {
        state.position = found;
        setStatus('');
      } else {
        setStatus(failedKey);
        live.textContent = t(failedKey);
      }
      return found;
    }

    // Returns the areas the card names as containing a feature: a place's
    // desa and kecamatan, a desa's kecamatan, a kecamatan's kabupaten, and
    // nothing for the kabupaten. An area's location is a point inside it
    // (core/query/hit_json.cpp). The check that it lies in the area itself
    // guards against data whose areas overlap or have no inside point.
    function containingAreas(hit, lon, lat) {
      const found = locate(lon, lat);
      const level = areaLayers.indexOf(hit.layer);
      if (level < 0) {
        return ['desa', 'kecamatan'].filter((id) => found[id]).map((id) => ({ id, name: nameOf(found[id]) }));
      }
      const parent = areaLayers[level + 1];
      if (!parent || String(found[hit.layer]?.id) !== String(hit.id) || !found[parent]) return [];
      return [{ id: parent, name: nameOf(found[parent]) }];
    }

    // Formats an area as "Kecamatan Kuta". Kabupaten names already start
    // with "Kabupaten", so they stay as they are.
    function areaLabel(area) {
      return area.id === 'kabupaten' ? area.name : `${t(area.id)} ${area.name}`;
    }

    function definition(term, value, extra = {}) {
      return [element('dt', { text: term }), element('dd', extra, typeof value === 'string' ? [value] : [value])];
    }

    // Zooms that show a whole area of each level in a phone-sized view.
    const areaZooms = { kabupaten: 10, kecamatan: 12, desa: 14 };

    // Moves the view where the finder box does not cover the place: an area
    // at its level's zoom, any other place at zoom 16 or closer.
    function showOnMap(lon, lat, layer) {
      centreInView(lon, lat, areaZooms[layer] ?? Math.max(api.getView().zoom, 16));
    }

    // Moves the view so lon, lat lies at zoom in the middle of the map that
    // the finder box leaves in view.
    function centreInView(lon, lat, zoom) {
      const canvasElement = document.querySelector('#map');
      if (!canvasElement) {
        api.setView({ lon, lat, zoom });
        return;
      }
      const canvas = canvasElement.getBoundingClientRect();
      const target = visibleCentre(canvas, root.getBoundingClientRect());
      const place = toPixels(lon, lat, zoom);
      const centre = toLonLat(place.x + canvas.width / 2 - target.x, place.y + canvas.height / 2 - target.y, zoom);
      api.setView({ lon: centre.lon, lat: centre.lat, zoom });
    }

    // Shows the card of hit in place of the list. focus: false leaves the
    // focus where it is, and fromMap marks a card opened by a click on the
    // map, which its back button and a click on nothing hide.
    function openCard(hit, { focus = true, fromMap = false } = {}) {
      state.card = hit;
      state.cardFromMap = fromMap;
      const properties = hit.properties;
      const [lon, lat] = hit.location || [NaN, NaN];
      const rows = [...definition(t('category'), categoryName(hit))];
      const kind = kindOf(hit);
      if (kind) rows.push(...definition(t('kind'), kind));
      const address = addressOf(properties);
      if (address) rows.push(...definition(t('address'), address));
      const phone = firstProperty(properties, phoneKeys);
      if (phone) rows.push(...definition(t('phone'), element('a', { href: `tel:${phone.replace(/[^+\d]/g, '')}`, text: phone })));
      const email = firstProperty(properties, emailKeys);
      if (email) rows.push(...definition(t('email'), element('a', { href: `mailto:${email}`, text: email })));
      const website = firstProperty(properties, websiteKeys);
      if (website && /^https?:\/\//i.test(website)) {
        rows.push(...definition(t('website'), element('a', { href: website, rel: 'noopener', target: '_blank', text: website })));
      }
      if (hit.distance_m === null) rows.push(...definition(t('distance'), t('location_unknown')));
      else if (hit.distance_m !== undefined) rows.push(...definition(t('distance'), `${formatDistance(hit.distance_m)} ${listOriginText()}`));
      if (Number.isFinite(lon)) {
        const areas = containingAreas(hit, lon, lat);
        if (areas.length > 0) rows.push(...definition(t('lies_in'), areas.map(areaLabel).join(', ')));
      }

      const links = element('p', { className: 'finder-links' });
      if (Number.isFinite(lon)) {
        const name = nameOf(hit);
        links.append(
          element('a', { href: `geo:${lat},${lon}?q=${lat},${lon}(${encodeURIComponent(name)})`, text: t('open_in_app') }),
          element('a', {
            href: `https://www.openstreetmap.org/directions?route=${state.position ? `${state.position.lat},${state.position.lon}` : ''};${lat},${lon}`,
            rel: 'noopener',
            target: '_blank',
            text: t('directions'),
          }));
        const show = element('button', { type: 'button', text: t('show_on_map') });
        show.addEventListener('click', () => showOnMap(lon, lat, hit.layer));
        links.append(show);
      }
      // A card opened from the map over no list closes rather than goes back.
      const backText = fromMap && state.results.length === 0 ? t('close') : t('back');
      const back = element('button', { type: 'button', className: 'finder-back', text: backText });
      back.addEventListener('click', () => {
        if (state.cardFromMap) {
          hideMapCard();
          return;
        }
        card.hidden = true;
        list.hidden = false;
        state.card = null;
        list.querySelector('button')?.focus();
      });
      const title = element('h2', { id: 'finder-card-title', text: nameOf(hit), tabindex: '-1' });
      card.replaceChildren(title, element('dl', {}, rows), links, back);
      card.setAttribute('aria-labelledby', 'finder-card-title');
      card.dataset.layer = hit.layer;
      card.dataset.id = String(hit.id);
      card.hidden = false;
      list.hidden = true;
      where.hidden = true;
      live.textContent = nameOf(hit);
      closeButton.hidden = false;
      if (focus) title.focus();
    }

    function showWhere(point, fromPosition) {
      state.mode = 'where';
      state.where = { point, fromPosition };
      state.card = null;
      const rows = [];
      const found = JSON.parse(module.finderLocateNear(point.lon, point.lat, nearAreaMarginM));
      const areas = areaLayers.map((id) => ({ id, name: found[id] ? nameOf(found[id]) : '' }));
      for (const area of areas) {
        rows.push(...definition(t(area.id), area.name || t('unknown_area')));
      }
      const inside = areas.some((area) => area.name);
      const outsideBy = found.desa?.distance_m ?? 0;
      const note = outsideBy > 0
        ? [element('p', { text: t('near_boundary').replace('{distance}', String(Math.max(1, Math.round(outsideBy)))) })]
        : [];
      where.replaceChildren(
        element('h2', { text: `${t('where_am_i')} (${fromPosition ? t('from_position') : t('from_centre')})` }),
        ...(inside ? [element('dl', {}, rows), ...note] : [element('p', { text: t('outside') })]));
      where.hidden = false;
      heading.hidden = true;
      card.hidden = true;
      list.hidden = true;
      closeButton.hidden = false;
      live.textContent = inside
        ? areas.filter((area) => area.name).map(areaLabel).join(', ')
        : t('outside');
    }

    // ---- Events -------------------------------------------------------------

    // Searches on every change of the text, also while an input method
    // composes a word (a phone keyboard with suggestions), so results follow
    // the letters shown. compositionend may repeat the last input event's
    // text, so a text already searched is not searched again.
    let searchedText = null;
    function searchChangedText() {
      if (!state.loaded || input.value === searchedText) return;
      searchedText = input.value;
      runSearch();
    }
    input.addEventListener('input', searchChangedText);
    input.addEventListener('compositionend', searchChangedText);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && state.results.length > 0) openCard(state.results[0]);
      if (event.key === 'Escape') close();
    });
    // Empties the finder, so the map shows again (on a phone it covers much).
    function close() {
      input.value = '';
      state.activeCategory = '';
      state.mode = 'idle';
      state.modeBeforeSearch = 'idle';
      state.card = null;
      state.results = [];
      renderStatic();
      for (const part of [list, card, where]) part.hidden = true;
      heading.textContent = '';
      list.replaceChildren();
      live.textContent = '';
      setStatus('');
      searchedText = '';
      closeButton.hidden = true;
      input.focus();
    }

    closeButton.addEventListener('click', close);
    nearestButton.addEventListener('click', async () => {
      await useMyPosition('location_failed_distances');
      runNearest();
    });
    whereButton.addEventListener('click', async () => {
      const found = await useMyPosition('location_failed');
      showWhere(found || api.getView(), Boolean(found));
    });
    // A place clicked or tapped on the map gets the card a result row opens.
    // A click on nothing, or on a shape the finder does not have, hides a
    // card that an earlier click opened.
    api.on('select', (feature) => {
      if (!state.loaded) return;
      const answer = feature ? JSON.parse(module.finderFeature(feature.layer, String(feature.id))) : {};
      const hit = answer.results?.[0];
      if (hit) {
        openCard(hit, { focus: false, fromMap: true });
        uncoverPlace(hit);
      } else if (state.cardFromMap && state.card) {
        hideMapCard();
      }
    });

    // Moves the map when the finder box, grown by the card, covers the
    // place (on a phone the card lies over the middle of the map).
    function uncoverPlace(hit) {
      const [lon, lat] = hit.location || [NaN, NaN];
      const canvasElement = document.querySelector('#map');
      if (!Number.isFinite(lon) || !canvasElement) return;
      const canvas = canvasElement.getBoundingClientRect();
      const point = api.project(lon, lat);
      const x = canvas.left + point.x;
      const y = canvas.top + point.y;
      const box = root.getBoundingClientRect();
      if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) {
        centreInView(lon, lat, api.getView().zoom);
      }
    }

    // Hides a card opened from the map and shows what it covered.
    function hideMapCard() {
      state.cardFromMap = false;
      state.card = null;
      card.hidden = true;
      list.hidden = state.results.length === 0;
      where.hidden = state.mode !== 'where';
      closeButton.hidden = state.mode === 'idle';
      live.textContent = '';
    }

    api.on('languagechange', (language) => {
      state.language = language;
      loadText();
      renderStatic();
      setStatus(state.statusKey);
      if (state.card) openCard(state.card, { fromMap: state.cardFromMap });
      else if (state.mode === 'search') runSearch();
      else if (state.mode === 'nearest') runNearest();
      else if (state.mode === 'where') showWhere(state.where.point, state.where.fromPosition);
    });

    // ---- Data ---------------------------------------------------------------

    function loadText() {
      state.strings = JSON.parse(module.finderStrings(state.language));
      state.categories = JSON.parse(module.finderCategories(state.language));
      state.placeKinds = new Map(JSON.parse(module.finderPlaceKinds(state.language)).map((kind) => [kind.slug, kind.name]));
      state.layerTitles.clear();
    }

    // NOTE: the map fetches the same layer files for drawing, so each is
    // downloaded twice unless the HTTP cache serves the second request.
    async function fetchLayer(entry) {
      const url = `${config.dataUrl}layers/${encodeURIComponent(entry.id)}.geojson`;
      try {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
        return await response.text();
      } catch (error) {
        // The map shows the layer's own failure; search just goes without it.
        console.error(`badungMap finder: layer '${entry.id}' is not searchable: ${error.message}`);
        return null;
      }
    }

    function addLayer(entry, text) {
      const title = entry.title || {};
      const summary = JSON.parse(module.finderAddLayer(entry.id, String(entry.category || ''),
        String(title.id || ''), String(title.en || ''), text));
      if (summary.error) {
        console.error(`badungMap finder: layer '${entry.id}' is not searchable: ${summary.error}`);
        return;
      }
      state.layerCategories.set(entry.id, String(entry.category || ''));
      if (/LineString$/.test(String(entry.geometry_type || ''))) state.lineLayers.add(entry.id);
    }

    async function load() {
      state.strings = JSON.parse(module.finderStrings(state.language));
      input.placeholder = t('loading');
      // The layers download after the first view, so they do not delay it.
      await firstViewDrawn;
      try {
        const response = await fetch(`${config.dataUrl}catalog.json`);
        if (!response.ok) throw new Error(`catalog.json: HTTP ${response.status}`);
        const catalog = await response.json();
        const entries = (catalog.layers || []).filter((entry) => entry && typeof entry.id === 'string'
          && !skippedCategories.has(entry.category));
        const texts = await Promise.all(entries.map(fetchLayer));
        // Added in catalog order, so ties between layers rank by it.
        entries.forEach((entry, i) => {
          if (texts[i] !== null) addLayer(entry, texts[i]);
        });
      } catch (error) {
        console.error(`badungMap finder: no search data: ${error.message}`);
      }
      state.loaded = true;
      loadText();
      renderStatic();

      // Text typed while the layers loaded fired no search, so run it now.
      if (input.value.trim() !== '') searchChangedText();
    }

    return load();
  }

  window.badungMapPlugins = window.badungMapPlugins || [];
  window.badungMapPlugins.push(startFinder);
}());
