/**
 * What a vendored WIT package is, as the interface folder that owns it declares it: its text, where the text
 * comes from (a registry crate, or the host's own text where no crate ships one) and which host serves it.
 * The interfaces' declarations are gathered in src/interfaces/wit.ts.
 */
import type { Major } from './versions.js';

/**
 * Where scripts/vendor-wit.mjs reads a text: a crate, a folder in it, the files kept (joined under one
 * `package` line; `verbatim`: the one file as it is, byte for byte); or, for a package no registry crate
 * ships, the host's own text in ../shared/reference (`reference`), copied byte for byte, and where that copy
 * was taken from (`upstream`).
 */
export type WitSource = { crate: string; dir: string; files: string[]; verbatim?: true } | { reference: string; upstream: string };

/** One vendored text of a package, as declared. */
export interface WitText {
  /**
   * The package id (`namespace:name@version`), or the id and a `+` suffix where a package id has more than one
   * text: wasi:blobstore@0.2.0-draft refers to wasi:io@0.2.6 in wasmCloud 1.x's runtime and to wasi:io@0.2.1 in 2.x's.
   */
  key: string;
  /** The package id, as the package declares itself. */
  id: string;
  /** Texts this one refers to (`use`, `import`, `include`), by key; vendoring is closed over them. */
  deps: string[];
  source: WitSource;
  /** Its counterparts in ../shared/reference (folders of wasmCloud 1.x's and the 2.x host's WIT), which it must match. */
  references: string[];
}

/**
 * A WIT package family (`wasi:keyvalue`) that an interface folder brings: its texts, and which one each host
 * serves (`p3`: wasmCloud 2 with WASI 0.3, where it differs from 0.2).
 */
export interface WitFamily {
  texts: WitText[];
  serves: Partial<Record<Major, string>> & { p3?: string };
}

/** A text as the generator vendors it: from its owner's folder to `wit/deps/<dir>/` of a project. */
export interface WitPackage extends WitText {
  /** The folder holding its `package.wit`, relative to the package's root (`src/interfaces/keyvalue/wit/wasi-keyvalue-0.2.0-draft`). */
  path: string;
  /** Folder under a generated project's wit/deps/. */
  dir: string;
}

/** Declares a text; `id` defaults to the key (a key with a `+` suffix names its id). */
export function witText(key: string, deps: string[], source: WitSource, references: string[] = [], id = key.split('+')[0] as string): WitText {
  return { key, id, deps, source, references };
}
