/**
 * The generated project's own fast loop: its `pytest` passes on the generated code, in plain CPython,
 * and fails when the logic breaks. Each mutation below is a mistake a user could make; the
 * named generated test must catch it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INTERFACE_IDS } from '../src/interfaces/index.js';
import { bindingsArgvOf, pytest, run } from './support/build.js';
import { generate } from './support/project.js';

describe.each(['2', '1'])('the generated pytest loop (wasmCloud %s, every interface)', (major) => {
  let project: string;
  const originals = new Map<string, string>();
  beforeAll(async () => {
    project = await generate('looped', ['--wasmcloud', major, '--interfaces', INTERFACE_IDS.join(',')]);
    const bindings = run(bindingsArgvOf(project), project);
    expect(bindings.status, bindings.output).toBe(0);
    for (const file of ['app.py', 'capabilities.py']) originals.set(file, readFileSync(join(project, file), 'utf8'));
  });

  it('passes on the generated code', () => {
    const ran = pytest(project);
    expect(ran.status, ran.output).toBe(0);
    expect(ran.output).toMatch(/^28 passed in [\d.]+s$/m);
  });

  it.each([
    ['capabilities.py', 'the counter counts by two', 'f"count-{safe_name(key)}", 1)', 'f"count-{safe_name(key)}", 2)', 'test_the_counter_counts_each_key_from_one'],
    ['capabilities.py', 'blob reads stop one byte short on an exclusive host', ' or read_range(container, name, start, end + 1)', '', 'test_a_blob_round_trips_byte_for_byte[20-exclusive-end]'],
    ['capabilities.py', 'the greeting ignores the host', 'return config_store.get("greeting") or DEFAULT_GREETING', 'return DEFAULT_GREETING', 'test_the_greeting_comes_from_the_host'],
    ['app.py', 'the answer drops the path', '! {method} {key}"', '! {method}"', 'test_the_answer_names_the_component_and_echoes_method_and_path'],
    ['app.py', 'replies go to the subject', 'subject=msg.reply_to', 'subject=msg.subject', 'test_a_message_with_reply_to_gets_the_answer'],
    ['capabilities.py', 'a denied request reads like any error', 'if isinstance(error, ErrorCode_HttpRequestDenied):', 'if error is None:', 'test_a_denied_request_says_so'],
    ['capabilities.py', 'events go to the wrong subject', 'subject=EVENTS_SUBJECT', 'subject=COMPONENT_NAME', 'test_each_request_or_message_is_published_as_an_event'],
    ['capabilities.py', 'the path is spliced into the SQL', '"INSERT INTO visits (path) VALUES ($1)", [PgValue_Text(key)]', 'f"INSERT INTO visits (path) VALUES (\'{key}\')", []', 'test_the_path_is_a_parameter_never_part_of_the_sql'],
    ['capabilities.py', 'requests are logged at debug', 'log(Level.INFO,', 'log(Level.DEBUG,', 'test_each_request_or_message_is_logged_at_info'],
  ])('%s: fails when %s', (file, _, from, to, failing) => {
    const original = originals.get(file) as string;
    expect(original).toContain(from);
    writeFileSync(join(project, file), original.replace(from, to));
    try {
      const ran = pytest(project);
      expect(ran.status, ran.output).toBe(1);
      expect(ran.output).toContain(`FAILED tests/test_${file === 'app.py' ? 'app' : 'capabilities'}.py::${failing}`);
    } finally {
      writeFileSync(join(project, file), original);
    }
  });
});
