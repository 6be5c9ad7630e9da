// Exclusive locks shared by every tab of this origin (Web Locks API), with an
// in-page queue where the browser has none.

const localQueues = new Map();

// Runs task while holding the lock called name, and resolves to its result.
// NOTE: without navigator.locks (an insecure context, an old browser) the
// lock covers this page only, so two tabs could send the same item at once.
// The Idempotency-Key still makes the server store it once.
export function withLock(name, task, locks = globalThis.navigator?.locks) {
  if (locks && typeof locks.request === 'function') {
    return locks.request(name, { mode: 'exclusive' }, () => task());
  }
  const previous = localQueues.get(name) || Promise.resolve();
  const run = previous.then(() => task());
  localQueues.set(name, run.catch(() => {}));
  return run;
}
