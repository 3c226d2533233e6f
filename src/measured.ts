/**
 * What `npm run bench` measured (bench/wasi.mjs), which generated READMEs quote: the component's size and
 * `wash dev`'s time from start to its first answer, for the default project (http-server) on each WASI
 * revision, medians of 3 rounds that alternate the two. Measure again and change these when componentize-py,
 * wash or the plumbing modules change.
 */
import type { WasiRevision } from './versions.js';

interface StartCost {
  /** The built component, in MB (10^6 bytes). */
  mb: number;
  /** From `wash dev`'s start to the first 200: it builds, then compiles the component. */
  firstAnswerSeconds: number;
}

export const MEASURED: { on: string; cost: Record<WasiRevision, StartCost> } = {
  on: 'sizes 2026-12-02 with wasmcloud_sdk, wash 2.10.4; start on 2 cores at load 1.4 to 2.3, wash 2.10.3, 2026-12-01; componentize-py 0.25.1',
  cost: {
    // The sizes of the default project as `wash build --skip-fetch` builds it with the SDK (2026-12-02).
    '0.2': { mb: 18.59, firstAnswerSeconds: 27.6 },
    '0.3': { mb: 20.07, firstAnswerSeconds: 27.8 },
  },
};

/**
 * What `npm run bench:devloop` (bench/devloop.mjs) measured on one default project, 2 cores at load 0.8 to 1.8,
 * wash 2.10.4, 2026-12-03: the edit loops README describes. Seconds.
 */
export const DEVLOOP = {
  on: '2 cores at load 0.8 to 1.8, wash 2.10.4, 2026-12-03',
  /** `poe dev`: a save of app.py to the first answer showing the edit (it builds, then compiles twice). */
  devEditSeconds: 35.6,
  /** `poe dev`: a syntax error saved to its one-line report. */
  devSyntaxErrorSeconds: 7.8,
  /** `poe serve`: start to the first answer. */
  serveStartSeconds: 0.51,
  /** `poe serve`: a save to the answer showing it, median of 5 edits. */
  serveEditSeconds: 0.24,
  /** `poe serve`: a syntax error saved to its report. */
  serveSyntaxErrorSeconds: 0.3,
} as const;
