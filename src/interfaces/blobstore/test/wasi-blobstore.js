// wasi:blobstore@0.2.0-draft (blobstore, container, types) for jco, in memory. Map with
//   --map 'wasi:blobstore/*=<abs path of this file>#*'
// State lives in this module (one process = one store; see keyvalue.js). Objects are written the
// way wasmCloud hosts do it: new-outgoing-value, container.write-data(name, value) (may come
// before or after the body is written), outgoing-value-write-body -> a wasi:io output-stream,
// then outgoing-value.finish commits the bytes to every (container, name) given to write-data.
// get-data(name, start, end) returns bytes start..=end: end is inclusive, as the WIT says, and a range
// past the object's end is an error here, so that an off-by-one in a component fails its test.
// Recorded: {"kind":"blobstore","op":"write"|"read"|"create-container"|...,...}.
import { io, clocks } from '../../../../test/support/hosts/preview2.js';
import { HostError, record, text } from '../../../../test/support/hosts/record.js';

const { OutputStream, InputStream } = io.streams;

/** container name -> { createdAt: bigint, objects: Map(name -> { data: Uint8Array, createdAt: bigint }) } */
const containers = new Map();

const now = () => BigInt(Math.floor(Date.now() / 1000));

function containerData(name) {
  const found = containers.get(name);
  if (!found) throw new HostError(`container ${name} does not exist`);
  return found;
}

/** An always-ready pollable: these streams never block. A genuine preview2-shim pollable, so poll.poll works on it. */
function readyPollable() {
  return clocks.monotonicClock.subscribeDuration(0n);
}

const closed = () => ({ tag: 'closed' });

/** wasi:io output-stream that buffers into an OutgoingValue. */
class MemoryOutputStream extends OutputStream {
  #value;
  constructor(value) {
    super();
    this.#value = value;
  }
  #sink() {
    const value = this.#value;
    if (!value || value.finished) throw closed();
    return value;
  }
  checkWrite() {
    this.#sink();
    return 1n << 20n;
  }
  write(buf) {
    this.#sink().chunks.push(Uint8Array.from(buf));
  }
  blockingWriteAndFlush(buf) {
    this.write(buf);
  }
  flush() {
    this.#sink();
  }
  blockingFlush() {
    this.#sink();
  }
  writeZeroes(len) {
    this.#sink().chunks.push(new Uint8Array(Number(len)));
  }
  blockingWriteZeroesAndFlush(len) {
    this.writeZeroes(len);
  }
  splice(src, len) {
    const bytes = src.read(len);
    this.write(bytes);
    return BigInt(bytes.length);
  }
  blockingSplice(src, len) {
    const bytes = src.blockingRead(len);
    this.write(bytes);
    return BigInt(bytes.length);
  }
  subscribe() {
    return readyPollable();
  }
  [Symbol.dispose]() {
    this.#value = undefined;
  }
}

