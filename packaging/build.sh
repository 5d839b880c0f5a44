#!/usr/bin/env bash
# Build album for people: the wheel, a PyInstaller one-folder bundle, a .deb and a self-contained .tar.gz.
#   packaging/build.sh [OUTDIR]        (default: build/package; needs python3-venv and dpkg-deb)
# Everything is built from a clean venv that holds only the built wheel and its run-time dependencies, so the
# bundle has what a user's install has and no torch. Outputs in OUTDIR: album-VERSION-py3-none-any.whl,
# album/ (the bundle), album_VERSION_amd64.deb and album-VERSION-linux-x86_64.tar.gz.
#
# No AppImage: its runtime (the type2 runtime, or appimagetool which embeds it) is in neither Debian nor PyPI
# (PyPI's `appimage` package downloads appimagetool from GitHub at build time). With it, the same bundle becomes
# an AppImage: an AppDir holding album/ as usr/lib/album, AppRun exec'ing it, the desktop file and icon at the
# root, then `appimagetool AppDir`. The tarball is the offline stand-in: unpack anywhere and run ./install.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$(realpath -m "${1:-build/package}")
PYINSTALLER="pyinstaller==6.22.3"
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
APP_ID=io.github.album.Album
start=$SECONDS
say() { echo "build.sh [$((SECONDS - start)) s]: $*"; }

rm -rf "$OUT" && mkdir -p "$OUT"
say "wheel"
python3 -m venv "$OUT/venv"
"$OUT/venv/bin/pip" wheel -q --no-deps --wheel-dir "$OUT" .
WHEEL="$OUT/album-$VERSION-py3-none-any.whl"
say "clean venv: the wheel and its run-time dependencies, and $PYINSTALLER"
"$OUT/venv/bin/pip" install -q "$WHEEL[video]" "$PYINSTALLER"  # video: the viewer plays videos

say "PyInstaller bundle"
(cd packaging && "$OUT/venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$OUT" --workpath "$OUT/pyinstaller" album.spec)
BUNDLE="$OUT/album"
"$BUNDLE/album" --version
# The build venv and PyInstaller's work folder are ~2 GB that nothing below reads: a CI disk can be small.
rm -rf "$OUT/venv" "$OUT/pyinstaller"

say ".deb"
ROOT="$OUT/deb-root"
RES="$BUNDLE/_internal/album/resources"
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" "$ROOT/usr/share/metainfo"
# Hard links, not a copy: the package tree costs no disk (dpkg-deb only reads it).
cp -al "$BUNDLE" "$ROOT/opt/album"
ln -s /opt/album/album "$ROOT/usr/bin/album"
install -m 644 "$RES/$APP_ID.desktop" "$ROOT/usr/share/applications/"
install -m 644 "$RES/$APP_ID.metainfo.xml" "$ROOT/usr/share/metainfo/"
cp -r "$RES/icons" "$ROOT/usr/share/icons"
desktop-file-validate "$ROOT/usr/share/applications/$APP_ID.desktop"
appstreamcli validate --no-net "$ROOT/usr/share/metainfo/$APP_ID.metainfo.xml" >/dev/null
# Qt's own libraries are in the bundle; these are the system ones it loads (as packaging/debian-deps.sh lists).
DEPENDS="libc6 (>= 2.28), libegl1, libgl1, libglib2.0-0, libfontconfig1, libfreetype6, libdbus-1-3, libxkbcommon0,
 libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0, libxcb-render-util0,
 libxcb-shape0, libxcb-randr0, libxcb-xkb1, libxcb-xinerama0, libxcb-xfixes0, libx11-xcb1"
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: album
Version: $VERSION
Architecture: amd64
Maintainer: album developers <album@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
Depends: $(echo $DEPENDS)
Recommends: fonts-noto-cjk
Section: graphics
Priority: optional
Description: private, offline smart photo album
 Drop a folder of photos on album, then find any photo by typing what you
 remember: what it shows, where and when it was taken, who is in it. Photos,
 faces and searches stay on the computer. The models are downloaded on first use.
CONTROL
DEB="$OUT/album_${VERSION}_amd64.deb"
# zstd (dpkg ≥ 1.21.18: Debian 12, Ubuntu 21.10): xz -6 made a smaller file but took over 10 minutes on 2 busy
# cores; zstd's level (ALBUM_DEB_LEVEL, default 6) trades a few MB for minutes (level 12 took 3.3 min here).
dpkg-deb --root-owner-group -Zzstd -z"${ALBUM_DEB_LEVEL:-6}" --threads-max="$(nproc)" --build "$ROOT" "$DEB" >/dev/null
rm -rf "$ROOT"

say "tar.gz"
# Staged with hard links too; only install.sh is a new file.
STAGE="$OUT/tar/album-$VERSION"
mkdir -p "$OUT/tar"
cp -al "$BUNDLE" "$STAGE"
install -m 755 packaging/tarball-install.sh "$STAGE/install.sh"
tar -C "$OUT/tar" -cf - "album-$VERSION" | gzip -"${ALBUM_GZIP_LEVEL:-6}" > "$OUT/album-$VERSION-linux-x86_64.tar.gz"
rm -rf "$OUT/tar"

say "done"
du -sh "$BUNDLE" "$DEB" "$OUT/album-$VERSION-linux-x86_64.tar.gz" "$WHEEL"
