/**
 * The generated project's own fast loop: its `pytest` passes on the generated code, in plain CPython, on
 * wasmcloud_sdk.testing's in-memory hosts, and fails when the logic breaks; and the SDK's own tests
 * (test/sdk/, against fakes of the bindings) pass on the package a project gets and fail when it breaks.
 * Each mutation below is a mistake a user (or a change to the SDK) could make; the named test must catch it.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { interfacesFor } from '../src/interfaces/index.js';
import { bindingsArgvOf, pytest, run, sdkPytest, type Ran } from './support/build.js';
import { readToolchain } from './support/jco.js';
import { generate } from './support/project.js';

/** A file of the project, a mistake, the text it replaces and its replacement, and the test that must fail. */
type Mutation = [file: string, mistake: string, from: string, to: string, failing: string];

/**
 * A generated project whose tests pass, then each mutation, which the named test must catch: a test of
 * tests/test_app.py for app.py, of test/sdk/ for a module of wasmcloud_sdk/.
 */
function mutations(name: string, args: string[], wasi: '0.2' | '0.3', cases: Mutation[]): void {
  let project: string;
  const originals = new Map<string, string>();
  beforeAll(async () => {
    project = await generate(name, args);
    const bindings = run(bindingsArgvOf(project), project);
    expect(bindings.status, bindings.output).toBe(0);
    for (const [file] of cases) originals.set(file, readFileSync(join(project, file), 'utf8'));
  });

  const passes = (ran: Ran): void => {
    expect(ran.status, ran.output).toBe(0);
    expect(ran.output).toMatch(/^\d+ passed in [\d.]+s$/m);
    // An async test that pytest-asyncio did not run would be a warning, not a failure.
    expect(ran.output).not.toMatch(/never awaited|skipped/);
  };

  it("passes the project's own tests on the generated code", () => passes(pytest(project)));
  it("passes the SDK's own tests on the package the project has", () => passes(sdkPytest(project, wasi)));

  it('type-checks a module the user adds, with no edit of pyproject.toml: mypy and pyright find its mistake', () => {
    const tc = readToolchain();
    writeFileSync(
      join(project, 'routes.py'),
      'from wasmcloud_sdk.http import Request\n\n\ndef path_of(request: Request) -> int:\n    return request.path\n',
    );
    try {
      const mypy = run([tc.paths.mypy, '--no-incremental'], project);
      expect(mypy.status, mypy.output).toBe(1);
      expect(mypy.output).toMatch(/^routes\.py:5: error: Incompatible return value type \(got "str", expected "int"\)/m);
      const pyright = run([tc.paths.node, tc.paths.pyright], project);
      expect(pyright.status, pyright.output).toBe(1);
      expect(pyright.output).toMatch(/routes\.py:5:\d+ - error: Type "str" is not assignable to return type "int"/);
    } finally {
      rmSync(join(project, 'routes.py'));
    }
  });

  it.each(cases)('%s: fails when %s', (file, _, from, to, failing) => {
    const original = originals.get(file) as string;
    expect(original).toContain(from);
    writeFileSync(join(project, file), original.replace(from, to));
    try {
      const ran = file === 'app.py' ? pytest(project) : sdkPytest(project, wasi);
      expect(ran.status, ran.output).toBe(1);
      expect(ran.output).toMatch(new RegExp(`^FAILED \\S*::${failing.replace(/[[\]]/g, '\\$&')}\\b`, 'm'));
    } finally {
      writeFileSync(join(project, file), original);
    }
  });
}

