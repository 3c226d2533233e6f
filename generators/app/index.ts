import { join } from 'node:path';
import Generator, { type BaseOptions } from 'yeoman-generator';
import { INTERFACE_IDS, CATALOG } from '../../src/interfaces/index.js';
import { DEFAULT_INTERFACES, resolveModel, type Inputs, type ProjectModel } from '../../src/model.js';
import { nameProblem, suggestName } from '../../src/names.js';
import { TEMPLATES_DIR } from '../../src/paths.js';
import { TEMPLATE_FILES, projectView } from '../../src/render.js';

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
        default: 'hello',
        validate: (value: string) => {
          const problem = nameProblem(value);
          return problem ? `The name ${problem}. Try ${suggestName(value)}.` : true;
        },
      });
      inputs.name = name;
    }
    if (inputs.interfaces === undefined) {
      const { interfaces } = await this.prompt<{ interfaces: string[] }>({
        type: 'checkbox',
        name: 'interfaces',
        message: 'Interfaces',
        choices: INTERFACE_IDS.map((id) => ({ name: `${id}: ${CATALOG[id].summary}`, value: id, checked: DEFAULT_INTERFACES.includes(id) })),
      });
      inputs.interfaces = interfaces;
    }
    this.model = resolveModel(inputs, this.destinationRoot());
  }

  writing(): void {
    const model = this.model as ProjectModel;
    const view = projectView(model);
    this.renderTemplates(
      TEMPLATE_FILES.map(({ source, destination }) => ({ source, destination: join(model.directory, destination) })),
      view,
    );
    for (const pkg of view.packages) {
      this.copyTemplate(join('wit', pkg.dir, 'package.wit'), join(model.directory, 'wit', 'deps', pkg.dir, 'package.wit'));
    }
  }
}
