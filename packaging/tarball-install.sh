#!/bin/sh
# Put album in this user's menus: a launcher for the album in this folder, its icons, and `album` on the PATH
# (~/.local/bin). Keep this folder where it is (move it, then run this again). Undo: ./album uninstall-desktop
set -eu
here=$(cd "$(dirname "$0")" && pwd)
"$here/album" install-desktop --bin
