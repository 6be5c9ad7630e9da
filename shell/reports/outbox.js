// The report outbox of the page: reports wait in IndexedDB until the city
// API acknowledges them, and are sent one at a time with their own
// Idempotency-Key.
//
// The core (core/outbox through the Embind class ReportOutbox) decides every
// state change, key and retry delay; this file stores, locks and sends.
// Two locks shared by all tabs (Web Locks) keep that safe:
// - the store lock around each read-change-write of the stored document,
//   so no tab overwrites another's change;
// - the send lock around choosing an item, POSTing it and recording the
//   outcome, so one item is never in flight twice, also from two tabs.
// A change that may touch an item in flight (resubmit, discard) also takes
// the send lock. Enqueueing only adds an item, so the store lock suffices.

import { reportServerReachable } from '../offline/reachability.js';
import { withLock } from './locks.js';
import { uploadPhoto } from './photo.js';

const storeLockName = 'badung-outbox-store';
const sendLockName = 'badung-outbox-send';
const channelName = 'badung-outbox';

// A POST with no response after this is taken as failed and retried.
const defaultSendTimeoutMs = 30000;
// A safety net for timers a sleeping phone dropped.
const recheckIntervalMs = 60000;

function debugLog(...parts) {
  try {
    if ((globalThis.localStorage?.getItem('badungDebug') || '').includes('outbox')) {
      console.debug('[outbox]', ...parts);
    }
  } catch (error) {
    // Storage blocked by the browser: no debug log.
  }
}

// Returns a Retry-After header (seconds or an HTTP date) in milliseconds, or -1.
export function retryAfterMs(header, nowMs = Date.now()) {
  if (!header) return -1;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? -1 : Math.max(0, date - nowMs);
}

// Returns the fields of a stored item as an object: repeated names (a
// multivaluelist attribute) become arrays.
function fieldsObject(pairs) {
  const fields = {};
  for (const [name, value] of pairs || []) {
    if (name.endsWith('[]')) {
      (fields[name] ||= []).push(value);
    } else {
      fields[name] = value;
    }
  }
  return fields;
}

// The public form of a stored item (see docs/js-api.md, outbox()).
function publicItem(stored) {
  return {
    localId: stored.local_id,
    state: stored.state,
    serviceRequestId: stored.service_request_id || null,
    token: stored.token || null,
    reason: stored.last_error || '',
    httpStatus: stored.http_status || 0,
    attempts: stored.attempts || 0,
    createdAt: stored.created_at,
    nextAttemptAt: stored.next_attempt_at || null,
    idempotencyKey: stored.idempotency_key,
    fields: fieldsObject(stored.fields),
  };
}

export class ReportOutbox extends EventTarget {
  // createCore: returns a new core outbox (module.ReportOutbox); the caller
  // of each one deletes it. store: an OutboxStore. apiUrl: base URL of the
  // city API ('' for this origin).
  constructor({ createCore, store, apiUrl = '', sendTimeoutMs = defaultSendTimeoutMs }) {
    super();
    this.createCore = createCore;
    this.store = store;
    this.apiUrl = apiUrl;
    this.sendTimeoutMs = sendTimeoutMs;
    this.items = [];
    this.inFlightLocalId = null;
    this.pumping = null;
    this.pumpAgain = false;
    this.timer = null;
    this.channel = null;
  }

  // Loads the stored items, listens for the network and other tabs, and
  // starts sending what is due.
  async start() {
    await this.change(() => null);

    window.addEventListener('online', () => {
      debugLog('online: retrying now');
      this.change((core) => core.resetBackoff(Date.now())).then(() => this.pump());
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.pump();
    });
    if (typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(channelName);
      this.channel.onmessage = () => this.reload();
    }
    setInterval(() => this.pump(), recheckIntervalMs);
    this.pump();
  }

  // Adds a report ([[name, value], ...]) under localId and starts sending it.
  // Resolves to the item; a localId already in the outbox returns that item
  // unchanged, so a second tap on "Kirim" sends nothing more.
  async enqueue(localId, pairs) {
    const added = await this.change((core) => core.enqueue(localId, JSON.stringify(pairs), Date.now()));
    debugLog(added ? 'enqueued' : 'already queued', localId);
    this.pump();
    return this.find(localId);
  }

  // Replaces the fields of an item the city rejected and sends it again with
  // a new Idempotency-Key. Resolves to false when the item is not waiting
  // for a fix.
  async resubmit(localId, pairs) {
    const done = await withLock(sendLockName,
      () => this.change((core) => core.resubmit(localId, JSON.stringify(pairs), Date.now())));
    this.pump();
    return done;
  }

  // Removes an item that is not being sent, with its photo; resolves to
  // whether it did.
  async discard(localId) {
    const done = await withLock(sendLockName, () => this.change((core) => core.discard(localId)));
    if (done) await this.store.setPhoto(localId, null);
    return done;
  }

  // Returns the item of localId as last stored, or null.
  find(localId) {
    return this.items.find((item) => item.localId === localId) || null;
  }

  // Sends every due item, one after the other. Calls while a run is going
  // on make it check once more at its end instead of starting another run.
  pump() {
    if (this.pumping) {
      this.pumpAgain = true;
      return this.pumping;
    }
    this.pumping = (async () => {
      try {
        do {
          this.pumpAgain = false;
          await this.drain();
        } while (this.pumpAgain);
      } catch (error) {
        console.error(`badungMap: the report outbox stopped sending: ${error.message}`);
      } finally {
        this.pumping = null;
      }
    })();
    return this.pumping;
  }

  // ---- internals ---------------------------------------------------------

