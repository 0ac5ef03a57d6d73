#!/bin/sh
# Put Storydiff on this user's PATH and in the desktop's application menu, running it from
# where this folder was unpacked (move the folder first: the links point here).
#   ./install-desktop.sh            for this user (~/.local)
#   sudo ./install-desktop.sh /usr/local   for everyone
set -eu
APP="$(cd "$(dirname "$0")" && pwd)"
PREFIX="${1:-$HOME/.local}"
mkdir -p "$PREFIX/bin" "$PREFIX/share/applications" "$PREFIX/share/icons"
ln -sf "$APP/storydiff" "$PREFIX/bin/storydiff"
ln -sf "$APP/storydiff-cli" "$PREFIX/bin/storydiff-cli"
# Exec= names the absolute path, so the menu entry works even when PREFIX/bin is not on PATH.
sed -e "s|^Exec=storydiff|Exec=$APP/storydiff|" -e "s|^TryExec=storydiff|TryExec=$APP/storydiff|" \
  "$APP/share/applications/storydiff.desktop" > "$PREFIX/share/applications/storydiff.desktop"
cp -r "$APP/share/icons/hicolor" "$PREFIX/share/icons/"
# Refresh the menus' caches where the tools exist; a desktop picks changes up at next login anyway.
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$PREFIX/share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" || true
echo "Storydiff installed: $PREFIX/bin/storydiff and the application menu."
