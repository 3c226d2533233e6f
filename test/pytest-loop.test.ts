/**
 * The generated project's own fast loop: its `pytest` passes on the generated code, in plain CPython,
 * and fails when the logic breaks. Each mutation below is a mistake a user could make; the
 * named generated test must catch it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { interfacesFor } from '../src/interfaces/index.js';
import { bindingsArgvOf, pytest, run } from './support/build.js';
import { generate } from './support/project.js';

type Mutation = [file: string, mistake: string, from: string, to: string, failing: string];

/**
 * A generated project whose pytest passes, then each mutation: a mistake a user could make, which the named
 * generated test must catch.
 */
function mutations(name: string, args: string[], cases: Mutation[], count?: number): void {
  let project: string;
  const originals = new Map<string, string>();
  beforeAll(async () => {
    project = await generate(name, args);
    const bindings = run(bindingsArgvOf(project), project);
    expect(bindings.status, bindings.output).toBe(0);
    for (const file of ['app.py', 'capabilities.py', 'wasi_http.py', 'wasmcloud_messaging.py']) originals.set(file, readFileSync(join(project, file), 'utf8'));
  });

  it('passes on the generated code', () => {
    const ran = pytest(project);
    expect(ran.status, ran.output).toBe(0);
    expect(ran.output).toMatch(new RegExp(`^${count ?? '\\d+'} passed in [\\d.]+s$`, 'm'));
    // An async test that pytest-asyncio did not run would be a warning, not a failure.
    expect(ran.output).not.toMatch(/never awaited|skipped/);
  });

  it.each(cases)('%s: fails when %s', (file, _, from, to, failing) => {
    const original = originals.get(file) as string;
    expect(original).toContain(from);
    writeFileSync(join(project, file), original.replace(from, to));
    try {
      const ran = pytest(project);
      expect(ran.status, ran.output).toBe(1);
      expect(ran.output).toContain(`FAILED tests/test_${file}::${failing}`);
    } finally {
      writeFileSync(join(project, file), original);
    }
  });
}

describe.each(['2', '1'])('the generated pytest loop (wasmCloud %s, every interface)', (major) => {
  mutations('looped', ['--wasmcloud', major, '--interfaces', interfacesFor('0.2').join(',')], [
    ['capabilities.py', 'the counter counts by two', 'f"count-{safe_name(key)}", 1)', 'f"count-{safe_name(key)}", 2)', 'test_the_counter_counts_each_key_from_one'],
    ['capabilities.py', 'blob reads stop one byte short on an exclusive host', ' or read_range(container, name, start, end + 1)', '', 'test_a_blob_round_trips_byte_for_byte[20-exclusive-end]'],
    ['capabilities.py', 'the greeting ignores the host', 'return config_store.get("greeting") or DEFAULT_GREETING', 'return DEFAULT_GREETING', 'test_the_greeting_comes_from_the_host'],
    ['app.py', 'the answer drops the path', '! {request.method} {request.target}"', '! {request.method}"', 'test_any_other_request_gets_the_greeting_that_echoes_method_and_path'],
    ['app.py', 'the health route answers without its content-type', '[("content-type", "text/plain; charset=utf-8")], "ok\\n"', '[], "ok\\n"', 'test_health_is_ok_as_plain_text'],
    ['app.py', 'a GET writes like a POST', 'write=request.method in ("POST", "PUT")', 'write=True', 'test_a_post_or_a_put_writes_and_any_other_method_only_reads'],
    ['capabilities.py', 'a GET overwrites what was stored', '    if write:', '    if True:', 'test_a_read_leaves_what_is_stored'],
    ['wasi_http.py', 'the query is dropped from the request', 'return f"{self.path}?{self.query}" if self.query else self.path', 'return self.path', 'test_the_handler_sees_method_path_query_headers_and_the_whole_body'],
    ['wasi_http.py', 'the status never reaches the client', 'result.set_status_code(response.status)', 'result.set_status_code(200)', 'test_the_status_headers_and_body_reach_the_client_in_chunks'],
    ['wasi_http.py', 'a handler that raises traps the component', '    except Exception as error:\n        print(failure(request, error), file=sys.stderr)\n        return outgoing(INTERNAL_ERROR)', '    except Err as error:\n        print(failure(request, error), file=sys.stderr)\n        return outgoing(INTERNAL_ERROR)', 'test_a_handler_that_raises_gets_a_500_and_a_line_on_stderr'],
    ['wasi_http.py', 'the body is written in one piece', 'for chunk in chunks(data):', 'for chunk in [data]:', 'test_the_status_headers_and_body_reach_the_client_in_chunks'],
    ['wasmcloud_messaging.py', 'replies go to the subject', 'reply(msg.reply_to, answer)', 'reply(msg.subject, answer)', 'test_the_reply_goes_to_reply_to'],
    ['capabilities.py', 'a denied request reads like any error', 'if isinstance(error, ErrorCode_HttpRequestDenied):', 'if error is None:', 'test_a_denied_request_says_so'],
    ['capabilities.py', 'events go to the wrong subject', 'subject=EVENTS_SUBJECT', 'subject=COMPONENT_NAME', 'test_each_request_or_message_is_published_as_an_event'],
    ['capabilities.py', 'the path is spliced into the SQL', '"INSERT INTO visits (path) VALUES ($1)", [PgValue_Text(key)]', 'f"INSERT INTO visits (path) VALUES (\'{key}\')", []', 'test_the_path_is_a_parameter_never_part_of_the_sql'],
    ['capabilities.py', 'requests are logged at debug', 'log(Level.INFO,', 'log(Level.DEBUG,', 'test_each_request_or_message_is_logged_at_info'],
  ], 43);
});