  // Runs operation(core) on a core outbox holding the stored items, under
  // the store lock, and stores the result. Resolves to operation's result.
  change(operation) {
    return withLock(storeLockName, async () => {
      const core = this.createCore();
      try {
        const before = await this.loadInto(core);
        const result = operation(core);
        await this.save(core, before);
        return result;
      } finally {
        core.delete();
      }
    });
  }

  // Merges the stored document into core; resolves to the document text.
  async loadInto(core) {
    const text = await this.store.read();
    const outcome = JSON.parse(core.mergeStored(text));
    if (outcome.error) {
      console.error(`badungMap: the stored report outbox is unreadable and was set aside: ${outcome.error}`);
      await this.store.keepUnreadable(text);
    }
    for (const problem of outcome.problems) {
      console.error(`badungMap: a stored report could not be read and was dropped: ${problem}`);
    }
    return text;
  }

  async save(core, before) {
    const text = core.itemsJson();
    if (text !== before) {
      await this.store.write(text);
      this.channel?.postMessage('changed');
    }
    this.show(text);
  }

  async reload() {
    this.show(await this.store.read());
  }

  show(text) {
    const stored = text ? JSON.parse(text).items : [];
    this.items = stored.map(publicItem);
    for (const item of this.items) {
      if (item.localId === this.inFlightLocalId && item.state === 'pending') item.state = 'sending';
    }
    this.dispatchEvent(new Event('change'));
  }

  async drain() {
    if (navigator.onLine === false) {
      debugLog('offline: waiting for the online event');
      return;
    }
    await withLock(sendLockName, async () => {
      for (;;) {
        const sent = await this.sendNext();
        if (!sent || navigator.onLine === false) return;
      }
    });
  }

  // Sends the next due item, if any, and records the outcome. Resolves to
  // whether an item was sent. Runs under the send lock.
  async sendNext() {
    const core = this.createCore();
    try {
      const ticketText = await withLock(storeLockName, async () => {
        const before = await this.loadInto(core);
        const text = core.nextToSend(Date.now());
        await this.save(core, before);
        return text;
      });
      if (!ticketText) {
        this.schedule(core.nextDueMs());
        return false;
      }

      const ticket = JSON.parse(ticketText);
      this.inFlightLocalId = ticket.local_id;
      debugLog('sending', ticket.local_id, 'attempt', ticket.attempt);
      const outcome = await this.post(ticket);
      debugLog('outcome', ticket.local_id, outcome);
      reportServerReachable(outcome.kind === 'response');

      await withLock(storeLockName, async () => {
        const before = await this.loadInto(core);
        this.inFlightLocalId = null;
        this.record(core, ticket, outcome);
        await this.save(core, before);
      });
      const item = this.find(ticket.local_id);
      if (item?.state === 'sent') await this.store.setPhoto(item.localId, null); // the city has it now
      if (item) this.dispatchEvent(new CustomEvent('outcome', { detail: item }));
      return true;
    } finally {
      this.inFlightLocalId = null;
      core.delete();
    }
  }

  record(core, ticket, outcome) {
    const { local_id: localId, idempotency_key: key, attempt } = ticket;
    const now = Date.now();
    if (outcome.kind === 'response') {
      core.recordResponse(localId, key, attempt, outcome.status, outcome.body, outcome.retryAfterMs, now);
    } else if (outcome.kind === 'timeout') {
      core.recordTimeout(localId, key, attempt, now);
    } else {
      core.recordNetworkError(localId, key, attempt, outcome.reason, now);
    }
  }

  // POSTs a ticket's fields as application/x-www-form-urlencoded, after
  // uploading the report's photo if it has one. Resolves to {kind:
  // 'response', status, body, retryAfterMs}, {kind: 'timeout'} or {kind:
  // 'network', reason}; never rejects.
  async post(ticket) {
    const body = new URLSearchParams();
    for (const [name, value] of ticket.fields) body.append(name, value);

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.sendTimeoutMs);
    try {
      const photoFailure = await this.addPhoto(ticket.local_id, body, controller.signal);
      if (photoFailure) return photoFailure;

      const response = await fetch(`${this.apiUrl}/open311/v2/requests.json`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Idempotency-Key': ticket.idempotency_key,
          Accept: 'application/json',
        },
        body,
        cache: 'no-store',
        signal: controller.signal,
      });
      const text = await response.text();
      return {
        kind: 'response',
        status: response.status,
        body: text,
        retryAfterMs: retryAfterMs(response.headers.get('Retry-After')),
      };
    } catch (error) {
      if (controller.signal.aborted) return { kind: 'timeout' };
      return { kind: 'network', reason: `network error: ${error.message}` };
    } finally {
      clearTimeout(timer);
    }
  }

  // Adds the media_url of the report's stored photo to body, uploading the
  // photo first if it was not uploaded yet. The URL is kept, so every resend
  // under the same Idempotency-Key has the same body. Resolves to null, or
  // to a response outcome when the server rejected the photo.
  async addPhoto(localId, body, signal) {
    if (body.has('media_url')) return null;
    const photo = await this.store.photo(localId);
    if (!photo) return null;

    if (!photo.mediaUrl) {
      const upload = await uploadPhoto(this.apiUrl, photo.blob, signal);
      if (!upload.mediaUrl) {
        return { kind: 'response', status: upload.status, body: upload.body, retryAfterMs: -1 };
      }
      photo.mediaUrl = upload.mediaUrl;
      await this.store.setPhoto(localId, photo);
    }
    body.append('media_url', photo.mediaUrl);
    return null;
  }

  schedule(dueMs) {
    clearTimeout(this.timer);
    this.timer = null;
    if (dueMs < 0) return;
    const wait = Math.max(0, dueMs - Date.now());
    debugLog('next send in', wait, 'ms');
    this.timer = setTimeout(() => this.pump(), wait);
  }
}
