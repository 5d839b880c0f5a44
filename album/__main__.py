"""``album`` with no arguments starts the desktop app; with a subcommand it is the CLI."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args:
        from album.cli import main as cli_main

        return cli_main(args)
    try:
        import PySide6  # noqa: F401  (checked first so a missing Qt is a sentence, not a traceback)
    except ImportError:
        print("album: the desktop app needs PySide6 (pip install pyside6); the CLI works without it: album --help")
        return 1
    from album.gui.app import main as gui_main

    return gui_main()


if __name__ == "__main__":
    sys.exit(main())
