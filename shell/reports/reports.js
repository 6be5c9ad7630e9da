// Citizen reports in the page: the outbox, the service catalog, the form
// and the badungMap members services(), submitReport() and outbox().
// shell/badung-map-api.js imports this module and hands it the WebAssembly
// module once that has loaded.

import { fieldsToPairs, hasPersonalData } from './fields.js';
import { openOutboxStore } from './outbox-store.js';
import { resizePhoto } from './photo.js';
import { ReportOutbox } from './outbox.js';
import { ReportPanel } from './report-form.js';
import { reportText } from './report-text.js';
import { ServiceCatalog } from './services.js';

// An Error with the rejected fields: errors is [{field, code, message}].
function fieldErrors(message, errors) {
  return Object.assign(new Error(message), { errors });
}

function newLocalId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

// Adds reports.css and resolves once it has loaded, so the form is never
// shown unstyled. A stylesheet that fails to load resolves too, with a
// warning, because an unstyled form still works.
function addStyleSheet() {
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('reports.css', import.meta.url).href;
    link.addEventListener('load', () => resolve());
    link.addEventListener('error', () => {
      console.warn(`badungMap: ${link.href} failed to load, so the report form is unstyled`);
      resolve();
    });
    document.head.append(link);
  });
}

// Starts the outbox and the form. api is window.badungMap, config its
// settings, moduleLoaded a promise of the WebAssembly module.
export async function startReports({ api, config, moduleLoaded, canvasSelector }) {
  const styleSheetLoaded = addStyleSheet();
  const module = await moduleLoaded;
  const catalog = new ServiceCatalog(config.apiUrl);
  const store = await openOutboxStore();
  const outbox = new ReportOutbox({
    createCore: () => new module.ReportOutbox(),
    store,
    apiUrl: config.apiUrl,
  });
  const outboxStarted = outbox.start();

  const language = () => {
    try {
      return api.language();
    } catch (error) {
      return document.documentElement.lang === 'en' ? 'en' : 'id';
    }
  };

  // Checks fields with the core's validator (the rules the server applies)
  // and resolves to the pairs to send; rejects with fieldErrors.
  async function check(fields, { descriptionRequired = false } = {}) {
    if (!fields || typeof fields !== 'object') {
      throw new TypeError('submitReport needs an object {service_code, lat, long, description, …}');
    }
    if (typeof fields.service_code !== 'string' || fields.service_code.trim() === '') {
      throw fieldErrors(`service_code must be a non-empty string, got ${JSON.stringify(fields.service_code)}`,
        [{ field: 'service_code', code: 'missing', message: 'service_code is missing' }]);
    }
    // Reported together with the format errors, so one tap on "Kirim"
    // names everything to fix.
    const consentErrors = [];
    if (hasPersonalData(fields) && fields.consent !== true) {
      consentErrors.push({ field: 'consent', code: 'missing', message: reportText(language()).consentMissing });
    }

    const pairs = fieldsToPairs(fields);
    const code = fields.service_code.trim();
    let definition = null;
    try {
      definition = await catalog.definition(code);
    } catch (error) {
      if (error.errors) throw unknownService(code, error.known); // a code the service list does not contain
      console.warn(`badungMap: report attributes are left to the server to check: ${error.message}`);
    }
    // Offline with no stored definition, everything but the attributes is
    // checked here, and the server checks the attributes when it is sent.
    const checked = definition ? pairs : pairs.filter(([name]) => !name.startsWith('attribute['));
    const result = JSON.parse(module.validateReport(JSON.stringify(definition || { service_code: code, attributes: [] }),
      JSON.stringify(checked), language(), descriptionRequired));
    if (result.error) {
      throw new Error(result.error);
    }
    const errors = [...consentErrors, ...result.errors];
    if (errors.length > 0) {
      throw fieldErrors(errors.map((error) => error.message).join(' '), errors);
    }
    return pairs;
  }

  // The error for a service code the service list does not contain, in
  // the page's language as the core's field errors are.
  function unknownService(code, known) {
    const message = reportText(language()).unknownService.replace('{code}', () => code).replace('{known}', () => known);
    return fieldErrors(message, [{ field: 'service_code', code: 'unknown_service', message }]);
  }

  async function submitReport(fields, { localId, descriptionRequired = false } = {}) {
    const pairs = await check(fields, { descriptionRequired });
    await outboxStarted;
    const id = localId || newLocalId();
    const existing = outbox.find(id);
    // A queued report keeps its photo: a new upload would change the body
    // sent under its Idempotency-Key.
    if (fields.photo && (!existing || existing.state === 'needs_fix')) {
      await store.setPhoto(id, { blob: await resizePhoto(fields.photo), mediaUrl: '' });
    }
    if (existing && existing.state === 'needs_fix') {
      await outbox.resubmit(id, pairs);
      return outbox.find(id);
    }
    return outbox.enqueue(id, pairs);
  }

  await styleSheetLoaded;
  const panel = new ReportPanel({
    api, catalog, outbox, store, submitReport, checkReport: check, canvasSelector, dataUrl: config.dataUrl, module,
    newLocalId,
  });
  panel.mount();
  module.badungOpenReportForm = () => panel.open();

  return {
    services: () => catalog.list(),
    submitReport,
    async outbox() {
      await outboxStarted;
      return outbox.items.map((item) => structuredClone(item));
    },
    discardReport: async (localId) => {
      await outboxStarted;
      return outbox.discard(localId);
    },
    openReportForm: () => panel.open(),
  };
}
