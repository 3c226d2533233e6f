import { join } from 'node:path';
import Generator, { type BaseOptions, type PromptQuestion } from 'yeoman-generator';
import type { InterfaceId } from '../../src/interfaces/index.js';
import { resolveModel, type Inputs, type ProjectModel } from '../../src/model.js';
import { PACKAGE_ROOT, TEMPLATES_DIR } from '../../src/paths.js';
import { QUESTIONS, type Question } from '../../src/questions.js';
import { projectView, templateFiles } from '../../src/render/project.js';

interface AppOptions {
  /** A model the caller already resolved (the bin always passes one). */
  model?: ProjectModel;
  /** Otherwise: raw inputs, completed by prompts for what is missing. */
  inputs?: Inputs;
  /**
   * Replaces Yeoman's commit (and its conflict prompts): the bin reads the rendered files from the
   * shared in-memory file system, plans them and writes them itself, all or nothing.
   */
  customCommit?: () => Promise<void>;
}

/** A question of src/questions.ts as Yeoman's prompt (Inquirer's legacy API) takes it, for the answers so far. */
function yeomanQuestion(question: Question, answers: Inputs): PromptQuestion<Answers> {
  const common = { name: question.name, message: question.message(answers) };
  switch (question.type) {
    case 'input':
      return { ...common, type: 'input', default: question.default(answers), validate: question.validate };
    case 'checkbox': {
      const { validate } = question;
      const choices = question.choices(answers);
      // Inquirer hands back the chosen choices; each value is one of `choices`' interface ids.
      const chosen = (picked: ReadonlyArray<{ value: unknown }>): InterfaceId[] =>
        choices.filter((c) => picked.some((p) => p.value === c.value)).map((c) => c.value);
      return {
        ...common,
        type: 'checkbox',
        choices,
        pageSize: question.pageSize,
        ...(validate ? { validate: (picked: ReadonlyArray<{ value: unknown }>) => validate(chosen(picked)) } : {}),
      };
    }
    case 'select':
      return { ...common, type: 'select', choices: question.choices, default: question.default };
  }
}

type Options = AppOptions & BaseOptions;
type Answers = Record<string, string | string[]>;

/**
 * Writes a project from a resolved model. Input gathering lives in the bin (src/cli.ts and its stages,
 * src/stages/); this class only prompts, with the bin's questions, when a Yeoman host (yo, yeoman-test)
 * runs it without a model.
 */
export default class AppGenerator extends Generator<Record<string, never>, Options> {
  model?: ProjectModel;

  constructor(args?: string[], options?: Options) {
    // A generated project has no package.json: never run a package manager.
    super(args, options, { customInstallTask: true, ...(options?.customCommit ? { customCommitTask: options.customCommit } : {}) });
    this.argument('name', { type: String, required: false, description: 'Component name (kebab-case)' });
    this.sourceRoot(TEMPLATES_DIR);
  }

  async prompting(): Promise<void> {
    if (this.options.model) {
      this.model = this.options.model;
      return;
    }
    const inputs: Inputs = { ...this.options.inputs };
    inputs.name ??= (this.options as { name?: string }).name;
    // The bin's questions (src/questions.ts), one at a time: each may depend on the answers before it.
    for (const question of QUESTIONS) {
      if (!question.when(inputs)) continue;
      const answers = await this.prompt<Answers>(yeomanQuestion(question, inputs));
      (inputs as Record<string, unknown>)[question.name] = answers[question.name];
    }
    this.model = resolveModel(inputs, this.destinationRoot());
  }

  writing(): void {
    const model = this.model as ProjectModel;
    const view = projectView(model);
    this.renderTemplates(
      templateFiles(model).map(({ source, destination }) => ({ source, destination: join(model.directory, destination) })),
      view,
    );
    // The modules the tool owns whole (an export's plumbing) are written as they are.
    for (const file of view.owned) this.fs.write(join(model.directory, file.path), file.contents);
    for (const pkg of view.packages) {
      this.copyTemplate(join(PACKAGE_ROOT, pkg.path, 'package.wit'), join(model.directory, 'wit', 'deps', pkg.dir, 'package.wit'));
    }
  }
}
