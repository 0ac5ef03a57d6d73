#!/usr/bin/env bash
# Prove a built bundle starts and renders: ci_check.sh [BUNDLE_DIR] (default packaging/dist/storydiff).
# Fails on: no start, missing/empty/wrong-size screenshot, a lazily loaded module missing
# (--self-check reads and writes every format), a broken CLI, or a bundle grown past the limits.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
APP="$(cd "${1:-$HERE/dist/storydiff}" && pwd)"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
export QT_QPA_PLATFORM=offscreen STORYDIFF_SETTINGS="$OUT/settings.ini"
SAMPLES=("$APP"/_internal/resources/samples/*.txt)   # the samples as bundled, not the checkout's
[ -f "${SAMPLES[0]}" ] || { echo "ci_check: no samples inside the bundle" >&2; exit 1; }

echo "--- $APP/storydiff --version"
timeout 60 "$APP/storydiff" --version | grep -E '^storydiff [0-9]'

echo "--- --self-check"
timeout 300 "$APP/storydiff" --self-check

echo "--- --screenshot on the bundled samples"
timeout 120 "$APP/storydiff" --screenshot "$OUT/shot.png" "${SAMPLES[@]}"
python3 - "$OUT/shot.png" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (1600, 1000), f"screenshot is {w}x{h}, not 1600x1000"
# A window of text, badges and icons compresses to well over this; a blank one to a few KB.
assert len(data) > 50_000, f"screenshot is only {len(data)} bytes: nothing rendered?"
print(f"screenshot ok: {w}x{h}, {len(data)} bytes")
PY

echo "--- storydiff-cli"
timeout 120 "$APP/storydiff-cli" compare "${SAMPLES[@]}" --format json -o "$OUT/result.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d['versions']) == $(( ${#SAMPLES[@]} ))" "$OUT/result.json"
echo "cli ok"

echo "--- sizes"
bundle_mib=$(( $(du -sb "$APP" | cut -f1) / 1048576 ))
archive="$(ls "$(dirname "$APP")"/storydiff-*.tar.xz 2>/dev/null | head -1 || true)"
[ -n "$archive" ] || { echo "ci_check: no archive next to the bundle" >&2; exit 1; }
archive_mib=$(( $(stat -c %s "$archive") / 1048576 ))
# The bundle carries DuckDB for File › Open Archive… (its library alone is 66 MiB unpacked,
# 16 MiB compressed): the download (the .tar.xz) stays under 60 MiB, unpacked under 200.
echo "bundle ${bundle_mib} MiB (limit 200), archive ${archive_mib} MiB (limit 60)"
[ "$bundle_mib" -lt 200 ] && [ "$archive_mib" -lt 60 ]
