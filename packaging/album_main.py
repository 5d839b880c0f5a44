"""The frozen app's entry point (packaging/album.spec): the same ``main`` as the ``album`` command."""

import sys

from album.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
