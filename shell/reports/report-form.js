// The report form beside the map. It is built from the Open311 service
// definition with real HTML inputs, so phone keyboards, input methods and
// autofill work. It has a location picked on the map and named with its desa,
// personal fields behind a consent and a draft that saves itself. Below it,
// the outbox shows the state of every report.

import { el } from './dom.js';
import { personalFields } from './fields.js';
import { MapLocation } from './map-location.js';
import { resizePhoto } from './photo.js';
import { listMethods } from './report-lists.js';
import { reportText } from './report-text.js';
import { serviceName } from './services.js';

const draftKey = 'badung-report-draft';
// How far outside every desa a report may lie: the default of the server's
// report_area_margin_m, so a report on the beach just past the boundary goes.
// NOTE: a city that sets another margin in cityd.conf gets its own rule
// only from the server, after the report left the outbox.
const reportAreaMarginM = 200;

function emptyDraft(localId) {
  return {
    localId, serviceCode: '', attributes: {}, description: '', location: null,
    first_name: '', last_name: '', email: '', phone: '', consent: false, fixing: null,
  };
}

function readDraft() {
  try {
    const draft = JSON.parse(localStorage.getItem(draftKey) || 'null');
    return draft && typeof draft.localId === 'string' ? draft : null;
  } catch (error) {
    return null;
  }
}

function attributeLabel(attribute, language) {
  return (language === 'en' && attribute.description_en) || attribute.description || attribute.code;
}

// Returns the name of a list attribute's value in language. name_en is
// this server's extension, like description_en.
function valueName(option, language) {
  return (language === 'en' && option.name_en) || option.name || option.key;
}

// The viewports where the form is a sheet over the lower part of the map;
// the same query as in reports.css.
const phoneSheetQuery = '(max-width: 600px)';

export class ReportPanel {
  constructor({ api, catalog, outbox, store, submitReport, checkReport, canvasSelector, dataUrl, module, newLocalId }) {
    this.api = api;
    this.module = module;
    this.store = store;
    this.photoUrl = null; // object URL of the preview
    this.catalog = catalog;
    this.outbox = outbox;
    this.submitReport = submitReport;
    this.checkReport = checkReport;
    this.newLocalId = newLocalId;
    this.services = [];
    this.servicesFailed = false;
    this.definition = null;
    this.errors = [];
    // The form's message: a key of report-text.js, so it follows the
    // language switch, or else text to show as it is (a server's reason).
    this.notice = '';
    this.view = 'form';
    this.submitting = false;
    this.loadingCode = ''; // the service code whose definition is loading
    this.statuses = new Map(); // service_request_id -> GET requests/{id}.json entry, or 'failed'
    this.draft = readDraft() || emptyDraft(newLocalId());
    this.location = new MapLocation({
      api, canvasSelector, dataUrl, module,
      onPick: (location) => this.setLocation(location),
      onDesaLoaded: () => this.renderLocation(),
    });
  }

  mount() {
    this.root = el('aside', { id: 'report-panel', class: 'report-panel', hidden: true });
    document.body.append(this.root);
    // Keys typed in the form are the form's, not the map's or its panel's.
    for (const type of ['keydown', 'keyup', 'keypress']) {
      this.root.addEventListener(type, (event) => event.stopPropagation());
    }
    this.api.on('languagechange', () => this.render());
    // One draft for all tabs: a tab takes over what another one typed or
    // sent, so two tabs never queue different reports under one local id.
    window.addEventListener('storage', (event) => {
      if (event.key !== draftKey) return;
      this.draft = readDraft() || emptyDraft(this.newLocalId());
      this.location.showPin(this.draft.location);
      this.loadDefinition().then(() => this.render());
    });
    // A location at the map centre follows the map until a point is picked.
    this.api.on('viewchange', () => {
      if (!this.root.hidden && this.draft.location?.source === 'centre') this.setLocation(this.location.centre());
    });
    this.outbox.addEventListener('change', () => this.renderLists());
    this.outbox.addEventListener('outcome', (event) => {
      if (event.detail.state === 'sent') this.loadStatus(event.detail.serviceRequestId);
    });
    this.loadServices();
  }

  language() {
    try {
      return this.api.language();
    } catch (error) {
      return 'id';
    }
  }

  text() {
    return reportText(this.language());
  }

