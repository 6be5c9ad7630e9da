// The Open311 service list and service definitions, kept in localStorage so
// the form still works when the page opens without a network.

const listKey = 'badung-open311-services';
const definitionKeyPrefix = 'badung-open311-service:';

function readCache(key) {
  try {
    const text = localStorage.getItem(key);
    return text ? JSON.parse(text) : null;
  } catch (error) {
    return null; // storage blocked or a damaged entry: fetch again
  }
}

function writeCache(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch (error) {
    // Storage full or blocked: the form then needs the network next time.
  }
}

async function fetchJson(url, timeoutMs) {
  const response = await fetch(url, {
    headers: { Accept: 'application/json' }, cache: 'no-cache', signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
  }
  return response.json();
}

export class ServiceCatalog {
  // A request without a response after timeoutMs fails as if the server
  // were unreachable, so the form uses the stored copy and "Kirim" does
  // not wait forever.
  constructor(apiUrl, { timeoutMs = 10000 } = {}) {
    this.base = `${apiUrl}/open311/v2`;
    this.timeoutMs = timeoutMs;
    this.listPromise = null;
  }

  // Resolves to the services ([{service_code, service_name, …}]) from the
  // server, or from the last copy when the server cannot be reached.
  // Rejects when neither is available.
  list() {
    if (!this.listPromise) {
      this.listPromise = this.loadList();
      this.listPromise.catch(() => {
        this.listPromise = null; // try the network again next time
      });
    }
    return this.listPromise;
  }

  async loadList() {
    try {
      const json = await fetchJson(`${this.base}/services.json`, this.timeoutMs);
      const services = Array.isArray(json) ? json : json.services;
      if (!Array.isArray(services)) {
        throw new Error('services.json is invalid: it contains no array of services');
      }
      writeCache(listKey, services);
      this.storeDefinitions(services);
      return services;
    } catch (error) {
      const cached = readCache(listKey);
      if (Array.isArray(cached)) return cached;
      throw error;
    }
  }

  // Fetches every definition in the background, so the form can check a
  // report when the page is next used without a network.
  storeDefinitions(services) {
    for (const service of services) {
      if (service.metadata === false || service.metadata === 'false') continue;
      this.definition(service.service_code).catch(() => {});
    }
  }

  // Resolves to the service definition of code (GET services/{code}.json);
  // a service with metadata false has no attributes. Rejects for a code
  // the list does not contain, or when no definition can be had.
  async definition(code) {
    const services = await this.list();
    const service = services.find((entry) => entry.service_code === code);
    if (!service) {
      const known = services.map((entry) => entry.service_code).join(', ');
      throw Object.assign(new Error(`unknown service_code '${code}': use one of ${known}`),
        { errors: [{ field: 'service_code', code: 'unknown_service', message: `unknown service_code '${code}'` }], known });
    }
    if (service.metadata === false || service.metadata === 'false') {
      return { service_code: code, attributes: [] };
    }

    const key = definitionKeyPrefix + code;
    try {
      const definition = await fetchJson(`${this.base}/services/${encodeURIComponent(code)}.json`, this.timeoutMs);
      writeCache(key, definition);
      return definition;
    } catch (error) {
      const cached = readCache(key);
      if (cached) return cached;
      throw error;
    }
  }
}

// Returns the service's name in language, falling back to Indonesian.
export function serviceName(service, language) {
  return (language === 'en' && service.service_name_en) || service.service_name || service.service_code;
}
