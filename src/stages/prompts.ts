/**
 * The prompts stage: everything asked at a terminal, with @inquirer/prompts. The questions themselves
 * are data (src/questions.ts), shared with the app generator. The prompt library loads on the first
 * question only: a run that asks nothing (`--yes`, CI, no terminal) never loads it.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { CreateError } from '../errors.js';
import type { InterfaceId } from '../interfaces/index.js';
import type { Inputs } from '../model.js';
import { MAX_NAME_LENGTH, nameProblem } from '../names.js';
import { NAME_QUESTION, QUESTIONS, interfacesToAddQuestion, type Question } from '../questions.js';
import { TARGET_HINT, isNonEmptyDirectory, relativePosix } from '../writer.js';

/** Asks one question of src/questions.ts, given the answers so far. */
async function ask(question: Question, answers: Inputs): Promise<string | string[]> {
  const { input, checkbox, select } = await import('@inquirer/prompts');
  const message = question.message(answers);
  switch (question.type) {
    case 'input':
      return input({ message, default: question.default(answers), validate: question.validate });
    case 'checkbox': {
      const { validate } = question;
      return checkbox({
        message,
        choices: question.choices(answers),
        ...(validate ? { validate: (choices: ReadonlyArray<{ value: InterfaceId }>) => validate(choices.map((c) => c.value)) } : {}),
        pageSize: question.pageSize,
      });
    }
    case 'select':
      return select({ message, choices: question.choices, default: question.default });
  }
}

/** What the prompts settled: the inputs, and whether to write into a non-empty target (as --force). */
interface Prompted {
  inputs: Inputs;
  force: boolean;
}

/** Asks what `inputs` lack (and an invalid name again), and what to do about a target that is not empty. */
export async function promptCreate(inputs: Inputs, cwd: string, force: boolean): Promise<Prompted> {
  const result: Inputs = { ...inputs };
  let writeInto = force;
  for (const question of QUESTIONS) {
    if (question.when(result)) (result as Record<string, unknown>)[question.name] = await ask(question, result);
    // Asked right after the name, so that no answer is given for a project that is not going to be written.
    if (question === NAME_QUESTION) writeInto = force || (await settleTarget(result, cwd));
  }
  return { inputs: result, force: writeInto };
}

/**
 * At a terminal a non-empty target is a question rather than an error, as create-vite asks it: another
 * name (or directory, when --directory chose it), write only the generated files into it (--force), or
 * stop with exit 3, as without a terminal. Updates `result`; returns whether to write into the target.
 */
async function settleTarget(result: Inputs, cwd: string): Promise<boolean> {
  for (;;) {
    const directory = resolve(cwd, result.directory ?? (result.name as string));
    if (!isNonEmptyDirectory(directory)) return false;
    const { input, select } = await import('@inquirer/prompts');
    const byName = result.directory === undefined;
    const choice = await select({
      message: `Target directory ${JSON.stringify(relativePosix(cwd, directory) || '.')} is not empty. What now?`,
      choices: [
        { name: byName ? 'Choose another name' : 'Choose another directory', value: 'another' },
        { name: 'Overwrite the generated files (other files are left alone, as --force)', value: 'force' },
        { name: 'Cancel (nothing is written, exit 3)', value: 'cancel' },
      ] as const,
    });
    if (choice === 'force') return true;
    if (choice === 'cancel') {
      throw new CreateError('target-exists', `${directory} is not empty; cancelled, nothing was written.`, 'directory', TARGET_HINT);
    }
    if (byName) {
      result.name = await input({
        message: NAME_QUESTION.message({}),
        default: freeName(result.name as string, cwd),
        validate: NAME_QUESTION.validate,
      });
    } else {
      result.directory = await input({
        message: 'Directory',
        default: freeDirectory(result.directory as string, cwd),
        validate: (value) => value.trim() !== '' || 'Enter a directory.',
      });
    }
  }
}

/** `name2`, `name3`, ...: the first valid name with no directory of that name. (`name-2` is no WIT name.) */
function freeName(name: string, cwd: string): string {
  for (let n = 2; ; n++) {
    const suffix = String(n);
    const candidate = `${name.slice(0, MAX_NAME_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!nameProblem(candidate) && !existsSync(resolve(cwd, candidate))) return candidate;
  }
}

/** `dir-2`, `dir-3`, ...: the first that does not exist, spelled relative to `cwd` unless given absolute. */
function freeDirectory(directory: string, cwd: string): string {
  const base = resolve(cwd, directory);
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!existsSync(candidate)) return isAbsolute(directory) ? candidate : relativePosix(cwd, candidate);
  }
}

/** add at a terminal: the interfaces question, offering only what the project lacks (none: nothing asked). */
export async function promptInterfacesToAdd(present: readonly InterfaceId[], project: Inputs): Promise<string[]> {
  const question = interfacesToAddQuestion(present, project);
  if (!question.when(project)) return [];
  return (await ask(question, project)) as string[];
}
