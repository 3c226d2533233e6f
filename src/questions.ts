/**
 * What the prompts ask, as data: one list of questions that the bin asks with @inquirer/prompts
 * (src/stages/prompts.ts) and the app generator with Yeoman's prompt (generators/app/index.ts). Each
 * question says whether it is asked (`when`), and its message and default, from the answers so far.
 * Nothing here loads a prompt library.
 */
import { CATALOG, INTERFACE_IDS, interfacesFor, SETTINGS, type InterfaceId } from './interfaces/index.js';
import { DEFAULT_INTERFACES, resolveMajor, resolveWasi, type Inputs } from './model.js';
import { DEFAULT_WASI, MAJOR_WASI } from './versions.js';
import { namedAs, nameProblem, suggestName } from './names.js';
import { PLATFORMS } from './platforms/index.js';

export const DEFAULT_NAME = 'my-component';

/** `true`, or why the name is invalid with a valid one to try. */
function validateName(value: string): true | string {
  const problem = nameProblem(value);
  return problem ? `The name ${problem}. Try ${suggestName(value)}.` : true;
}

/** `true`, or what to add when no chosen interface is an export. */
function validateInterfaces(ids: readonly InterfaceId[]): true | string {
  return ids.some((id) => CATALOG[id].direction === 'export') || 'Choose at least one export: http-server or messaging-handler.';
}

interface Choice<V extends string> {
  name: string;
  value: V;
  /** What the answer line shows once confirmed. */
  short?: string;
  checked?: boolean;
}

/** Each choice lists the id and what it does; once confirmed, the answer line shows only the ids (`short`). */
function interfaceChoices(
  ids: readonly InterfaceId[] = INTERFACE_IDS,
  checked: readonly InterfaceId[] = DEFAULT_INTERFACES,
): Array<Choice<InterfaceId>> {
  return ids.map((id) => ({ name: `${id.padEnd(20)} ${CATALOG[id].summary}`, short: id, value: id, checked: checked.includes(id) }));
}

interface BaseQuestion<K extends keyof Inputs> {
  /** The input the answer sets. */
  name: K;
  /** Whether to ask, given the answers so far. */
  when: (answers: Inputs) => boolean;
  message: (answers: Inputs) => string;
}

export interface InputQuestion extends BaseQuestion<'name'> {
  type: 'input';
  default: (answers: Inputs) => string;
  validate: (value: string) => true | string;
}

export interface CheckboxQuestion extends BaseQuestion<'interfaces'> {
  type: 'checkbox';
  /** What is offered, given the answers so far (an interface written for one WASI revision only in a project of it). */
  choices: (answers: Inputs) => Array<Choice<InterfaceId>>;
  /** Every choice on one page. */
  pageSize: number;
  /** Over the chosen values. */
  validate?: (values: readonly InterfaceId[]) => true | string;
}

export interface SelectQuestion extends BaseQuestion<string> {
  type: 'select';
  choices: Array<Choice<string>>;
  default: string;
}

export type Question = InputQuestion | CheckboxQuestion | SelectQuestion;

/** An invalid name given as an argument is offered back, made valid, as the default. */
export const NAME_QUESTION: InputQuestion = {
  type: 'input',
  name: 'name',
  when: (answers) => answers.name === undefined || Boolean(nameProblem(answers.name)),
  message: (answers) => (answers.name === undefined ? 'Component name' : `Component name (${namedAs(answers.name)} ${nameProblem(answers.name)})`),
  default: (answers) => (answers.name === undefined ? DEFAULT_NAME : suggestName(answers.name)),
  validate: validateName,
};

/** The interfaces written for the WASI revision the answers so far choose. */
const fitting = (answers: Inputs): InterfaceId[] => interfacesFor(resolveWasi(answers.wasi, resolveMajor(answers.wasmcloud)));

/** Asked once the host serves more than one revision (wasmCloud 2), before the interfaces it decides. */
const WASI_QUESTION: SelectQuestion = {
  type: 'select',
  name: 'wasi',
  when: (answers) => answers.wasi === undefined && MAJOR_WASI[resolveMajor(answers.wasmcloud)].length > 1,
  message: () => 'WASI revision',
  choices: [
    { name: '0.2  handlers are def: every wasmCloud 2 host runs it', value: '0.2', short: '0.2' },
    { name: '0.3  handlers are async def: concurrent calls, streamed bodies, secrets', value: '0.3', short: '0.3' },
  ],
  default: DEFAULT_WASI,
};

const INTERFACES_QUESTION: CheckboxQuestion = {
  type: 'checkbox',
  name: 'interfaces',
  when: (answers) => answers.interfaces === undefined,
  message: () => 'Interfaces',
  choices: (answers) => interfaceChoices(fitting(answers)),
  pageSize: INTERFACE_IDS.length,
  validate: validateInterfaces,
};

/**
 * The questions interfaces declare for their settings (src/interfaces/<id>/), asked when the interface is
 * chosen. A backend question matters only where the backend is fixed when the project is generated: a
 * host that deploys providers (wasmCloud 1.x); wash dev's backends are commented alternatives in its config.
 */
const SETTING_QUESTIONS: SelectQuestion[] = SETTINGS.flatMap((setting) => {
  const prompt = setting.prompt;
  if (!prompt) return [];
  return [
    {
      type: 'select' as const,
      name: setting.key,
      when: (answers: Inputs) =>
        answers[setting.key] === undefined &&
        (answers.interfaces ?? []).join(',').split(',').includes(setting.interface) &&
        (prompt.when !== 'pick-backend' || PLATFORMS[resolveMajor(answers.wasmcloud)].host.providers),
      message: () => prompt.message,
      choices: prompt.choices,
      default: setting.default(''),
    },
  ];
});

/** What creating a project asks, in order. */
export const QUESTIONS: readonly Question[] = [NAME_QUESTION, WASI_QUESTION, INTERFACES_QUESTION, ...SETTING_QUESTIONS];

/** add's question: the interfaces question, offering only what the project lacks, none chosen beforehand. */
export function interfacesToAddQuestion(present: readonly InterfaceId[], answers: Inputs = {}): CheckboxQuestion {
  const absent = fitting(answers).filter((id) => !present.includes(id));
  return {
    ...INTERFACES_QUESTION,
    when: () => absent.length > 0,
    message: () => 'Interfaces to add',
    choices: () => interfaceChoices(absent, []),
    pageSize: absent.length,
    // The project has its export already: any interface is a valid addition.
    validate: undefined,
  };
}
