/** Types of scripts/golden.mjs, for test/golden.test.ts. */
export interface GoldenCase {
  name: string;
  args: string[];
}
export const ROOT: string;
export const GOLDEN: string;
export function goldenCases(): GoldenCase[];
export function goldenTree(project: string): Map<string, string>;
export function generateCase(testCase: GoldenCase): Map<string, string>;
export function committedTree(name: string): Map<string, string>;
export function differences(expected: Map<string, string>, actual: Map<string, string>): string[];
