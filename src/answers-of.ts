/**
 * The answers a project was made from, built in one place for what the command prints (`answers` in
 * --json output, which --answers reads back) and for what a project records in `.yo-rc.json` (which
 * `add` renders the project from again).
 */
import type { ProjectModel } from './model.js';
import { VALUE_OPTIONS } from './options.js';

export interface AnswersOptions {
  /** With the absolute project directory (the command's output) or without it (a project's record, which moves with it). */
  directory: boolean;
  /** Every setting (the record: an interface added later renders as it would have), or only those of the chosen interfaces. */
  allSettings: boolean;
}

export function projectAnswers(model: ProjectModel, options: AnswersOptions): Record<string, unknown> {
  return {
    name: model.names.component,
    wasmcloud: String(model.wasmcloud),
    ...(options.directory ? { directory: model.directory } : {}),
    namespace: model.names.witPackage.split(':')[0],
    description: model.description,
    interfaces: model.interfaces,
    ...(options.allSettings
      ? model.settings
      : Object.fromEntries(
          Object.entries(model.settings).filter(([key]) => {
            const option = VALUE_OPTIONS.find((o) => o.key === key);
            return !option?.interface || model.interfaces.includes(option.interface);
          }),
        )),
  };
}

/** The answers --json prints: only the settings of the chosen interfaces, so that, fed back through --answers, they give the same project, warning-free. */
export function answersOf(model: ProjectModel): Record<string, unknown> {
  return projectAnswers(model, { directory: true, allSettings: false });
}

/**
 * What `.yo-rc.json` records: the same answers without the directory, with every setting.
 * TODO(merge): src/render.ts's `recordedAnswers` builds the same object itself; it should become
 * `export { recordedAnswers } from './answers-of.js'` (test/cli.test.ts checks that the two agree).
 */
export function recordedAnswers(model: ProjectModel): Record<string, unknown> {
  return projectAnswers(model, { directory: false, allSettings: true });
}
