// wasi:config/store@0.2.0-draft for jco. Map with
//   --map 'wasi:config/*=<abs path of this file>#*'
// Values come from CWP_CONFIG, a JSON object of string values (read on every call, so it is the
// environment of the process the component runs in). Each call is recorded as
// {"kind":"config-get","key":"...","value":"..."|null} or {"kind":"config-get-all"}.
import process from 'node:process';
import { HostError, record } from '../../../../test/support/hosts/record.js';

function values() {
  const raw = process.env.CWP_CONFIG;
  if (!raw) return {};
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new HostError({ tag: 'io', val: `CWP_CONFIG is not JSON: ${error.message}` });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new HostError({ tag: 'io', val: 'CWP_CONFIG must be a JSON object' });
  }
  const out = {};
  for (const [key, value] of Object.entries(parsed)) out[key] = String(value);
  return out;
}

export const store = {
  get(key) {
    const all = values();
    const value = Object.hasOwn(all, key) ? all[key] : undefined;
    record({ kind: 'config-get', key, value: value ?? null });
    return value;
  },
  getAll() {
    record({ kind: 'config-get-all' });
    return Object.entries(values());
  },
};
