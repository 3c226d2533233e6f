"""Drives a command in a pseudo-terminal: waits for each expected text, then sends the keys.

argv[1] is a JSON object: {"argv": [...], "cwd": "...", "env": {...}, "steps": [[expect, send], ...], "timeout": s}
Prints {"code": exit code, "output": everything the terminal showed, "timedOut": bool} as JSON.
"""
import json
import os
import pty
import select
import sys
import time

spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.chdir(spec["cwd"])
    os.execvpe(spec["argv"][0], spec["argv"], spec["env"])

output = b""
deadline = time.time() + spec.get("timeout", 20)
timed_out = False


def read_some(wait):
    global output
    ready, _, _ = select.select([fd], [], [], wait)
    if not ready:
        return True
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        return False
    if not chunk:
        return False
    output += chunk
    return True


for expect, send in spec["steps"]:
    while expect.encode() not in output:
        if time.time() > deadline or not read_some(0.1):
            timed_out = time.time() > deadline
            break
    time.sleep(0.15)
    os.write(fd, send.encode())

while time.time() < deadline:
    if not read_some(0.1):
        break
else:
    timed_out = True
    os.kill(pid, 9)

_, status = os.waitpid(pid, 0)
print(json.dumps({"code": os.waitstatus_to_exitcode(status), "output": output.decode(errors="replace"), "timedOut": timed_out}))
