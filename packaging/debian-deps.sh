#!/usr/bin/env bash
# System libraries album needs on Debian/Ubuntu: Qt's runtime libraries (offscreen and X11/xcb; QtMultimedia
# links libpulse for video playback),
# Xvfb for the screenshot tests, CJK fonts so Chinese text renders, and setpriv for permission tests; for
# packaging/build.sh and its checks: binutils (PyInstaller reads libraries with objdump), desktop-file-utils and
# appstream (desktop-file-validate, appstreamcli validate); exiftool writes the metadata test files (XMP, sidecars,
# regions, maker notes) and is what bench/dates_vs_exiftool.py compares album's dates with.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    python3-venv libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 \
    libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-shape0 \
    libxcb-randr0 libxcb-xkb1 libxcb-xinerama0 libxcb-xfixes0 libx11-xcb1 \
    libpulse0 xvfb xauth fonts-noto-cjk util-linux binutils desktop-file-utils appstream libimage-exiftool-perl >/dev/null
