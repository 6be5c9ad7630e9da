// Whether the last request to the map server got a response from it.
// navigator.onLine is true whenever the device has some network, so with
// the server down the connection line would still read "Daring". The
// outbox reports each send's outcome here, fetch-watch.js every other
// request of the page, and the offline panel shows the last one.

export const serverReachabilityEvent = 'badung-server-reachability';

// Tells the page that a request to the server got a response (true) or
// failed without one (false).
export function reportServerReachable(reachable) {
  window.dispatchEvent(new CustomEvent(serverReachabilityEvent, { detail: { reachable } }));
}