  // Shows the form; the location starts at the user's position when the
  // browser already allows it, else at the map centre. On a phone the form
  // is a sheet over the lower part of the map (reports.css), so the map's
  // panel collapses to its title row to leave the map between them free
  // for picking the location.
  open() {
    this.root.hidden = false;
    document.body.classList.add('report-open');
    if (window.matchMedia(phoneSheetQuery).matches) this.module.setPanelOpen(false);
    this.location.setActive(true);
    if (!this.draft.location) {
      this.setLocation(this.location.centre());
      this.location.devicePositionIfAllowed().then((position) => {
        if (position && this.draft.location?.source === 'centre') this.setLocation(position);
      });
    }
    this.render();
    this.root.querySelector('#report-service')?.focus();
  }

  close() {
    this.root.hidden = true;
    document.body.classList.remove('report-open');
    this.location.setActive(false);
  }

  async loadServices() {
    try {
      this.services = await this.catalog.list();
      this.servicesFailed = false;
      if (!this.services.some((service) => service.service_code === this.draft.serviceCode)) {
        this.draft.serviceCode = this.services[0]?.service_code || '';
      }
      await this.loadDefinition();
    } catch (error) {
      console.warn(`badungMap: the report types could not be loaded: ${error.message}`);
      this.servicesFailed = true;
    }
    this.render();
  }

  // Loads the attributes of the chosen service. The form is marked busy
  // meanwhile, as it is rebuilt when they are in. A definition that comes
  // in after another service was chosen (arrow keys on the list) is
  // dropped, so the form never shows another service's attributes.
  async loadDefinition() {
    const code = this.draft.serviceCode;
    this.definition = null;
    this.loadingCode = code;
    if (!code) return;
    this.root?.querySelector('#report-form')?.setAttribute('aria-busy', 'true');
    let definition = null;
    try {
      definition = await this.catalog.definition(code);
    } catch (error) {
      console.warn(`badungMap: the definition of service ${code} could not be loaded, so the form shows no attributes: ${error.message}`);
    }
    if (this.draft.serviceCode !== code) return;
    this.definition = definition;
    this.loadingCode = '';
  }

  saveDraft() {
    try {
      localStorage.setItem(draftKey, JSON.stringify(this.draft));
    } catch (error) {
      // Storage full or blocked: the draft lives until the page closes.
    }
  }

  setLocation(location) {
    this.draft.location = location;
    this.saveDraft();
    this.location.showPin(location);
    this.renderLocation();
  }

  // ---- the form ----------------------------------------------------------

  render() {
    if (!this.root || this.root.hidden) return;
    const t = this.text();
    this.root.setAttribute('aria-label', t.title);
    const header = el('header', {},
      el('h2', {}, t.title),
      el('button', { type: 'button', class: 'report-close', 'aria-label': t.close, title: t.close,
        onclick: () => this.close() }, '×'));
    const tabs = el('nav', { class: 'report-tabs', role: 'tablist' },
      this.tabButton('form', t.newReport),
      this.tabButton('mine', t.myReports));
    if (this.view === 'form') {
      this.root.replaceChildren(header, tabs, this.formSection(),
        el('section', { id: 'report-outbox', 'aria-live': 'polite' }));
    } else {
      this.root.replaceChildren(header, tabs, this.myReportsSection());
    }
    this.renderLocation();
    this.renderLists();
  }

  tabButton(view, label) {
    return el('button', {
      type: 'button', role: 'tab', id: `report-tab-${view}`, 'aria-selected': String(this.view === view),
      onclick: () => {
        this.view = view;
        if (view === 'mine') this.refreshStatuses();
        this.render();
      },
    }, label);
  }

  formSection() {
    const t = this.text();
    const form = el('form', { id: 'report-form', novalidate: true, onsubmit: (event) => this.onSubmit(event) });
    if (this.loadingCode) form.setAttribute('aria-busy', 'true');
    if (this.draft.fixing) {
      form.append(el('p', { class: 'report-fixing' }, t.fixing));
    }
    form.append(this.serviceField(), ...this.attributeFields());
    form.append(this.field('description', t.description, el('textarea', {
      id: 'report-description', name: 'description', rows: 4, maxlength: 4000, value: this.draft.description,
      oninput: (event) => this.update('description', event.target.value),
      onkeydown: (event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          form.requestSubmit();
        }
      },
    }), true));
    form.append(this.photoField());
    form.append(el('div', { class: 'report-field' },
      el('span', { class: 'report-label' }, t.location),
      el('p', { id: 'report-location', class: 'report-location' }),
      el('p', { class: 'report-hint' }, t.locationHint),
      el('div', { class: 'report-buttons' },
        el('button', { type: 'button', onclick: () => this.setLocation(this.location.centre()) }, t.useCentre),
        el('button', { type: 'button', onclick: () => this.useDevicePosition() }, t.useMyPosition)),
      this.errorText('lat')));
    form.append(this.personalFieldset());

