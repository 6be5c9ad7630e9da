// Report fields: the object callers and the form use, and the ordered
// [name, value] pairs the core checks and the outbox POSTs.

export const personalFields = ['first_name', 'last_name', 'email', 'phone'];

const leadingFields = ['service_code', 'lat', 'long', 'address_string', 'address_id', 'description'];
const trailingFields = ['media_url', ...personalFields, 'device_id'];

function text(value) {
  return typeof value === 'number' ? String(value) : String(value ?? '').trim();
}

// Returns whether fields carry any personal data (the device id counts).
export function hasPersonalData(fields) {
  return [...personalFields, 'device_id'].some((name) => text(fields[name]) !== '');
}

// Converts {service_code, lat, long, description, attribute: {code: value or
// [values]}, first_name, …, consent} into pairs in the order Open311 lists
// them. Empty values are left out; "consent=true" goes with personal data.
export function fieldsToPairs(fields) {
  const pairs = [];
  const add = (name, value) => {
    const valueText = text(value);
    if (valueText !== '') pairs.push([name, valueText]);
  };

  for (const name of leadingFields) add(name, fields[name]);
  for (const [code, value] of Object.entries(fields.attribute || {})) {
    if (Array.isArray(value)) {
      for (const item of value) add(`attribute[${code}][]`, item);
    } else {
      add(`attribute[${code}]`, value);
    }
  }
  for (const [name, value] of Object.entries(fields)) {
    if (!name.startsWith('attribute[')) continue;
    for (const item of Array.isArray(value) ? value : [value]) add(name, item);
  }
  for (const name of trailingFields) add(name, fields[name]);
  if (hasPersonalData(fields)) pairs.push(['consent', fields.consent === true ? 'true' : 'false']);
  return pairs;
}
