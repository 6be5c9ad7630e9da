// The outbox list and "Laporan saya" (my reports) of the report form: each
// report's state, and the city's current status of the sent ones. These are
// methods of ReportPanel (report-form.js), which copies them in.

import { el } from './dom.js';
import { serviceName } from './services.js';

// Formats an ISO 8601 time in the UI language and Badung's time zone (WITA,
// UTC+8): "5 Des 2026 20.29 WITA". Text that is not a valid time stays as it is.
export function formatDateTime(text, language) {
  if (typeof text !== 'string') return String(text);
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) return text;

  const locale = language === 'en' ? 'en-GB' : 'id-ID';
  const zone = { timeZone: 'Asia/Makassar' };
  const date = new Intl.DateTimeFormat(locale, { ...zone, day: 'numeric', month: 'short', year: 'numeric' });
  const clock = new Intl.DateTimeFormat(locale, { ...zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${date.format(time)} ${clock.format(time)} WITA`;
}

// The reason core/outbox/send_outcome.cpp records for a send that timed out.
const timeoutReason = 'the request timed out';

// Why a waiting report was not sent yet, in the UI language: the recorded
// reason is English for the debug log and badungMap.outbox().
function retryReason(t, item) {
  if (item.httpStatus > 0) return t.reasonServer(item.httpStatus);
  return item.reason === timeoutReason ? t.reasonTimeout : t.reasonNetwork;
}

export const listMethods = {
  renderLists() {
    const box = this.root?.querySelector('#report-outbox');
    if (box) this.renderOutbox(box);
    const mine = this.root?.querySelector('#report-mine');
    if (mine) this.renderMine(mine);
  },

  stateLabel(item) {
    const t = this.text();
    const labels = { pending: t.statePending, sending: t.stateSending, sent: t.stateSent, needs_fix: t.stateNeedsFix };
    return labels[item.state] || item.state;
  },

  itemTitle(item) {
    const service = this.services.find((entry) => entry.service_code === item.fields.service_code);
    const name = service ? serviceName(service, this.language()) : item.fields.service_code;
    const description = item.fields.description || '';
    return description ? `${name}: ${description.slice(0, 80)}` : name;
  },

  renderOutbox(box) {
    const t = this.text();
    const waiting = this.outbox.items.filter((item) => item.state !== 'sent');
    const justSent = this.outbox.items.filter((item) => item.state === 'sent').slice(-3);
    const rows = [...waiting, ...justSent].map((item) => {
      let detail = '';
      if (item.state === 'sent') {
        detail = `${t.requestId} ${item.serviceRequestId || item.token}`;
      } else if (item.state === 'needs_fix') {
        detail = item.reason;
      } else if (item.attempts > 0 && item.reason) {
        detail = `${t.attempt} ${item.attempts}, ${t.lastError}: ${retryReason(t, item)}`;
      }
      return el('li', { class: `report-item report-${item.state}`, 'data-local-id': item.localId, 'data-state': item.state },
        el('span', { class: 'report-item-title' }, this.itemTitle(item)),
        el('span', { class: 'report-state' }, this.stateLabel(item)),
        detail ? el('span', { class: 'report-detail' }, detail) : null,
        item.state === 'needs_fix'
          ? el('span', { class: 'report-buttons' },
            el('button', { type: 'button', class: 'report-fix', onclick: () => this.startFixing(item) }, t.fix),
            el('button', { type: 'button', onclick: () => this.outbox.discard(item.localId) }, t.discard))
          : null);
    });
    box.replaceChildren(el('h3', {}, t.outbox),
      rows.length > 0 ? el('ul', { class: 'report-list' }, ...rows) : el('p', { class: 'report-hint' }, t.outboxEmpty));
  },

  myReportsSection() {
    const t = this.text();
    return el('section', { id: 'report-mine-section' },
      el('button', { type: 'button', onclick: () => this.refreshStatuses() }, t.refresh),
      el('div', { id: 'report-mine', 'aria-live': 'polite' }));
  },

  renderMine(box) {
    const t = this.text();
    const sent = this.outbox.items.filter((item) => item.state === 'sent' && item.serviceRequestId).reverse();
    if (sent.length === 0) {
      box.replaceChildren(el('p', { class: 'report-hint' }, t.myReportsEmpty));
      return;
    }
    box.replaceChildren(el('ul', { class: 'report-list' }, ...sent.map((item) => {
      const status = this.statuses.get(item.serviceRequestId);
      const lines = [];
      if (status && status !== 'failed') {
        const statusName = { open: t.statusOpen, closed: t.statusClosed }[status.status] || status.status;
        lines.push(el('span', { class: 'report-state' }, statusName));
        if (status.status_notes) lines.push(el('span', { class: 'report-detail' }, `${t.notes}: ${status.status_notes}`));
        if (status.agency_responsible) lines.push(el('span', { class: 'report-detail' }, `${t.agency}: ${status.agency_responsible}`));
        if (status.expected_datetime) lines.push(el('span', { class: 'report-detail' }, `${t.expected}: ${this.formatTime(status.expected_datetime)}`));
        if (status.updated_datetime) lines.push(el('span', { class: 'report-detail' }, `${t.updated}: ${this.formatTime(status.updated_datetime)}`));
      } else {
        lines.push(el('span', { class: 'report-detail' }, t.statusUnknown));
      }
      return el('li', { class: 'report-item', 'data-request-id': item.serviceRequestId, 'data-status': status?.status || '' },
        el('span', { class: 'report-item-title' }, this.itemTitle(item)),
        el('span', { class: 'report-detail' }, `${t.requestId} ${item.serviceRequestId} · ${t.sentAt} ${this.formatTime(item.createdAt)}`),
        ...lines);
    })));
  },

  formatTime(text) {
    return formatDateTime(text, this.language());
  },

  refreshStatuses() {
    const ids = this.outbox.items.filter((item) => item.state === 'sent' && item.serviceRequestId)
      .map((item) => item.serviceRequestId);
    return Promise.all(ids.map((id) => this.loadStatus(id)));
  },

  // Reads the city's current status of one request (GET requests/{id}.json).
  async loadStatus(id) {
    if (!id) return;
    try {
      const url = `${this.catalog.base}/requests/${encodeURIComponent(id)}.json`;
      const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-cache' });
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      const json = await response.json();
      this.statuses.set(id, Array.isArray(json) ? json[0] : json);
    } catch (error) {
      if (!this.statuses.has(id)) this.statuses.set(id, 'failed');
      console.warn(`badungMap: the status of request ${id} could not be loaded: ${error.message}`);
    }
    this.renderLists();
  },
};