    const summary = this.errors.length > 0 ? t.checkForm : (Object.hasOwn(t, this.notice) ? t[this.notice] : this.notice);
    form.append(
      el('p', { id: 'report-message', class: this.errors.length > 0 ? 'report-error' : 'report-notice', role: 'status' },
        summary || ''),
      el('div', { class: 'report-buttons' },
        el('button', { type: 'submit', id: 'report-send', class: 'report-send' },
          this.draft.fixing ? t.sendFix : t.send),
        this.draft.fixing
          ? el('button', { type: 'button', onclick: () => this.stopFixing() }, t.cancelFix)
          : null),
      el('p', { class: 'report-hint' }, t.draftSaved));
    return form;
  }

  // A labelled control with its error message below it.
  field(name, label, control, required = false) {
    const t = this.text();
    const errorId = `report-error-${name.replace(/[^a-z0-9_-]/gi, '-')}`;
    control.setAttribute('aria-describedby', errorId);
    if (required) control.setAttribute('aria-required', 'true');
    if (this.errorFor(name)) control.setAttribute('aria-invalid', 'true');
    return el('label', { class: 'report-field' },
      el('span', { class: 'report-label' }, label,
        required ? el('span', { class: 'report-required', title: t.required }, ` * (${t.required})`) : null),
      control,
      this.errorText(name, errorId));
  }

  errorFor(name) {
    return this.errors.find((error) => error.field === name || error.field === `${name}[]`) || null;
  }

  errorText(name, id = `report-error-${name.replace(/[^a-z0-9_-]/gi, '-')}`) {
    const error = this.errorFor(name);
    return el('span', { id, class: 'report-error' }, error ? error.message : '');
  }

  serviceField() {
    const t = this.text();
    if (this.servicesFailed) {
      return el('div', { class: 'report-field' },
        el('p', { class: 'report-error' }, t.servicesUnavailable),
        el('button', { type: 'button', onclick: () => this.loadServices() }, t.retry));
    }
    const select = el('select', {
      id: 'report-service', name: 'service_code',
      onchange: async (event) => {
        if (event.target.value === this.draft.serviceCode) return;
        this.draft.serviceCode = event.target.value;
        this.draft.attributes = {};
        this.saveDraft();
        await this.loadDefinition();
        this.render();
      },
    });
    for (const service of this.services) {
      select.append(el('option', { value: service.service_code }, serviceName(service, this.language())));
    }
    select.value = this.draft.serviceCode;
    const service = this.services.find((entry) => entry.service_code === this.draft.serviceCode);
    const about = service && ((this.language() === 'en' && service.description_en) || service.description);
    return el('div', {}, this.field('service_code', t.service, select, true),
      about ? el('p', { class: 'report-hint' }, about) : null);
  }

  attributeFields() {
    const attributes = [...(this.definition?.attributes || [])].sort((a, b) => (a.order || 0) - (b.order || 0));
    return attributes.map((attribute) => this.attributeField(attribute));
  }

  attributeField(attribute) {
    const language = this.language();
    const label = attributeLabel(attribute, language);
    if (attribute.variable === false) {
      return el('p', { class: 'report-hint' }, label);
    }
    const name = `attribute[${attribute.code}]`;
    const value = this.draft.attributes[attribute.code];
    const setValue = (next) => {
      this.draft.attributes[attribute.code] = next;
      this.saveDraft();
    };
    const required = attribute.required === true || attribute.required === 'true';

    if (attribute.datatype === 'multivaluelist') {
      const chosen = new Set(Array.isArray(value) ? value : []);
      const boxes = (attribute.values || []).map((option) => el('label', { class: 'report-choice' },
        el('input', {
          type: 'checkbox', name: `${name}[]`, value: option.key, checked: chosen.has(option.key),
          onchange: (event) => {
            if (event.target.checked) chosen.add(option.key); else chosen.delete(option.key);
            setValue([...chosen]);
          },
        }), ` ${valueName(option, language)}`));
      return el('fieldset', { class: 'report-field' },
        el('legend', {}, label, required ? el('span', { class: 'report-required' }, ' *') : null),
        ...boxes, this.errorText(name));
    }

    let control;
    const onInput = (event) => setValue(event.target.value);
    if (attribute.datatype === 'singlevaluelist') {
      control = el('select', { name, onchange: onInput },
        el('option', { value: '' }, this.text().chooseOne),
        ...(attribute.values || []).map((option) => el('option', { value: option.key }, valueName(option, language))));
      control.value = value || '';
    } else if (attribute.datatype === 'text') {
      control = el('textarea', { name, rows: 3, value: value || '', oninput: onInput });
    } else {
      const type = { number: 'number', datetime: 'datetime-local' }[attribute.datatype] || 'text';
      control = el('input', {
        name, type, value: value || '', oninput: onInput,
        step: type === 'number' ? 'any' : null, inputmode: type === 'number' ? 'decimal' : null,
      });
    }
    return this.field(name, label, control, required);
  }

  // The photo is scaled down at once and stored with the report's local id,
  // so it survives a reload like the rest of the draft.
  photoField() {
    const t = this.text();
    const preview = el('img', { id: 'report-photo-preview', class: 'report-photo', alt: t.photo, hidden: true });
    const input = el('input', {
      id: 'report-photo', name: 'photo', type: 'file', accept: 'image/jpeg,image/png,image/webp',
      onchange: async (event) => {
        const file = event.target.files[0];
        if (!file) return;
        try {
          await this.store.setPhoto(this.photoOwner(), { blob: await resizePhoto(file), mediaUrl: '' });
          this.notice = '';
        } catch (error) {
          console.warn(`badungMap: the photo ${file.name} cannot be used: ${error.message}`);
          this.notice = { type: 'photoWrongType', decode: 'photoUnreadable' }[error.reason] || 'photoFailed';
        }
        this.render();
      },
    });
    const remove = el('button', {
      type: 'button', id: 'report-photo-remove', hidden: true,
      onclick: async () => {
        await this.store.setPhoto(this.photoOwner(), null);
        this.render();
      },
    }, t.removePhoto);
    this.showPhoto(preview, remove);
    // The browser labels its own file button in the browser's language. So
    // the input is hidden, and this button in the form's language opens it
    // through the field's label.
    input.classList.add('report-file');
    const field = this.field('media_url', t.photo, input);
    input.after(el('span', { class: 'report-file-button', 'aria-hidden': 'true' }, t.choosePhoto));
    return el('div', {}, field, preview, remove);
  }

  photoOwner() {
    return this.draft.fixing || this.draft.localId;
  }

  async showPhoto(preview, remove) {
    const photo = await this.store.photo(this.photoOwner());
    if (this.photoUrl) URL.revokeObjectURL(this.photoUrl);
    this.photoUrl = photo ? URL.createObjectURL(photo.blob) : null;
    preview.hidden = !photo;
    remove.hidden = !photo;
    if (photo) preview.src = this.photoUrl;
  }

  personalFieldset() {
    const t = this.text();
    const inputs = {
      first_name: ['text', 'given-name', t.firstName],
      last_name: ['text', 'family-name', t.lastName],
      email: ['email', 'email', t.email],
      phone: ['tel', 'tel', t.phone],
    };
    const fieldset = el('fieldset', { class: 'report-personal' },
      el('legend', {}, t.personalTitle),
      el('p', { class: 'report-hint' }, t.personalHint));
    for (const name of personalFields) {
      const [type, autocomplete, label] = inputs[name];
      fieldset.append(this.field(name, label, el('input', {
        id: `report-${name}`, name, type, autocomplete, value: this.draft[name],
        oninput: (event) => this.update(name, event.target.value),
      })));
    }
    fieldset.append(el('label', { class: 'report-consent' },
      el('input', {
        id: 'report-consent', type: 'checkbox', name: 'consent', checked: this.draft.consent,
        'aria-describedby': 'report-error-consent',
        onchange: (event) => this.update('consent', event.target.checked),
      }),
      el('span', {}, t.consent)));
    fieldset.append(this.errorText('consent'));
    return fieldset;
  }

  update(name, value) {
    this.draft[name] = value;
    this.saveDraft();
  }

  renderLocation() {
    const line = this.root?.querySelector('#report-location');
    if (!line) return;
    const t = this.text();
    const where = this.draft.location;
    if (!where) {
      line.textContent = '';
      return;
    }
    const source = { map: t.locationFromMap, centre: t.locationFromCentre, device: t.locationFromDevice }[where.source];
    const desa = this.location.desaAt(where);
    const desaText = desa === null ? '' : ` · ${desa ? `${t.desa} ${desa}` : t.outsideDesa}`;
    line.textContent = `${where.lat.toFixed(5)}, ${where.lon.toFixed(5)} (${source})${desaText}`;
  }

  async useDevicePosition() {
    try {
      this.setLocation(await this.location.devicePosition());
    } catch (error) {
      console.warn(`badungMap: the device position could not be read: ${error.message}`);
      const messages = {
        denied: 'positionDenied', unavailable: 'positionUnavailable', timeout: 'positionTimeout', unsupported: 'positionUnsupported',
      };
      this.notice = messages[error.reason] || 'positionUnavailable';
      this.render();
    }
  }

  fieldsFromDraft() {
    const draft = this.draft;
    const fields = {
      service_code: draft.serviceCode,
      description: draft.description,
      attribute: draft.attributes,
      consent: draft.consent === true,
    };
    if (draft.location) {
      fields.lat = Number(draft.location.lat.toFixed(6));
      fields.long = Number(draft.location.lon.toFixed(6));
    }
    for (const name of personalFields) fields[name] = draft[name];
    return fields;
  }

  // "Kirim": checks the form in the core and moves it into the outbox. The
  // draft's local id makes a second tap (or a tap after a reload) a no-op.
  async onSubmit(event) {
    event.preventDefault();
    if (this.submitting) return;
    if (await this.rejectOutsideBadung()) return;
    this.submitting = true;
    const button = this.root.querySelector('#report-send');
    if (button) button.disabled = true;
    try {
      await this.submitReport(this.fieldsFromDraft(), {
        localId: this.draft.fixing || this.draft.localId, descriptionRequired: true,
      });
      this.errors = [];
      // The outbox sends at once when the browser is online.
      this.notice = navigator.onLine ? 'sending' : 'queued';
      const kept = this.draft;
      this.draft = emptyDraft(this.newLocalId());
      this.draft.serviceCode = kept.serviceCode;
      this.draft.location = kept.location;
      this.saveDraft();
      await this.loadDefinition();
    } catch (error) {
      this.errors = error.errors || [{ field: '', code: 'failed', message: error.message }];
      this.notice = '';
      if (!error.errors) this.notice = error.message;
    } finally {
      this.submitting = false;
    }
    this.render();
    if (this.errors.length > 0) this.focusFirstError();
  }

  // Keeps a report whose location lies outside Badung out of the outbox,
  // because the server would reject it, and names the other fields to fix
  // with it, so one tap on "Kirim" lists everything. Returns true when it
  // kept the report back.
  async rejectOutsideBadung() {
    const distance = this.location.distanceToDesaM(this.draft.location);
    if (distance === null || distance <= reportAreaMarginM) return false;
    const others = [];
    try {
      await this.checkReport(this.fieldsFromDraft(), { descriptionRequired: true });
    } catch (error) {
      if (error.errors) others.push(...error.errors.filter((found) => found.field !== 'lat' && found.field !== 'long'));
    }
    this.errors = [{ field: 'lat', code: 'outside_area', message: this.text().outsideBadung }, ...others];
    this.notice = '';
    this.render();
    this.focusFirstError();
    return true;
  }

  // Moves the focus to the first invalid field, else to the form's message.
  focusFirstError() {
    this.root.querySelector('[aria-invalid="true"], #report-message')?.focus?.();
  }

  // Loads a rejected item into the form, to fix it and send it again.
  async startFixing(item) {
    const fields = item.fields;
    const attributes = {};
    for (const [name, value] of Object.entries(fields)) {
      const match = /^attribute\[(.+?)\](\[\])?$/.exec(name);
      if (match) attributes[match[1]] = value;
    }
    this.draft = {
      ...emptyDraft(this.newLocalId()),
      serviceCode: fields.service_code || '',
      attributes,
      description: fields.description || '',
      location: fields.lat && fields.long ? { lat: Number(fields.lat), lon: Number(fields.long), source: 'map' } : null,
      first_name: fields.first_name || '', last_name: fields.last_name || '',
      email: fields.email || '', phone: fields.phone || '', consent: fields.consent === 'true',
      fixing: item.localId,
    };
    this.errors = item.reason ? [{ field: '', code: 'rejected', message: item.reason }] : [];
    this.notice = item.reason;
    this.view = 'form';
    this.saveDraft();
    await this.loadDefinition();
    this.location.showPin(this.draft.location);
    this.render();
  }

  stopFixing() {
    this.draft = emptyDraft(this.newLocalId());
    this.errors = [];
    this.notice = '';
    this.saveDraft();
    this.loadServices();
  }
}

// The outbox list and "Laporan saya" live in report-lists.js.
Object.assign(ReportPanel.prototype, listMethods);
