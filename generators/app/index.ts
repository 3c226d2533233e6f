import { join } from 'node:path';
import Generator, { type BaseOptions } from 'yeoman-generator';
import type { InterfaceId } from '../../src/interfaces/index.js';
import { resolveModel, type Inputs, type ProjectModel } from '../../src/model.js';
import { TEMPLATES_DIR } from '../../src/paths.js';
import { DEFAULT_NAME, interfaceChoices, validateInterfaces, validateName } from '../../src/questions.js';
import { projectView, templateFiles } from '../../src/platforms/index.js';

export interface AppOptions {
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

/**
 * Writes a project from a resolved model. Input gathering lives in the bin (src/cli.ts); this class
 * only prompts when a Yeoman host (yo, yeoman-test) runs it without a model.
 */
type Options = AppOptions & BaseOptions;

export default class AppGenerator extends Generator<Record<string, never>, Options> {
  model?: ProjectModel;

  constructor(args: string[], options: Options) {
    // A generated project has no package.json: never run a package manager.
    super(args, options, { customInstallTask: true, ...(options.customCommit ? { customCommitTask: options.customCommit } : {}) });
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
    if (inputs.name === undefined) {
      const { name } = await this.prompt<{ name: string }>({
        type: 'input',
        name: 'name',
        message: 'Component name',
        default: DEFAULT_NAME,
        validate: validateName,
      });
      inputs.name = name;
    }
    if (inputs.interfaces === undefined) {
      const { interfaces } = await this.prompt<{ interfaces: string[] }>({
        type: 'checkbox',
        name: 'interfaces',
        message: 'Interfaces',
        choices: interfaceChoices(),
        validate: (choices) => validateInterfaces(choices.map((c) => c.value as InterfaceId)),
      });
      inputs.interfaces = interfaces;
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
    for (const pkg of view.packages) {
      this.copyTemplate(join('wit', pkg.template, 'package.wit'), join(model.directory, 'wit', 'deps', pkg.dir, 'package.wit'));
    }
  }
}
