"""``album`` with no arguments, or with only files and folders, starts the desktop app; with a subcommand it is
the CLI."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and not _only_paths(args):
        from album.cli import main as cli_main

        return cli_main(args)
    return app(args)


def app(argv: Sequence[str] | None = None) -> int:
    """The desktop app (``[project.gui-scripts]``: no console window on Windows).

    Args:
        argv: files and folders to open, as a file manager's "Open with" passes them: they are imported into
            the library like a folder dropped on the window.
    """
    paths = list(sys.argv[1:] if argv is None else argv)
    from album.preflight import gui_problem

    problem = gui_problem()  # checked before any Qt window code is imported
    if problem:
        print(f"album: {problem}", file=sys.stderr)
        return 1
    from album.gui.app import main as gui_main

    return gui_main([os.path.abspath(p) for p in paths])


def _only_paths(args: list[str]) -> bool:
    """Whether ``args`` are files or folders to open rather than a command line for the CLI (a subcommand wins
    over a folder of the same name)."""
    if args[0].startswith("-") or not all(os.path.exists(a) for a in args):
        return False
    from album.cli import command_names

    return args[0] not in command_names()


if __name__ == "__main__":
    sys.exit(main())
