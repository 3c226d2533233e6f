import AppGenerator from '../app/index.js';

/**
 * `create-wasmcloud-python add`: renders a project grown by more interfaces. It composes the same model,
 * interface modules and templates as `app`; the bin compares what it renders with what the project's
 * recorded answers rendered (`.yo-rc.json`) and writes only what the user has not changed.
 */
export default class AddGenerator extends AppGenerator {
  // Yeoman runs the methods a generator class itself declares.
  override async prompting(): Promise<void> {
    await super.prompting();
  }

  override writing(): void {
    super.writing();
  }
}
