"""``python -m geo <command>``: every capability of the project, one subcommand each.

Each module listed in :data:`COMMAND_MODULES` defines ``register(subparsers)``, adding its
commands with ``set_defaults(run=function)``. A command function takes the parsed arguments
and returns an exit status. Bad input raises :class:`geo.core.GeoError`, which becomes one
line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import threading
import warnings
from collections.abc import Sequence

from ..core import GeoError, GeoWarning, for_terminal

COMMAND_MODULES = ("gazetteer", "publish", "extract", "store", "evaluate", "check")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line naming the command and the problem."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m geo",
        description="Map who holds what in a war, from the news, citing every change.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: the same unwinding (transactions rolled back, workers
    stopped), one line, and the shell's status for the signal."""


#: Set once SIGTERM arrives: whatever the run then ends with (an error from the pool it was
#: stopping, a status), the command was terminated and says so.
_TERMINATED: list[int] = []


def _terminate(signum: int, _frame) -> None:
    _TERMINATED.append(signum)
    raise Terminated(signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a :class:`GeoWarning` is one line on stderr, like an error, each said once
    in the run however many steps draw the map."""
    said: set[str] = set()
    python_shows = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None) -> None:
        if not issubclass(category, GeoWarning):
            return python_shows(message, category, filename, lineno, file, line)
        text = for_terminal(str(message))
        if text not in said:
            said.add(text)
            print(f"warning: {text}", file=sys.stderr)

    with warnings.catch_warnings():
        warnings.simplefilter("always", GeoWarning)
        warnings.showwarning = show
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 0
    in_main = threading.current_thread() is threading.main_thread()  # only it may take signals
    previous = signal.signal(signal.SIGTERM, _terminate) if in_main else None
    _TERMINATED.clear()
    try:
        status = int(args.run(args) or 0)
        if _TERMINATED:
            raise Terminated(_TERMINATED[0])
        return status
    except GeoError as exc:
        if _TERMINATED:  # the error came from stopping: the command was terminated
            print("interrupted", file=sys.stderr)
            return 128 + signal.SIGTERM
        print(f"error: {for_terminal(exc.message)}", file=sys.stderr)
        return 2
    except Terminated:
        print("interrupted", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output left (``| head``): stop quietly, as a shell tool does, and point
        # stdout at nothing so the interpreter's last flush cannot raise again on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
