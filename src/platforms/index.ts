import type { Major } from '../versions.js';
import type { Platform } from './types.js';
import { v1 } from './v1.js';
import { v2 } from './v2.js';

export type { TemplateFile } from './types.js';

/** Each wasmCloud major's platform. */
export const PLATFORMS: Record<Major, Platform> = { 2: v2, 1: v1 };