/** wasi:io input-stream over bytes already in memory. */
class MemoryInputStream extends InputStream {
  #bytes;
  #offset = 0;
  constructor(bytes) {
    super();
    this.#bytes = bytes;
  }
  read(len) {
    if (this.#offset >= this.#bytes.length) throw closed();
    const end = Math.min(this.#bytes.length, this.#offset + Number(len));
    const chunk = this.#bytes.slice(this.#offset, end);
    this.#offset = end;
    return chunk;
  }
  blockingRead(len) {
    return this.read(len);
  }
  skip(len) {
    return BigInt(this.read(len).length);
  }
  blockingSkip(len) {
    return this.skip(len);
  }
  subscribe() {
    return readyPollable();
  }
  [Symbol.dispose]() {}
}

class OutgoingValue {
  chunks = [];
  targets = [];
  finished = false;
  static newOutgoingValue() {
    return new OutgoingValue();
  }
  outgoingValueWriteBody() {
    if (this.finished) throw new HostError('outgoing value already finished');
    return new MemoryOutputStream(this);
  }
  static finish(value) {
    if (value.finished) throw new HostError('outgoing value already finished');
    value.finished = true;
    for (const [container, name] of value.targets) commit(container, name, value);
  }
}

function bytesOf(value) {
  const size = value.chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of value.chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function commit(container, name, value) {
  const data = bytesOf(value);
  containerData(container).objects.set(name, { data, createdAt: now() });
  record({ kind: 'blobstore', op: 'write', container, name, size: data.length, body: text(data) });
}

class IncomingValue {
  #bytes;
  constructor(bytes) {
    this.#bytes = bytes;
  }
  static _bytes(value) {
    return value.#bytes;
  }
  static incomingValueConsumeSync(value) {
    return bytesOfIncoming(value);
  }
  static incomingValueConsumeAsync(value) {
    return new MemoryInputStream(bytesOfIncoming(value));
  }
  size() {
    return BigInt(this.#bytes.length);
  }
}
const bytesOfIncoming = IncomingValue._bytes;
delete IncomingValue._bytes;

class Container {
  #name;
  constructor(name) {
    this.#name = name;
  }
  name() {
    return this.#name;
  }
  info() {
    return { name: this.#name, createdAt: containerData(this.#name).createdAt };
  }
  getData(name, start, end) {
    const object = containerData(this.#name).objects.get(name);
    if (!object) throw new HostError(`object ${name} does not exist in container ${this.#name}`);
    if (end < start || end >= BigInt(object.data.length)) {
      throw new HostError(`invalid range ${start}..=${end} of an object of ${object.data.length} bytes`);
    }
    const bytes = object.data.slice(Number(start), Number(end) + 1);
    record({ kind: 'blobstore', op: 'read', container: this.#name, name, start: Number(start), end: Number(end), size: bytes.length });
    return new IncomingValue(bytes);
  }
  writeData(name, value) {
    containerData(this.#name);
    value.targets.push([this.#name, name]);
    if (value.finished) commit(this.#name, name, value);
  }
  listObjects() {
    return new StreamObjectNames([...containerData(this.#name).objects.keys()].sort());
  }
  deleteObject(name) {
    containerData(this.#name).objects.delete(name);
    record({ kind: 'blobstore', op: 'delete', container: this.#name, name });
  }
  deleteObjects(names) {
    for (const name of names) this.deleteObject(name);
  }
  hasObject(name) {
    return containerData(this.#name).objects.has(name);
  }
  objectInfo(name) {
    const object = containerData(this.#name).objects.get(name);
    if (!object) throw new HostError(`object ${name} does not exist in container ${this.#name}`);
    return { name, container: this.#name, createdAt: object.createdAt, size: BigInt(object.data.length) };
  }
  clear() {
    containerData(this.#name).objects.clear();
  }
}

class StreamObjectNames {
  #names;
  constructor(names) {
    this.#names = names;
  }
  readStreamObjectNames(len) {
    const taken = this.#names.splice(0, Number(len));
    return [taken, this.#names.length === 0];
  }
  skipStreamObjectNames(num) {
    const taken = this.#names.splice(0, Number(num));
    return [BigInt(taken.length), this.#names.length === 0];
  }
}

function copy(src, dest) {
  const object = containerData(src.container).objects.get(src.object);
  if (!object) throw new HostError(`object ${src.object} does not exist in container ${src.container}`);
  containerData(dest.container).objects.set(dest.object, { data: object.data.slice(), createdAt: now() });
}

export const types = { OutgoingValue, IncomingValue };
export const container = { Container, StreamObjectNames };
export const blobstore = {
  createContainer(name) {
    // Idempotent, like wasmCloud's filesystem provider (create_dir_all).
    if (!containers.has(name)) containers.set(name, { createdAt: now(), objects: new Map() });
    record({ kind: 'blobstore', op: 'create-container', container: name });
    return new Container(name);
  },
  getContainer(name) {
    containerData(name);
    return new Container(name);
  },
  deleteContainer(name) {
    containers.delete(name);
    record({ kind: 'blobstore', op: 'delete-container', container: name });
  },
  containerExists(name) {
    return containers.has(name);
  },
  copyObject(src, dest) {
    copy(src, dest);
  },
  moveObject(src, dest) {
    copy(src, dest);
    containerData(src.container).objects.delete(src.object);
  },
};
