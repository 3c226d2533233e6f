import type { ProjectModel } from '../model.js';
import { COMMON_TEMPLATES, commonView, sdkFiles, vendoredPackages, type CommonView } from '../render.js';
import type { Major, WitPackage } from '../versions.js';
import type { Platform, TemplateFile } from './types.js';
import { v1 } from './v1.js';
import { v2 } from './v2.js';

export type { Platform } from './types.js';

export const PLATFORMS: Record<Major, Platform> = { 2: v2, 1: v1 };

export interface ProjectView extends CommonView {
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

/** Every file the generator writes for `model`, relative to the project directory. */
export function plannedFiles(model: ProjectModel): string[] {
  return [
    ...templateFiles(model).map((f) => f.destination),
    ...sdkFiles(model).map((f) => f.path),
    ...vendoredPackages(model).map((pkg) => `wit/deps/${pkg.dir}/package.wit`),
  ].sort();
}