describe('the generated pytest loop (WASI 0.2, every interface)', () => {
  mutations('looped', ['--interfaces', interfacesFor('0.2').join(',')], '0.2', [
    [
      'app.py',
      'the counter counts by two',
      ".increment(f'count-{safe_name(key)}')",
      ".increment(f'count-{safe_name(key)}', 2)",
      'test_the_counter_counts_each_key_from_one',
    ],
    [
      'app.py',
      'the greeting ignores the host',
      "config.get('greeting', DEFAULT_GREETING)",
      'DEFAULT_GREETING',
      'test_the_greeting_comes_from_the_host',
    ],
    [
      'app.py',
      'the answer drops the path',
      '! {request.method} {request.target}"',
      '! {request.method}"',
      'test_any_other_request_gets_the_greeting_that_echoes_method_and_path',
    ],
    [
      'app.py',
      'the health route answers without its content-type',
      'return Response.text("ok\\n")',
      'return Response(b"ok\\n")',
      'test_health_is_ok_as_plain_text',
    ],
    [
      'app.py',
      'a GET writes like a POST',
      'write=request.method in ("POST", "PUT")',
      'write=True',
      'test_a_post_or_a_put_writes_any_other_method_reads',
    ],
    ['app.py', 'a GET overwrites what was stored', '        if write:', '        if True:', 'test_a_read_leaves_what_is_stored'],
    ['app.py', 'a denied request reads like any error', '        return str(error)', '        return "error"', 'test_a_denied_request_says_so'],
    [
      'app.py',
      'events go to the wrong subject',
      'messaging.publish(EVENTS_SUBJECT, key)',
      'messaging.publish(COMPONENT_NAME, key)',
      'test_each_request_or_message_is_published_as_an_event',
    ],
    [
      'app.py',
      'the path is spliced into the SQL',
      'postgres.execute("INSERT INTO visits (path) VALUES ($1)", key)',
      'postgres.execute(f"INSERT INTO visits (path) VALUES (\'{key}\')")',
      'test_the_path_is_a_parameter_never_part_of_the_sql',
    ],
    ['app.py', 'requests are logged at debug', 'logger.info(', 'logger.debug(', 'test_each_request_or_message_is_logged_at_info'],
    // The SDK, under its own tests (test/sdk/p2):
    [
      'wasmcloud_sdk/http.py',
      'the body is written in one piece',
      'for chunk in chunks(data):',
      'for chunk in [data]:',
      'test_the_status_headers_and_body_reach_the_client_in_chunks',
    ],
    [
      'wasmcloud_sdk/http.py',
      'a route that raises traps the component',
      '    except Exception as error:\n        print(failure(request, error), file=sys.stderr)',
      '    except Err as error:\n        print(failure(request, error), file=sys.stderr)',
      'test_a_route_that_raises_gets_a_500_and_one_line_on_stderr',
    ],
    [
      'wasmcloud_sdk/http.py',
      'a client that hangs up traps the component',
      '                return  # the client hung up: nobody reads the rest',
      '                raise',
      'test_a_client_that_hangs_up_mid_body_ends_the_writing_quietly',
    ],
    [
      'wasmcloud_sdk/http.py',
      'the last route that matches answers',
      '        for route in self.routes:\n            params',
      '        for route in reversed(self.routes):\n            params',
      'test_the_first_route_that_matches_answers',
    ],
    [
      'wasmcloud_sdk/keyvalue.py',
      'keys stop at the first page',
      '                cursor = page.cursor',
      '                break',
      'test_keys_follow_the_cursor_over_every_page',
    ],
    [
      'wasmcloud_sdk/keyvalue.py',
      'increment is not atomics.increment',
      '            return atomics.increment(opened, key, delta)',
      '            return delta',
      'test_increment_is_atomics_increment_on_the_opened_bucket',
    ],
    [
      'wasmcloud_sdk/blobstore.py',
      'blob reads stop short on an exclusive host',
      'chunk = read_range(container, name, start, end + 1)',
      'chunk = b""',
      'test_get_reads_every_byte_however_the_host_reads_end',
    ],
    [
      'wasmcloud_sdk/messaging.py',
      'replies go to the subject',
      'reply(msg.reply_to, answer)',
      'reply(msg.subject, answer)',
      'test_the_reply_goes_to_reply_to_and_the_handler_is_recorded',
    ],
    [
      'wasmcloud_sdk/http_client.py',
      'a denied request reads like any error',
      '        return HttpError("denied", DENIED)',
      '        return HttpError("other", DENIED)',
      'test_denied_says_exactly_what_to_do',
    ],
    [
      'wasmcloud_sdk/postgres.py',
      'a bool is sent as an int',
      'if isinstance(value, bool):  # before int: True is an int too',
      'if False:',
      'test_a_bool_is_sent_as_a_bool_never_as_an_int',
    ],
    [
      'wasmcloud_sdk/log.py',
      'a warning is logged at info',
      '        return "warn"',
      '        return "info"',
      'test_each_level_maps_to_wasi_loggings',
    ],
  ]);
});

describe('the generated pytest loop, WASI 0.3 (every interface, async handlers, pytest-asyncio)', () => {
  mutations('awaited', ['--wasi', '0.3', '--interfaces', interfacesFor('0.3').join(',')], '0.3', [
    [
      'app.py',
      'the two requests go one after the other',
      'for status in await asyncio.gather(upstream_status(UPSTREAM_URL), upstream_status(UPSTREAM_URL)):',
      'for status in [await upstream_status(UPSTREAM_URL), await upstream_status(UPSTREAM_URL)]:',
      'test_two_requests_are_in_flight_at_once',
    ],
    [
      'app.py',
      'the secret itself is answered',
      'return f"secret {name}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:8]}"',
      'return f"secret {name}: {data!r}"',
      'test_a_secret_is_described_by_length_and_hash_never_shown',
    ],
    [
      'app.py',
      'a missing secret reads like a host failure',
      '    except secrets.SecretNotFound:\n        return f"secret {name}: not found"\n',
      '',
      'test_a_missing_secret_is_a_line_of_the_answer',
    ],
    [
      'app.py',
      'the counter counts by two',
      ".increment(f'count-{safe_name(key)}')",
      ".increment(f'count-{safe_name(key)}', 2)",
      'test_the_counter_counts_each_key_from_one',
    ],
    [
      'app.py',
      'a GET writes like a POST',
      'write=request.method in ("POST", "PUT")',
      'write=True',
      'test_a_post_or_a_put_writes_any_other_method_reads',
    ],
    // The SDK, under its own tests (test/sdk/p3):
    [
      'wasmcloud_sdk/http.py',
      'the body is written before the export returns',
      '            spawn(write_body(stream, data))',
      '            await write_body(stream, data)',
      'test_a_client_that_goes_away_stops_the_writes',
    ],
    [
      'wasmcloud_sdk/http_client.py',
      'the request body is written before it is sent',
      '                response, _ = await asyncio.gather(http_client.send(request), write_body(writer, body))',
      '                await write_body(writer, body)\n                response = await http_client.send(request)',
      'test_the_body_is_written_while_send_runs_every_byte_and_header',
    ],
    [
      'wasmcloud_sdk/secrets.py',
      'the secret shows in its repr',
      '        return f"<Secret {self.name}>"',
      '        return f"<Secret {self.name} {self.reveal()}>"',
      'test_a_secret_never_shows_its_value',
    ],
  ]);
});
