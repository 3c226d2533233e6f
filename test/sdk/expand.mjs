// Prints src/interfaces/<folder>/<file> with its `# shared:` blocks expanded (test/sdk/run.sh writes SDK modules so).
import { pythonBlock } from '../../dist/src/interfaces/python.js';
const [folder, file] = process.argv.slice(2);
process.stdout.write(`${pythonBlock(folder, file)}\n`);
