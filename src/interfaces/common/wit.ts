/**
 * The WIT packages several interfaces share: WASI's base packages (io, clocks, random, cli, filesystem,
 * sockets), wasi:http (the HTTP server and client) and wasmcloud:messaging (the handler and the publisher).
 * Their texts are in this folder's wit/; a package one interface alone uses lives in that interface's folder.
 */
import { WIT_CRATES, WIT_REFERENCE_UPSTREAM } from '../../versions.js';
import { witText, type WitFamily, type WitText } from '../../wit.js';

const { wasmtimeWasi, wasmcloudRuntime, washRuntime, wasmtimeWasiHttpP3, messagingNats } = WIT_CRATES;
/** wasmCloud 1.x's WIT and the 2.x host's, in ../shared/reference. */
const V1 = 'wit';
const V2 = 'wasmcloud2/wit/deps';
/** WASI 0.3: one file per package, as wasmtime's wasi:http crate ships them (the same bytes as componentize-py's). */
const p3 = (name: string) => ({ crate: wasmtimeWasiHttpP3, dir: 'src/p3/wit/deps', files: [name], verbatim: true as const });

/** Packages no interface names: what the families below refer to. */
export const BASE_TEXTS: WitText[] = [
  witText('wasi:io@0.2.0', [], { crate: wasmtimeWasi, dir: 'wit/deps/io', files: ['error', 'poll', 'streams', 'world'] }, [
    `${V1}/wasi-io-0.2.0`,
    `${V2}/wasi-io-0.2.0`,
  ]),
  witText('wasi:io@0.2.1', [], { crate: washRuntime, dir: 'wit/deps/wasi-io-0.2.1', files: ['package'] }, [`${V2}/wasi-io-0.2.1`]),
  // wasmCloud 1.x's blobstore refers to it; the 1.x reference data has no copy of it.
  witText('wasi:io@0.2.6', [], { crate: wasmcloudRuntime, dir: 'wit/deps/io', files: ['error', 'poll', 'streams', 'world'] }),
  witText(
    'wasi:clocks@0.2.0',
    ['wasi:io@0.2.0'],
    { crate: wasmtimeWasi, dir: 'wit/deps/clocks', files: ['monotonic-clock', 'wall-clock', 'world'] },
    [`${V1}/wasi-clocks-0.2.0`, `${V2}/wasi-clocks-0.2.0`],
  ),
  // Only the interface wasi:http's proxy world imports; the rest would pull in nothing useful.
  witText('wasi:random@0.2.0', [], { crate: wasmtimeWasi, dir: 'wit/deps/random', files: ['random'] }, [
    `${V1}/wasi-random-0.2.0`,
    `${V2}/wasi-random-0.2.0`,
  ]),
  // Pruned to stdio, as wasmCloud's own example vendors it: the full package needs filesystem and sockets.
  witText('wasi:cli@0.2.0', ['wasi:io@0.2.0'], { crate: wasmtimeWasi, dir: 'wit/deps/cli', files: ['stdio'] }, [
    `${V1}/wasi-cli-0.2.0`,
    `${V2}/wasi-cli-0.2.0`,
  ]),
  witText('wasi:clocks@0.3.0', [], p3('clocks'), ['wasi-p3/clocks-0.3.0']),
  witText('wasi:random@0.3.0', [], p3('random'), ['wasi-p3/random-0.3.0']),
  witText('wasi:filesystem@0.3.0', ['wasi:clocks@0.3.0'], p3('filesystem'), ['wasi-p3/filesystem-0.3.0']),
  witText('wasi:sockets@0.3.0', ['wasi:clocks@0.3.0'], p3('sockets'), ['wasi-p3/sockets-0.3.0']),
  // Whole, as the host has it: wasi:http's service world imports its types, stdout and stderr.
  witText('wasi:cli@0.3.0', ['wasi:clocks@0.3.0', 'wasi:filesystem@0.3.0', 'wasi:sockets@0.3.0', 'wasi:random@0.3.0'], p3('cli'), [
    'wasi-p3/cli-0.3.0',
  ]),
];

/** The families several interfaces name. */
export const SHARED_FAMILIES: Record<string, WitFamily> = {
  'wasi:http': {
    texts: [
      witText(
        'wasi:http@0.2.0',
        ['wasi:io@0.2.0', 'wasi:clocks@0.2.0', 'wasi:random@0.2.0', 'wasi:cli@0.2.0'],
        { crate: wasmtimeWasi, dir: 'wit/deps/http', files: ['types', 'handler', 'proxy'] },
        [`${V1}/wasi-http-0.2.0`, `${V2}/wasi-http-0.2.0`],
      ),
      // WASI 0.3: componentize-py's text, which its http-p3 example builds against, and the 2.x host's own.
      witText('wasi:http@0.3.0', ['wasi:cli@0.3.0', 'wasi:clocks@0.3.0', 'wasi:random@0.3.0'], p3('http'), ['wasi-p3/http-0.3.0']),
    ],
    serves: { 2: 'wasi:http@0.2.0', 1: 'wasi:http@0.2.0', p3: 'wasi:http@0.3.0' },
  },
  'wasmcloud:messaging': {
    texts: [
      witText('wasmcloud:messaging@0.2.0', [], { crate: messagingNats, dir: 'wit/deps/messaging', files: ['messaging'] }, [
        `${V1}/wasmcloud-messaging-0.2.0`,
        `${V2}/wasmcloud-messaging-0.2.0`,
      ]),
      // No registry crate ships it: the wasmCloud 2 host's own text.
      witText(
        'wasmcloud:messaging@0.3.0',
        [],
        { reference: `${V2}/wasmcloud-messaging-0.3.0/package.wit`, upstream: `${WIT_REFERENCE_UPSTREAM}/wasmcloud-messaging-0.3.0/package.wit` },
        [`${V2}/wasmcloud-messaging-0.3.0`],
      ),
    ],
    serves: { 2: 'wasmcloud:messaging@0.2.0', 1: 'wasmcloud:messaging@0.2.0', p3: 'wasmcloud:messaging@0.3.0' },
  },
};
