// HTML controls for what the Dear ImGui panel offers (language, layers,
// the report form), for keyboard and screen-reader users: the panel is
// drawn in the canvas, so Tab cannot reach it and screen readers cannot
// read it. The controls sit in <section id="map-settings"> right after the
// canvas in Tab order, call window.badungMap as the panel does, and are
// shown only while one of them has the focus (style.css), so mouse and
// touch users keep the panel.
//
// badung-map-api.js calls the function registered in window.badungMapPlugins
// once the module has started.
(function () {
  'use strict';

  const languages = [
    { code: 'id', name: 'Bahasa Indonesia' },
    { code: 'en', name: 'English' },
  ];

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

  function startMapSettings({ module, api }) {
    const root = document.getElementById('map-settings');
    if (!root) return;

    const title = element('h2', { id: 'map-settings-title' });
    const languageLabel = element('span', { id: 'map-settings-language' });
    const languageButtons = languages.map(({ code, name }) => {
      const button = element('button', { type: 'button', lang: code, 'aria-pressed': 'false', text: name });
      button.addEventListener('click', () => api.setLanguage(code));
      return button;
    });
    const languageGroup = element('div', {
      role: 'group', className: 'map-settings-row', 'aria-labelledby': 'map-settings-language',
    }, [languageLabel, ...languageButtons]);
    const layersLegend = element('legend');
    const layerList = element('ul', { id: 'map-settings-layers' });
    const reportHeading = element('h3', { id: 'map-settings-report-heading' });
    // The panel's report button calls this hook too: before the report
    // modules have loaded it loads them, and it shows a notice when they fail.
    const reportButton = element('button', { type: 'button', id: 'map-settings-report' });
    reportButton.addEventListener('click', () => module.badungOpenReportForm());

    root.setAttribute('aria-labelledby', 'map-settings-title');
    root.replaceChildren(title, languageGroup, element('fieldset', {}, [layersLegend, layerList]),
      reportHeading, reportButton);

    // Keys pressed here are these controls', not the map's or the panel's
    // (the panel takes Space and Enter while it has ImGui's focus).
    for (const type of ['keydown', 'keyup', 'keypress']) {
      root.addEventListener(type, (event) => event.stopPropagation());
    }

    // Checkbox rows by layer id, updated in place, so a row keeps the focus.
    const rows = new Map();

    function layerRow(layer) {
      const input = element('input', { type: 'checkbox', id: `map-settings-layer-${layer.id}` });
      input.addEventListener('change', () => api.setLayerVisible(layer.id, input.checked));
      const swatch = element('span', { className: 'map-settings-swatch', 'aria-hidden': 'true' });
      const text = element('span');
      const label = element('label', { for: input.id }, [swatch, text]);
      layerList.append(element('li', {}, [input, label]));
      return { input, swatch, text };
    }

    function renderLayers(strings) {
      for (const layer of api.layers()) {
        if (!rows.has(layer.id)) rows.set(layer.id, layerRow(layer));
        const row = rows.get(layer.id);
        row.input.checked = layer.visible;
        row.swatch.style.background = layer.color || 'transparent';
        row.text.textContent = layer.state === 'failed' ? `${layer.title} (${strings.layerFailed})` : layer.title;
      }
    }

    function render() {
      const language = api.language();
      const strings = JSON.parse(module.panelStrings(language));
      title.textContent = strings.title;
      languageLabel.textContent = strings.language;
      for (const button of languageButtons) {
        button.setAttribute('aria-pressed', String(button.lang === language));
      }
      layersLegend.textContent = strings.layers;
      reportHeading.textContent = strings.report;
      reportButton.textContent = strings.openReportForm;
      renderLayers(strings);
    }

    render();
    api.on('languagechange', render);
    api.on('ready', render);
    // The panel may have changed a layer since: show the current state as
    // soon as the focus comes in.
    root.addEventListener('focusin', render);
  }

  window.badungMapPlugins = window.badungMapPlugins || [];
  window.badungMapPlugins.push(startMapSettings);
}());
