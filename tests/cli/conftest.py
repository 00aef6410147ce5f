"""Run the ``kmdesk`` command in-process with click's test runner, on temporary catalogue folders.

Only ``test_cli_process.py`` starts real processes, for what only a real process shows. Here
every invocation goes through ``cli.main`` in standalone mode, as the console script does, with
these differences from a real process taken care of:

* an exception that would print a traceback in a real process is re-raised (the test errors)
  instead of being turned into exit status 1, so "exit 1, no traceback" keeps its meaning;
* stdin is never a terminal (an empty pipe unless ``input`` is given), like ``subprocess.run``
  with captured streams; ``KMDESK_DATA_DIR`` is unset for the invocation unless ``env`` sets it;
* ``kmdesk`` without a command would open the desktop app, so such a command line is refused.

Every invocation is its own click context, which closes the catalogue on the way out
(``ctx.call_on_close``); a catalogue left open would keep its writer lock and make the next
writing invocation fail, so a leak cannot go unnoticed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner

from kmdesk.cli import cli

#: Options of the group that end the command line without running a command.
_EXITING_OPTIONS = ("--help", "-h", "--version")


class Outcome(NamedTuple):
    """What one ``kmdesk`` invocation gave: exit status and the two output streams."""

    code: int
    stdout: str
    stderr: str


Run = Callable[..., Outcome]


def _names_a_command(args: tuple[str, ...]) -> bool:
    """Whether the command line runs a subcommand (or only asks for help or the version)."""
    tokens = iter(args)
    for token in tokens:
        if token == "--data-dir":
            next(tokens, None)
        elif token in _EXITING_OPTIONS:
            return True
        elif not token.startswith("-"):
            return token in cli.commands
    return False


@pytest.fixture
def run() -> Run:
    """``run(*args, input=None, env=None)``: ``kmdesk ARGS`` in-process, as an :class:`Outcome`.

    ``args`` are passed as they are (give ``--data-dir`` yourself); ``env`` adds or (with
    ``None``) removes environment variables for this invocation only.
    """

    def invoke(
        *args: str | Path, input: str | None = None, env: Mapping[str, str | None] | None = None
    ) -> Outcome:
        argv = tuple(str(arg) for arg in args)
        assert _names_a_command(argv), f"{argv} would open the desktop app"
        runner = CliRunner(env={"KMDESK_DATA_DIR": None, **(env or {})})
        result = runner.invoke(cli, argv, input=input, prog_name="kmdesk", catch_exceptions=False)
        return Outcome(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def kmdesk(run: Run) -> Run:
    """``kmdesk(data_dir, *args, input=None)``: ``kmdesk --data-dir DATA_DIR ARGS`` in-process."""

    def invoke(data_dir: Path, *args: str | Path, input: str | None = None) -> Outcome:
        return run("--data-dir", data_dir, *args, input=input)

    return invoke


@pytest.fixture
def ok(kmdesk: Run) -> Callable[..., str]:
    """``ok(data_dir, *args, input=None)``: like ``kmdesk``, asserts exit 0, returns stdout."""

    def invoke(data_dir: Path, *args: str | Path, input: str | None = None) -> str:
        outcome = kmdesk(data_dir, *args, input=input)
        assert outcome.code == 0, (args, outcome.stderr)
        return outcome.stdout

    return invoke


@pytest.fixture
def listed(ok: Callable[..., str]) -> Callable[[Path], list[dict[str, Any]]]:
    """``listed(data_dir)``: every product of the catalogue, from ``kmdesk list --json``."""

    def products(data_dir: Path) -> list[dict[str, Any]]:
        found = json.loads(ok(data_dir, "list", "--json"))
        assert isinstance(found, list)
        return found

    return products


@pytest.fixture
def empty_folder(tmp_path: Path, ok: Callable[..., str]) -> Path:
    """A catalogue folder made by ``kmdesk init``: no products, the built-in product types."""
    data_dir = tmp_path / "k"
    assert ok(data_dir, "init").startswith("Created an empty catalogue")
    return data_dir
