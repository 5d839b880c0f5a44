#!/usr/bin/env bash
# Packaging smoke test (CI runs it after pytest, as root): build everything, install the .deb with dpkg -i,
# start the installed album under Xvfb from its desktop file's Exec line with a photo folder (as a file
# manager's "Open with" does: the folder is imported), screenshot the screen, then index another folder with the
# bundled CLI using the tiny converted CLIP (tests/tinyclip.py), the shared face models and a video, and search.
#   packaging/smoke-test.sh [OUTDIR]     (default build/package; the screenshot is OUTDIR/smoke/installed.png)
# Needs: root (dpkg -i), packaging/debian-deps.sh's packages, and .venv with the test extras (for the tiny CLIP
# and the screenshot; ALBUM_SMOKE_PYTHON names another).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
OUT=$(realpath -m "${1:-build/package}")
PY="${ALBUM_SMOKE_PYTHON:-$REPO/.venv/bin/python}"  # the test environment (the tiny CLIP, screen grabs)
APP_ID=io.github.album.Album
start=$SECONDS
say() { echo "smoke-test [$((SECONDS - start)) s]: $*"; }
fail() { echo "smoke-test: FAILED: $*" >&2; exit 1; }

if [ -z "${ALBUM_SMOKE_PREBUILT:-}" ]; then packaging/build.sh "$OUT"; fi  # set it to test an earlier build
say "install the .deb"
dpkg -i "$OUT"/album_*_amd64.deb >/dev/null
desktop-file-validate "/usr/share/applications/$APP_ID.desktop"
appstreamcli validate --no-net "/usr/share/metainfo/$APP_ID.metainfo.xml" >/dev/null
test -f /usr/share/icons/hicolor/256x256/apps/album.png || fail "no icon in the hicolor theme"
[ "$(readlink -f /usr/bin/album)" = /opt/album/album ] || fail "/usr/bin/album is not the bundle"

SMOKE="$OUT/smoke"
rm -rf "$SMOKE" && mkdir -p "$SMOKE/models" "$SMOKE/opened" "$SMOKE/photos"
export ALBUM_HOME="$SMOKE/home" ALBUM_MODELS_DIR="$SMOKE/models" ALBUM_CLIP_MODEL=tiny-shapes
ln -s "$REPO/../shared/models/faces" "$SMOKE/models/faces"
(cd tests && "$PY" -c "
import sys; from pathlib import Path; import tinyclip, videofactory
out = Path(sys.argv[1])
tinyclip.install(out / 'models')
tinyclip.write_photos(out / 'opened', per_class=1)
tinyclip.write_photos(out / 'photos', per_class=2, seed=2000)
videofactory.write_video(out / 'photos' / 'clip.mp4', [('red', 'circle', 2.0)])  # the bundle indexes videos
" "$SMOKE")
for person in Nicole_Kidman Hugo_Chavez; do  # four portraits each: enough for album to make two people
    for photo in $(ls "$REPO/../shared/faces/people/$person" | head -4); do
        cp "$REPO/../shared/faces/people/$person/$photo" "$SMOKE/photos/${person}_$photo"
    done
done

say "start the installed album from the desktop file's Exec line, with a folder to open"
exec_line=$(sed -n 's/^Exec=//p' "/usr/share/applications/$APP_ID.desktop")
read -r -a command <<<"${exec_line//%F/$SMOKE/opened}"
export SMOKE PY REPO QT_QPA_PLATFORM=xcb
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    "$@" >"$SMOKE/app.log" 2>&1 &
    app=$!
    n=0
    while [ $SECONDS -lt 600 ]; do  # the window opens the library and imports the folder it was given
        sleep 1
        kill -0 $app 2>/dev/null || { echo "album exited early: $(cat "$SMOKE/app.log")"; exit 1; }
        n=$(/usr/bin/album stats --json 2>/dev/null | "$PY" -c "import json, sys; print(json.load(sys.stdin)[\"photos\"])") || n=0
        [ "$n" -ge 12 ] && break
    done
    [ "$n" -ge 12 ] || { echo "the opened folder was not imported ($n photos)"; kill $app; exit 1; }
    sleep 2  # the grid shows the last batch
    "$PY" "$REPO/packaging/grab_screen.py" "$SMOKE/installed.png" || { kill $app; exit 1; }
    kill $app
    wait $app || true
' _ "${command[@]}" >"$SMOKE/xvfb.log" 2>&1 || fail "the installed app: $(cat "$SMOKE/xvfb.log")"
unset QT_QPA_PLATFORM
say "screenshot: $SMOKE/installed.png"

say "index with the bundled CLI (tiny CLIP + shared face models + a video) and search"
summary=$(album index "$SMOKE/photos" --json)
echo "$summary"
"$PY" - "$summary" <<'PYCHECK'
import json, sys
s = json.loads(sys.argv[1].splitlines()[0])
assert (s["added"], s["videos"], s["failed"]) == (33, 1, 0), s
assert not s["unavailable"], f"models or video support the bundle could not run: {s['unavailable']}"
PYCHECK
top=$(album search a yellow square --json --limit 2)
echo "$top"
[ "$(echo "$top" | grep -c yellow_square)" -eq 2 ] || fail "the bundled CLIP did not find the yellow squares"
people=$(album people --json)
"$PY" - "$people" <<'PYCHECK' || fail "the bundled face models did not group the portraits into people"
import json, sys
people = [json.loads(line) for line in sys.argv[1].splitlines()]
groups = [{f["photo"].rsplit("/", 1)[1].split("_")[0] for f in p["faces"]} for p in people]
assert {"Nicole"} in groups and {"Hugo"} in groups, groups
PYCHECK
say "the tarball: unpack, install.sh, a menu entry for this folder's album, uninstall"
mkdir -p "$SMOKE/tar"
tar -C "$SMOKE/tar" -xzf "$OUT"/album-*-linux-x86_64.tar.gz
(
    export HOME="$SMOKE/tar/home" && unset XDG_DATA_HOME XDG_BIN_HOME
    "$SMOKE"/tar/album-*/install.sh >/dev/null
    entry="$HOME/.local/share/applications/$APP_ID.desktop"
    desktop-file-validate "$entry"
    grep -qx "Exec=$(echo "$SMOKE"/tar/album-*/album) %F" "$entry" || fail "the tarball's launcher: $(grep Exec= "$entry")"
    "$HOME/.local/bin/album" --version >/dev/null
    "$HOME/.local/bin/album" uninstall-desktop >/dev/null
    [ ! -e "$entry" ] || fail "uninstall-desktop left the launcher"
)
rm -rf "$SMOKE/tar"
say "passed"
