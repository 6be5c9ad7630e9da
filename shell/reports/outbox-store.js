// IndexedDB storage of the report outbox: one record holding the core's
// JSON document of every item (core/outbox/outbox_json.hpp describes it).
// The document is small (a few kilobytes a report), so reading and writing it
// whole keeps every change one atomic transaction.

const databaseName = 'badung-reports';
const databaseVersion = 2;
const storeName = 'outbox';
// Report photos by local id: {blob, mediaUrl}, mediaUrl once uploaded.
const photoStoreName = 'photos';
const documentKey = 'items';
const damagedKey = 'items-unreadable';

function requestResult(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function transactionDone(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error || new Error('the IndexedDB transaction was aborted'));
    transaction.onerror = () => reject(transaction.error);
  });
}

// Opens the outbox database, creating its store on first use.
export async function openOutboxStore(indexedDb = globalThis.indexedDB) {
  if (!indexedDb) {
    throw new Error('this browser has no IndexedDB, so reports cannot be kept until they are sent');
  }
  const request = indexedDb.open(databaseName, databaseVersion);
  request.onupgradeneeded = () => {
    for (const name of [storeName, photoStoreName]) {
      if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
    }
  };
  const database = await requestResult(request);
  // A newer page version asking to upgrade: let it, and stop using this one.
  database.onversionchange = () => database.close();
  return new OutboxStore(database);
}

export class OutboxStore {
  constructor(database) {
    this.database = database;
  }

  // Resolves to the stored document text, or '' when nothing is stored.
  async read() {
    const transaction = this.database.transaction(storeName, 'readonly');
    const text = await requestResult(transaction.objectStore(storeName).get(documentKey));
    return typeof text === 'string' ? text : '';
  }

  // Replaces the stored document; resolves once the write is durable.
  async write(text) {
    const transaction = this.database.transaction(storeName, 'readwrite', { durability: 'strict' });
    transaction.objectStore(storeName).put(text, documentKey);
    await transactionDone(transaction);
  }

  // Keeps a document the core could not read beside the live one, so a
  // later version or a person can still recover its reports.
  async keepUnreadable(text) {
    const transaction = this.database.transaction(storeName, 'readwrite');
    transaction.objectStore(storeName).put(text, damagedKey);
    await transactionDone(transaction);
  }

  // Resolves to the photo of a report ({blob, mediaUrl}) or null.
  async photo(localId) {
    const transaction = this.database.transaction(photoStoreName, 'readonly');
    return (await requestResult(transaction.objectStore(photoStoreName).get(localId))) || null;
  }

  // Stores the photo of a report (null removes it).
  async setPhoto(localId, photo) {
    const transaction = this.database.transaction(photoStoreName, 'readwrite', { durability: 'strict' });
    const store = transaction.objectStore(photoStoreName);
    if (photo) {
      store.put(photo, localId);
    } else {
      store.delete(localId);
    }
    await transactionDone(transaction);
  }
}
