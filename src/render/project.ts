/**
 * The whole of what the generator writes for a model: the common templates' view (render.ts) with the
 * platform's (platforms/), the WIT the project vendors, and the templates of both. The one place that sees
 * both sides; neither of them imports the other.
 */
import { vendoredPackages } from '../component.js';
import type { ProjectModel } from '../model.js';
import { PLATFORMS, type TemplateFile } from '../platforms/index.js';
import { COMMON_TEMPLATES, commonView, type CommonView } from '../render.js';
import type { Major } from '../versions.js';
import type { WitPackage } from '../wit.js';

interface ProjectView extends CommonView {
  major: Major;
  platform: object;
  packages: WitPackage[];
}

/** Everything the templates of `model`'s major read. */
export function projectView(model: ProjectModel): ProjectView {
  const platform = PLATFORMS[model.wasmcloud];
  return { ...commonView(model, platform), major: model.wasmcloud, platform: platform.view(model), packages: vendoredPackages(model) };
}

export function templateFiles(model: ProjectModel): TemplateFile[] {
  return [...COMMON_TEMPLATES, ...PLATFORMS[model.wasmcloud].templates];
}