describe('the generated pytest loop, WASI 0.3 (every interface, async handlers, pytest-asyncio)', () => {
  mutations('awaited', ['--wasi', '0.3', '--interfaces', interfacesFor('0.3').join(',')], [
    ['capabilities.py', 'the two requests go one after the other', 'return list(await asyncio.gather(*(fetch_status(url) for url in urls)))', 'return [await fetch_status(url) for url in urls]', 'test_two_requests_are_in_flight_at_once'],
    ['capabilities.py', 'the secret itself is answered', 'return f"secret {name}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:8]}"', 'return f"secret {name}: {data!r}"', 'test_a_secret_is_described_by_length_and_hash_never_shown'],
    ['capabilities.py', 'a missing secret crashes the request', '        if isinstance(error.value, SecretsError_NotFound):\n            return f"secret {name}: not found"\n', '', 'test_a_missing_secret_is_a_line_of_the_answer'],
    ['capabilities.py', 'the counter counts by two', 'f"count-{safe_name(key)}", 1)', 'f"count-{safe_name(key)}", 2)', 'test_the_counter_counts_each_key_from_one'],
    ['wasi_http.py', 'the status never reaches the client', 'result.set_status_code(response.status)', 'result.set_status_code(200)', 'test_the_status_headers_and_body_reach_the_client_in_chunks_after_the_response'],
    ['wasi_http.py', 'the body is written before the export returns', '            spawn(write_body(stream, data))', '            await write_body(stream, data)', 'test_the_status_headers_and_body_reach_the_client_in_chunks_after_the_response'],
    ['wasi_http.py', 'a handler that raises traps the component', '    except Exception as error:\n        print(failure(request, error), file=sys.stderr)', '    except Err as error:\n        print(failure(request, error), file=sys.stderr)', 'test_a_handler_that_raises_gets_a_500_and_a_line_on_stderr'],
    ['app.py', 'a GET writes like a POST', 'write=request.method in ("POST", "PUT")', 'write=True', 'test_a_post_or_a_put_writes_and_any_other_method_only_reads'],
    ['wasmcloud_messaging.py', 'replies go to the subject', 'await reply(msg.reply_to, answer)', 'await reply(msg.subject, answer)', 'test_the_handler_gets_the_whole_body_and_the_reply_goes_to_reply_to'],
    ['capabilities.py', 'the body is written before it is published', 'await asyncio.gather(consumer.publish(BrokerMessage(subject, reader, reply_to)), write())', 'await write()\n    await consumer.publish(BrokerMessage(subject, reader, reply_to))', 'test_a_body_is_streamed_to_the_host_whole'],
  ]);
});
