import type { HostFacts } from '../interfaces/types.js';
import type { ProjectModel } from '../model.js';
import type { Major } from '../versions.js';

/** A template under templates/ and where it goes in the project. */
export interface TemplateFile {
  source: string;
  destination: string;
}

/**
 * One platform (a wasmCloud major): the files it adds to the common ones (app.py, the world,
 * pyproject.toml, ...) and what its templates interpolate. It translates
 * the interfaces' neutral facts (their `needs`) into its own manifests and configuration.
 */
export interface Platform {
  major: Major;
  /** What the interfaces' README sections are told about this platform's hosts. */
  host: HostFacts;
  /** How to try the component on a host once the tests pass (the loop in README). */
  tryOnHost: string;
  /** `poe dev`: what it runs, and its help line. */
  dev: { command: string; help: string };
  /** `poe build`'s command: wash's offline build, run as it is or through tools/wash.py, which finds wash first. */
  build: string;
  /** `poe serve`, where the platform has it: the handlers served from CPython. */
  serve?: { command: string; help: string };
  /** Requirements the dev group pins besides the common tools (this platform's wash, what `poe serve` needs). */
  devTools(model: ProjectModel): string[];
  /** The file whose build command holds componentize-py's options. */
  buildConfig: string;
  /** Steps of the generated CI workflow that install what `poe build` runs besides the dev tools (wash). */
  ciInstall: Array<{ name: string; run: string }>;
  templates: TemplateFile[];
  /** Everything this platform's templates read, under `platform`; escaped for each file's language. */
  view(model: ProjectModel): object;
}

/**
 * wash fetches every WIT package from the registries before it builds (offline that fails, online it
 * rewrites wit/deps). `--skip-fetch` builds from the vendored packages as they are, on wash 1.x and 2.x alike.
 */
export const WASH_BUILD_OFFLINE = 'wash build --skip-fetch';
