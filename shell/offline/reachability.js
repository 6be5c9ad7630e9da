// Whether the last request of the report outbox got a response from the
// map server. navigator.onLine is true whenever the device has some
// network, so with the server down the connection line would still read
// "Daring". The outbox reports each send's outcome here, and the offline
// panel shows it.

export const serverReachabilityEvent = 'badung-server-reachability';

// Tells the page that a request to the server got a response (true) or
// failed without one (false).
export function reportServerReachable(reachable) {
  window.dispatchEvent(new CustomEvent(serverReachabilityEvent, { detail: { reachable } }));
}
