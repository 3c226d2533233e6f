/** What the prompts ask, shared by the bin (@inquirer/prompts) and the generator (Yeoman's prompt). */
import { CATALOG, INTERFACE_IDS, type InterfaceId } from './interfaces/index.js';
import { DEFAULT_INTERFACES } from './model.js';
import { nameProblem, suggestName } from './names.js';

export const DEFAULT_NAME = 'my-component';

/** `true`, or why the name is invalid with a valid one to try. */
export function validateName(value: string): true | string {
  const problem = nameProblem(value);
  return problem ? `The name ${problem}. Try ${suggestName(value)}.` : true;
}

/** `true`, or what to add when no chosen interface is an export. */
export function validateInterfaces(ids: readonly InterfaceId[]): true | string {
  return ids.some((id) => CATALOG[id].direction === 'export') || 'Choose at least one export: http-server or messaging-handler.';
}

/** Each choice lists the id and what it does; once confirmed, the answer line shows only the ids (`short`). */
export function interfaceChoices(): Array<{ name: string; short: string; value: InterfaceId; checked: boolean }> {
  return INTERFACE_IDS.map((id) => ({ name: `${id.padEnd(20)} ${CATALOG[id].summary}`, short: id, value: id, checked: DEFAULT_INTERFACES.includes(id) }));
}
