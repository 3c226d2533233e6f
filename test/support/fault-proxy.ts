/**
 * A TCP proxy in front of a real backend (PostgreSQL, NATS, Redis), for the fault suites: the host is
 * pointed at the proxy, which forwards every byte until a test turns the backend `down` (the listener
 * closed and every connection reset: what a client sees of a stopped server, refused connections
 * included) or `silent` (connections accepted and never answered: a hung server), and `up` again on the
 * same port. The backend itself keeps running, so its data is still there when it comes back.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './jco.js';

export type FaultMode = 'up' | 'down' | 'silent';

export interface FaultProxy {
  /** The backend's URL with the proxy's port in it: what the host is given. */
  url: string;
  mode(): FaultMode;
  /** Resets every open connection, then serves `next`. */
  set(next: FaultMode): Promise<void>;
  close(): Promise<void>;
}

/** A proxy for the backend at `target` (a URL with a host and a port), listening on a free loopback port. */
export async function faultProxy(target: string): Promise<FaultProxy> {
  const to = new URL(target);
  const port = await freePort();
  const sockets = new Set<Socket>();
  let current: FaultMode = 'up';
  let server: Server | undefined;

  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // a reset is what the faults are made of
  };
  const onConnection = (client: Socket): void => {
    track(client);
    if (current === 'silent') return; // accepted, read, never answered
    const backend = connect({ host: to.hostname, port: Number(to.port) });
    track(backend);
    backend.once('close', () => client.destroy());
    client.once('close', () => backend.destroy());
    client.pipe(backend);
    backend.pipe(client);
  };
  const listen = (): Promise<void> =>
    new Promise((done, fail) => {
      server = createServer(onConnection);
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => done());
    });
  const stopListening = (): Promise<void> =>
    new Promise((done) => {
      if (!server) return done();
      const closing = server;
      server = undefined;
      closing.close(() => done());
    });
  const resetAll = (): void => {
    for (const socket of sockets) socket.resetAndDestroy();
    sockets.clear();
  };

  await listen();
  return {
    url: target.replace(`:${to.port}`, `:${port}`),
    mode: () => current,
    set: async (next) => {
      resetAll();
      current = next;
      if (next === 'down') await stopListening();
      else if (!server) await listen();
    },
    close: async () => {
      resetAll();
      await stopListening();
    },
  };
}
