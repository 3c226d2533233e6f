/**
 * The render stage: the resolved model through the Yeoman generator into Yeoman's in-memory file
 * system, and the files back, unwritten. yeoman-environment and the generator load on first use only.
 */
import type { ProjectModel } from '../model.js';
import { relativePosix, type GeneratedFile } from '../writer.js';

/** Renders the model with the Yeoman generator (`app`, or `add` for a project grown by add) into memory and returns the files, unwritten. */
export async function renderProject(model: ProjectModel, cwd: string, kind: 'app' | 'add' = 'app'): Promise<GeneratedFile[]> {
  const [{ EnvironmentBase }, { default: AppGenerator }] = await Promise.all([
    import('yeoman-environment'),
    kind === 'app' ? import('../../generators/app/index.js') : import('../../generators/add/index.js'),
  ]);
  // The environment's cwd must exist already: Yeoman creates it otherwise, and a dry run writes nothing.
  const env = new EnvironmentBase({ cwd, skipInstall: true });
  let files: GeneratedFile[] = [];
  const customCommit = async (): Promise<void> => {
    files = env.sharedFs
      .all()
      .filter((file) => (file as { state?: string }).state === 'modified' && file.contents)
      .map((file) => ({ path: relativePosix(model.directory, file.path), contents: file.contents as Buffer }));
  };
  const generator = await env.instantiate<InstanceType<typeof AppGenerator>>(AppGenerator, {
    generatorArgs: [],
    generatorOptions: { model, customCommit },
  });
  await env.runGenerator(generator);
  return files;
}
