#!/usr/bin/env bash
# Build the standalone Storydiff app from this checkout, in its own venv:
#   packaging/dist/storydiff/storydiff                   the onedir bundle (run it in place)
#   packaging/dist/storydiff-<version>-linux-<arch>.tar.xz  the same folder, compressed
# Everything it makes stays under packaging/build/ and packaging/dist/ (both git-ignored),
# so the top of the checkout is left as it was. PYTHON=python3.x picks the interpreter.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
BUILD="$HERE/build"
DIST="$HERE/dist"
VENV="$BUILD/venv"
PYINSTALLER="pyinstaller==6.22.3"   # pinned: hooks and bundle layout change between releases

started=$(date +%s)
mkdir -p "$BUILD"
[ -x "$VENV/bin/python" ] || "${PYTHON:-python3}" -m venv "$VENV"
PY="$VENV/bin/python"
"$PY" -m pip install -q --upgrade pip
# The app's own dependencies come from pyproject.toml (via manifest.py); the project itself is
# not pip-installed: PyInstaller reads engine/ and gui/ from the checkout, so no build/ or
# egg-info appears at the top level.
"$PY" -c "import sys; sys.path.insert(0, '$HERE'); import manifest; print('\n'.join(manifest.requirements()))" \
  > "$BUILD/requirements.txt"
"$PY" -m pip install -q -r "$BUILD/requirements.txt" "$PYINSTALLER"

rm -rf "$BUILD/icons"
"$PY" "$HERE/make_icons.py" "$BUILD/icons"

"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$BUILD/work" "$HERE/storydiff.spec"

APP="$DIST/storydiff"
# A pyenv/source-built Python leaves debug symbols in libpython and its extension modules
# (23 MB instead of 6); numpy's extension modules and Qt's ICU libraries keep symbol tables.
# Only these are stripped: numpy's patched OpenBLAS (numpy.libs/) no longer loads once stripped.
find "$APP/_internal" -maxdepth 1 -name 'libpython3*.so*' -type f -exec strip --strip-unneeded {} +
find "$APP/_internal/python3"*/lib-dynload "$APP/_internal/numpy" -name '*.so' -type f \
  -exec strip --strip-unneeded {} +
find "$APP/_internal/PySide6/Qt/lib" -name 'libicu*.so*' ! -name 'libicudata*' -type f \
  -exec strip --strip-unneeded {} +
"$PY" "$HERE/slim_icu.py" "$APP"
# The same executable answers as the command-line tool under this name (see entry.py).
ln -sf storydiff "$APP/storydiff-cli"
# Desktop integration travels inside the bundle; INSTALL.md says where it goes.
mkdir -p "$APP/share/applications" "$APP/share/icons"
cp "$HERE/storydiff.desktop" "$APP/share/applications/"
cp -r "$BUILD/icons/hicolor" "$APP/share/icons/"
cp "$HERE/install-desktop.sh" "$HERE/INSTALL.md" "$APP/"

VERSION="$("$PY" -c "import sys; sys.path.insert(0, '$HERE'); import manifest; print(manifest.version())")"
ARCHIVE="$DIST/storydiff-$VERSION-linux-$(uname -m).tar.xz"
# xz -6 with two threads: within a few percent of -9 for a third of the time.
tar -C "$DIST" -cf - storydiff | xz -T2 -6 > "$ARCHIVE"

echo "bundle:  $APP ($(du -sm "$APP" | cut -f1) MB)"
echo "archive: $ARCHIVE ($(du -m "$ARCHIVE" | cut -f1) MB)"
echo "built in $(( $(date +%s) - started )) s"
