/**
 * The `create-wasmcloud-python` command, as a pipeline of stages (src/stages/): arguments, answers,
 * prompts, render, write, report. It owns everything a Yeoman host would otherwise decide: parsing,
 * whether a terminal may be used, prompts, validation before any write, exit codes and output. The
 * generator only renders the resolved model. `add` is its own pipeline (src/add.ts), loaded only for it.
 */
import { CreateError, EXIT } from './errors.js';
import { resolveModel, type ProjectModel } from './model.js';
import { flagsOf, infoText, isInteractive, parseArguments, suggestedCommand, type Flags, type Io } from './stages/args.js';
import { gatherInputs } from './stages/answers.js';
import { renderProject } from './stages/generate.js';
import { promptCreate } from './stages/prompts.js';
import { fail, overwriteWarnings, reportCreate, settingWarnings } from './stages/report.js';
import { checkTarget, planFiles, writePlan } from './writer.js';

export type { Flags, Io } from './stages/args.js';

export async function main(io: Io): Promise<number> {
  let flags: Flags = { json: io.argv.includes('--json'), dryRun: false, force: false };
  let resolved: ProjectModel | undefined;
  try {
    // Arguments.
    const { values, positionals, terminated } = parseArguments(io.argv);
    flags = flagsOf(values);
    const info = infoText(values, flags.json);
    if (info !== undefined) {
      io.out(info);
      return EXIT.ok;
    }
    if (positionals[0] === 'add') {
      const interactive = isInteractive(io, values, flags.json, 'add');
      const { runAdd } = await import('./add.js');
      return await runAdd(io, values, positionals.slice(1), { ...flags, merge: values.merge === true }, interactive);
    }
    if (values.merge === true)
      throw new CreateError('usage', '--merge is for add: it writes conflict markers where add cannot merge.', 'merge', 'drop --merge');
    // Answers: flags over the answers file; then prompts for what is missing, at a terminal only.
    let inputs = await gatherInputs(values, positionals, io.cwd, terminated);
    if (isInteractive(io, values, flags.json, 'create')) {
      ({ inputs, force: flags.force } = await promptCreate(inputs, io.cwd, flags.force));
    } else if (inputs.name === undefined) {
      throw new CreateError(
        'usage',
        'missing input: name (the component name, the first argument).',
        'name',
        `run: ${suggestedCommand(inputs, true)}`,
      );
    }
    // Every check before anything is written.
    const model = resolveModel(inputs, io.cwd);
    resolved = model;
    checkTarget(model.directory, flags.force);
    const warnings = settingWarnings(inputs, model);
    // Render, plan, write.
    const files = await renderProject(model, io.cwd);
    const plan = planFiles(model.directory, files);
    if (!flags.dryRun) writePlan(model.directory, plan);
    warnings.push(...overwriteWarnings(plan, flags.dryRun));
    // Report.
    reportCreate(io, flags, model, plan, warnings);
    return EXIT.ok;
  } catch (error) {
    return fail(error, flags, io, { operation: 'create', directory: resolved?.directory });
  }
}
