import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PYTHON = process.env.PYTHON ?? 'python3';

/**
 * Runs one Python process over many inputs: `script` reads a JSON list from the file named in argv[1]
 * and prints a JSON list of results.
 */
function pythonBatch<T>(script: string, inputs: unknown[]): T[] {
  const dir = mkdtempSync(join(tmpdir(), 'cwp-py-'));
  const file = join(dir, 'inputs.json');
  writeFileSync(file, JSON.stringify(inputs));
  const result = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T[];
}

/** Evaluates Python string literals; each result is the string value, or an error message. */
export function pythonLiterals(literals: string[]): Array<{ value?: string; error?: string }> {
  return pythonBatch(
    `import ast, json, sys
out = []
for lit in json.load(open(sys.argv[1])):
    try:
        out.append({"value": ast.literal_eval(lit)})
    except Exception as e:
        out.append({"error": repr(e)})
print(json.dumps(out))`,
    literals,
  );
}

/** Parses Python sources; each result is null or the syntax error. */
export function pythonParse(sources: string[]): Array<string | null> {
  return pythonBatch(
    `import ast, json, sys
out = []
for src in json.load(open(sys.argv[1])):
    try:
        ast.parse(src)
        out.append(None)
    except SyntaxError as e:
        out.append(repr(e))
print(json.dumps(out))`,
    sources,
  );
}
