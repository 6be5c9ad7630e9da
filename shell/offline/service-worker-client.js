// Registers sw.js for the shell version in shell-manifest.json and reports
// a waiting new version, which the user activates with acceptUpdate().
const scriptName = 'sw.js';

// Calls onUpdate(accept) when a new shell version has installed and waits.
export async function registerServiceWorker({ onUpdate }) {
  if (!('serviceWorker' in navigator)) return null;

  let version = null;
  try {
    const response = await fetch('shell-manifest.json', { cache: 'no-store' });
    if (response.ok) version = (await response.json()).version;
  } catch (error) {
    // Offline: keep the registration the browser has.
  }
  const existing = await navigator.serviceWorker.getRegistration();
  let registration = existing;
  if (version) {
    registration = await navigator.serviceWorker.register(`${scriptName}?v=${encodeURIComponent(version)}`);
  }
  if (!registration) return null;

  const offer = (worker) => {
    onUpdate(() => {
      let reloaded = false;
      navigator.serviceWorker.addEventListener('controllerchange', () => {
        if (reloaded) return;
        reloaded = true;
        window.location.reload();
      });
      worker.postMessage({ type: 'skip-waiting' });
    });
  };
  const watchInstalling = (worker) => {
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
    });
  };

  if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
  if (registration.installing) watchInstalling(registration.installing);
  registration.addEventListener('updatefound', () => {
    if (registration.installing) watchInstalling(registration.installing);
  });
  return registration;
}

// Tells the active worker that the stored pack changed.
export function notifyPackChanged() {
  const controller = navigator.serviceWorker && navigator.serviceWorker.controller;
  if (controller) controller.postMessage({ type: 'pack-changed' });
}
