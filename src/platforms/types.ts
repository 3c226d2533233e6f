import type { ProjectModel } from '../model.js';
import type { Major } from '../versions.js';

/** A template under templates/ and where it goes in the project. */
export interface TemplateFile {
  source: string;
  destination: string;
}

/**
 * One wasmCloud major: the files it adds to the common ones (app.py, the world, pyproject.toml, ...),
 * what its templates interpolate, and the commands a user runs next.
 */
export interface Platform {
  major: Major;
  templates: TemplateFile[];
  /** Everything this major's templates read, under `platform`; escaped for each file's language. */
  view(model: ProjectModel): object;
  /** After `cd`, the venv and the type check: build, run and try it. */
  next(model: ProjectModel): string[];
}
