// IndexedDB storage of the offline pack, shared by the page (as a module
// import) and the service worker (through importScripts). It defines
// self.BadungPackDb.
//
// Database "badung-offline", version 1:
//   entries: one record per pack file or tile, keyed by its URL path
//            relative to the site root: {path, sha256, size, type, encoding,
//            body}. body is an ArrayBuffer of what the server sent (tiles
//            inflated), gzip-compressed when encoding is 'gzip' (other
//            records hold it as it came); size and sha256 are those
//            of the uncompressed bytes, as pack.json lists them.
//   meta:    'pack'     {dataVersion, bytes, files, tiles, completedAt}; written
//                       last, in one transaction with 'manifest', only after
//                       every entry is stored and verified.
//            'manifest' the pack.json the pack was built from.
//            'latest'   {dataVersion, checkedAt}: the newest pack.json seen online.
(function (scope) {
  'use strict';

  const name = 'badung-offline';
  const version = 1;

  function promisify(request) {
    return new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  function open() {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('entries')) db.createObjectStore('entries', { keyPath: 'path' });
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
    };
    return promisify(request);
  }

  // Resolves when the transaction commits; rejects with its error (for
  // example QuotaExceededError) when it aborts.
  function done(transaction) {
    return new Promise((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onabort = () => reject(transaction.error || new DOMException('transaction aborted', 'AbortError'));
      transaction.onerror = () => reject(transaction.error);
    });
  }

  async function streamBytes(buffer, transform) {
    const stream = new Blob([buffer]).stream().pipeThrough(transform);
    return new Response(stream).arrayBuffer();
  }

  // The gzip form of buffer, for storing an entry (about half the size).
  function compress(buffer) {
    return streamBytes(buffer, new CompressionStream('gzip'));
  }

  // The uncompressed bytes of a stored entry record. Rejects when a
  // compressed body is damaged.
  async function entryBytes(record) {
    if (record.encoding === 'gzip') return streamBytes(record.body, new DecompressionStream('gzip'));
    return record.body;
  }

  async function getMeta(db, key) {
    return promisify(db.transaction('meta').objectStore('meta').get(key));
  }

  async function putMeta(db, key, value) {
    const transaction = db.transaction('meta', 'readwrite');
    transaction.objectStore('meta').put(value, key);
    return done(transaction);
  }

  async function getEntry(db, path) {
    return promisify(db.transaction('entries').objectStore('entries').get(path));
  }

  // Stores a batch of entries in one transaction of its own: a failure
  // (a full quota, a closed database) rolls back this batch only and
  // leaves every entry stored before as it was.
  async function putEntries(db, entries) {
    const transaction = db.transaction('entries', 'readwrite');
    const store = transaction.objectStore('entries');
    for (const entry of entries) store.put(entry);
    return done(transaction);
  }

  // Every stored entry, read in one transaction.
  async function allEntries(db) {
    return promisify(db.transaction('entries').objectStore('entries').getAll());
  }

  // Commits the pack record and its manifest together.
  async function commitPack(db, record, manifest) {
    const transaction = db.transaction('meta', 'readwrite');
    transaction.objectStore('meta').put(manifest, 'manifest');
    transaction.objectStore('meta').put(record, 'pack');
    return done(transaction);
  }

  async function entryPaths(db) {
    return promisify(db.transaction('entries').objectStore('entries').getAllKeys());
  }

  async function deleteEntries(db, paths) {
    const transaction = db.transaction('entries', 'readwrite');
    const store = transaction.objectStore('entries');
    for (const path of paths) store.delete(path);
    return done(transaction);
  }

  // Deletes the pack: its record first, so a half-finished delete never
  // leaves a pack that claims entries it lacks.
  async function clear(db) {
    let transaction = db.transaction('meta', 'readwrite');
    transaction.objectStore('meta').delete('pack');
    transaction.objectStore('meta').delete('manifest');
    await done(transaction);
    transaction = db.transaction('entries', 'readwrite');
    transaction.objectStore('entries').clear();
    return done(transaction);
  }

  scope.BadungPackDb = {
    open, getMeta, putMeta, getEntry, putEntries, allEntries, commitPack, entryPaths, deleteEntries, clear,
    compress, entryBytes,
  };
}(self));
