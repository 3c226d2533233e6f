/**
 * The answers a project was made from, built in one place (src/model.ts's modelAnswers) for what the
 * command prints (`answers` in --json output, which --answers reads back) and for what a project
 * records in `.yo-rc.json` (which `add` renders the project from again).
 */
import { modelAnswers, type ProjectModel } from './model.js';

/** The answers --json prints, with the project directory. */
export function answersOf(model: ProjectModel): Record<string, unknown> {
  return modelAnswers(model, model.directory);
}

/** What `.yo-rc.json` records: the same answers without the directory, which moves with the project. */
export function recordedAnswers(model: ProjectModel): Record<string, unknown> {
  return modelAnswers(model);
}
