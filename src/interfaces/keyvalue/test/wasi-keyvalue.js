// wasi:keyvalue@0.2.0-draft (store, atomics, batch) for jco, in memory. Map with
//   --map 'wasi:keyvalue/*=<abs path of this file>#*'
// State lives in this module, so it lasts as long as the process: `jco serve` (without
// --isolate-requests) runs every request on one component instance in one process, so a counter
// goes 1, 2, 3 across requests. Each call is recorded, e.g.
// {"kind":"keyvalue","op":"increment","bucket":"b","key":"k","delta":1,"value":2}.
import { HostError, record } from '../../../../test/support/hosts/record.js';

/** bucket identifier -> Map(key -> Uint8Array) */
const buckets = new Map();
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function data(identifier) {
  let map = buckets.get(identifier);
  if (!map) {
    map = new Map();
    buckets.set(identifier, map);
  }
  return map;
}

class Bucket {
  #identifier;
  constructor(identifier) {
    this.#identifier = identifier;
  }
  static _identifier(bucket) {
    return bucket.#identifier;
  }
  get(key) {
    const value = data(this.#identifier).get(key);
    record({ kind: 'keyvalue', op: 'get', bucket: this.#identifier, key, found: value !== undefined });
    return value === undefined ? undefined : value.slice();
  }
  set(key, value) {
    record({ kind: 'keyvalue', op: 'set', bucket: this.#identifier, key, size: value.length });
    data(this.#identifier).set(key, Uint8Array.from(value));
  }
  delete(key) {
    record({ kind: 'keyvalue', op: 'delete', bucket: this.#identifier, key });
    data(this.#identifier).delete(key);
  }
  exists(key) {
    return data(this.#identifier).has(key);
  }
  listKeys(cursor) {
    const keys = [...data(this.#identifier).keys()].sort();
    const start = cursor === undefined ? 0 : Number(cursor);
    return { keys: keys.slice(start), cursor: undefined };
  }
}

const identifierOf = Bucket._identifier;
delete Bucket._identifier;

export const store = {
  Bucket,
  open(identifier) {
    record({ kind: 'keyvalue', op: 'open', bucket: identifier });
    return new Bucket(identifier);
  },
};

export const atomics = {
  increment(bucket, key, delta) {
    const identifier = identifierOf(bucket);
    const map = data(identifier);
    const old = map.get(key);
    let current = 0n;
    if (old !== undefined) {
      const str = decoder.decode(old);
      if (!/^\d+$/.test(str)) throw new HostError({ tag: 'other', val: `value of ${key} is not a number: ${str}` });
      current = BigInt(str);
    }
    const next = BigInt.asUintN(64, current + BigInt(delta));
    map.set(key, encoder.encode(next.toString()));
    record({ kind: 'keyvalue', op: 'increment', bucket: identifier, key, delta: Number(delta), value: Number(next) });
    return next;
  },
};

export const batch = {
  getMany(bucket, keys) {
    const map = data(identifierOf(bucket));
    return keys.map((key) => (map.has(key) ? [key, map.get(key).slice()] : undefined));
  },
  setMany(bucket, keyValues) {
    const map = data(identifierOf(bucket));
    for (const [key, value] of keyValues) map.set(key, Uint8Array.from(value));
  },
  deleteMany(bucket, keys) {
    const map = data(identifierOf(bucket));
    for (const key of keys) map.delete(key);
  },
};
