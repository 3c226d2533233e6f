"""`poe bindings`: componentize-py's bindings for the world, in bindings/, for the editor, mypy and pytest.

It runs componentize-py with the options of the project's build command (`build.command` in
.wash/config.yaml, or `build_command` in wasmcloud.toml), the one place they are written, and
replaces bindings/ as a whole, however often it runs. With `--if-stale` it does so only when
bindings/ is missing or older than wit/ and that command. conftest.py runs it that way, so
`pytest` works on a fresh clone.

create-wasmcloud-python writes this file; its add command may rewrite it.
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINDINGS = ROOT / "bindings"
# Written last: bindings/ is complete, and made with these options.
STAMP = BINDINGS / ".options"


class BindingsError(Exception):
    """What went wrong, in words a user can act on."""


def yaml_scalar(text: str) -> str:
    """A one-line YAML scalar as wash reads it: double-quoted (JSON's escapes), single-quoted or plain."""
    text = text.strip()
    if text.startswith('"'):
        value: str = json.loads(text)
        return value
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    return text


def build_command(root: Path = ROOT) -> str:
    """The build command the wash config gives."""
    wash = root / ".wash" / "config.yaml"
    if wash.is_file():
        section = ""
        for line in wash.read_text(encoding="utf-8").splitlines():
            if line and not line[0].isspace() and line.endswith(":"):
                section = line[:-1]
            elif section == "build" and line.strip().startswith("command:"):
                return yaml_scalar(line.split(":", 1)[1])
        raise BindingsError(f"{wash} has no build.command")
    toml = root / "wasmcloud.toml"
    if toml.is_file():
        command: str = tomllib.loads(toml.read_text(encoding="utf-8"))["component"]["build_command"]
        return command
    raise BindingsError(f"{root} has neither .wash/config.yaml nor wasmcloud.toml")


def world_options(command: str) -> list[str]:
    """componentize-py's options for the world (`-d`, `-w`, every pinned module name): what precedes `componentize`."""
    argv = shlex.split(command)
    if not argv or Path(argv[0]).name != "componentize-py" or "componentize" not in argv:
        raise BindingsError(f"the build command does not run `componentize-py ... componentize`: {command}")
    return argv[1 : argv.index("componentize")]


def is_stale(options: list[str], root: Path = ROOT) -> bool:
    """Whether bindings/ is missing, made with other options, or older than a file of wit/."""
    stamp = root / STAMP.relative_to(ROOT)
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != shlex.join(options):
        return True
    made = stamp.stat().st_mtime
    return any(path.stat().st_mtime > made for path in (root / "wit").rglob("*") if path.is_file())


def generate(options: list[str], root: Path = ROOT) -> None:
    """Generates the bindings into a fresh directory, then puts it in place of bindings/."""
    componentize_py = shutil.which("componentize-py")
    if componentize_py is None:
        raise BindingsError(
            "componentize-py is not on PATH: activate the venv (. .venv/bin/activate), or use `uv run poe`"
        )
    with tempfile.TemporaryDirectory(dir=root, prefix=".bindings-") as scratch:
        fresh = Path(scratch) / "bindings"
        ran = subprocess.run(
            [componentize_py, *options, "bindings", str(fresh)], cwd=root, capture_output=True, text=True
        )
        if ran.returncode != 0:
            raise BindingsError(f"componentize-py bindings failed:\n{ran.stdout}{ran.stderr}")
        (fresh / STAMP.name).write_text(shlex.join(options), encoding="utf-8")
        target = root / BINDINGS.name
        shutil.rmtree(target, ignore_errors=True)
        fresh.rename(target)


def refresh(root: Path = ROOT, if_stale: bool = False) -> bool:
    """Brings bindings/ up to date; returns whether it generated them."""
    options = world_options(build_command(root))
    if if_stale and not is_stale(options, root):
        return False
    generate(options, root)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--if-stale", action="store_true", help="only when bindings/ is missing or older than wit/")
    args = parser.parse_args(argv)
    try:
        made = refresh(if_stale=args.if_stale)
    except BindingsError as error:
        print(f"bindings: {error}", file=sys.stderr)
        return 1
    print("bindings: generated bindings/" if made else "bindings: bindings/ is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
