// Watches the outcome of every request the page makes to its own server
// with fetch (tiles, layers, catalog, services, reports) and reports it as
// the map server's reachability (see reachability.js). The connection line
// thus shows a server that is down without a request of its own. Loaded
// before the page's other scripts, as a classic script, since they call
// fetch as they load.
//
// A response that the service worker took from storage after the network
// failed carries X-Badung-Network: failed and counts as unreachable. Other
// stored responses (the offline pack, the shell) are not counted, as they
// do not show whether the server can be reached. A gateway error (502,
// 503, 504) means a proxy could not reach it. An aborted request is not
// counted either.
//
// An idle page makes no requests. So while the page is visible and online,
// a HEAD request checks the server after probe.idleMs without an outcome,
// and every probe.retryMs while it is unreachable. The line then follows a
// server that stops or restarts while the map is left alone.
(() => {
  const reachabilityEvent = 'badung-server-reachability';
  const gatewayErrors = new Set([502, 503, 504]);
  const pageFetch = window.fetch.bind(window);
  // Intervals in ms. window.badungReachabilityProbe, set before this script
  // runs, overrides them (the browser tests shorten them).
  const probe = { idleMs: 30000, retryMs: 10000, ...window.badungReachabilityProbe };
  const probeUrl = new URL('manifest.webmanifest', document.baseURI).href;
  let lastOutcomeMs = Date.now();

  // The value last reported by anyone (the outbox reports too), kept on
  // window for the offline panel, which loads later as a module. Only a
  // change is reported, so a page that loads many tiles raises few events.
  window.badungServerReachable = true;
  window.addEventListener(reachabilityEvent, (event) => {
    window.badungServerReachable = event.detail.reachable;
  });

  function report(reachable) {
    if (reachable === window.badungServerReachable) return;
    window.dispatchEvent(new CustomEvent(reachabilityEvent, { detail: { reachable } }));
  }

  function isOwnServer(input) {
    const address = typeof input === 'object' && input !== null && 'url' in input ? input.url : String(input);
    return new URL(address, window.location.href).origin === window.location.origin;
  }

  function hear(response) {
    lastOutcomeMs = Date.now();
    if (response.headers.get('X-Badung-Network') === 'failed') {
      report(false);
    } else if (!response.headers.has('X-Badung-Source')) {
      report(!gatewayErrors.has(response.status));
    }
  }

  window.fetch = async (input, init) => {
    const watched = isOwnServer(input);
    try {
      const response = await pageFetch(input, init);
      if (watched) hear(response);
      return response;
    } catch (error) {
      if (watched && error?.name !== 'AbortError') {
        lastOutcomeMs = Date.now();
        report(false);
      }
      throw error;
    }
  };

  // Schedules the next check, which sends the probe only when no request
  // to the server completed during the interval.
  function scheduleProbe() {
    const intervalMs = window.badungServerReachable ? probe.idleMs : probe.retryMs;
    setTimeout(async () => {
      const quiet = Date.now() - lastOutcomeMs >= intervalMs;
      if (quiet && document.visibilityState === 'visible' && navigator.onLine !== false) {
        try {
          await window.fetch(probeUrl, { method: 'HEAD', cache: 'no-store' });
        } catch (error) {
          // window.fetch above has already reported the failure.
        }
      }
      scheduleProbe();
    }, intervalMs);
  }
  scheduleProbe();
})();
