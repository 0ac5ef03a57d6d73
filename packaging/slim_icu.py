"""Replace the bundle's 32 MB ICU data library with one holding what Qt uses here (~4 MB).

Usage: python slim_icu.py BUNDLE_DIR. Needs icupkg (Debian: icu-devtools) and
binutils (objdump, nm, as, ld; PyInstaller needs binutils anyway).

Qt Core links ICU for collation, locale-aware case mapping and legacy codecs. The
PySide6 wheel ships ICU's full data: every locale's names of currencies, languages,
regions and units, ~200 legacy character sets and the word-break dictionaries. The
window is English; Storydiff decodes files itself. Kept: the root and English locale
data, root collation, normalisation, properties, time zones. Left out: other locales
(ICU falls back to root, e.g. Swedish sorts ä like a), codecs, break dictionaries,
transliteration and character names. The data blob is the library's single symbol `icudt<N>_dat`, so it is
cut out, filtered with icupkg, and linked back into a library of the same name.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LOCALE_RES = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9_]*)?\.res$")
KEEP_NAMED = {"root.res", "pool.res", "res_index.res"}  # res_index also looks like a locale name
# English as the fallback chain of the common English locales reaches it (en_GB -> en_001 -> en).
ENGLISH = {"en.res", "en_001.res", "en_US.res", "en_US_POSIX.res", "en_GB.res"}


def keep(item: str) -> bool:
    tree, _, name = item.rpartition("/")
    if tree in ("translit", "brkitr") or name.endswith((".cnv", ".cfu")) or name == "unames.icu":
        return False
    if LOCALE_RES.match(name):
        return name in KEEP_NAMED or name in ENGLISH
    return True


def _run(*cmd: str, cwd: Path | None = None) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=cwd).stdout


def _blob(lib: Path) -> tuple[str, bytes]:
    """The data symbol's name and bytes, found through the section that holds it."""
    sym = next(line.split() for line in _run("nm", "-D", "-S", "--defined-only", str(lib)).splitlines()
               if re.search(r"\bicudt\d+_dat$", line))
    addr, size, name = int(sym[0], 16), int(sym[1], 16), sym[3]
    for line in _run("objdump", "-h", str(lib)).splitlines():
        f = line.split()
        if len(f) >= 6 and f[1].startswith(".") and re.fullmatch(r"[0-9a-f]+", f[3]):
            vma, off, length = int(f[3], 16), int(f[5], 16), int(f[2], 16)
            if vma <= addr < vma + length:
                data = lib.read_bytes()
                return name, data[off + addr - vma: off + addr - vma + size]
    raise SystemExit(f"slim_icu: {name} not found in a section of {lib}")


def slim(lib: Path) -> None:
    name, blob = _blob(lib)
    package = name[:-len("_dat")] + "l"  # icudt73 -> icudt73l: little-endian package name
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "in").mkdir()
        (d / "out").mkdir()
        (d / "in" / f"{package}.dat").write_bytes(blob)
        items = _run("icupkg", "-l", f"in/{package}.dat", cwd=d).split()
        (d / "remove.txt").write_text("\n".join(i for i in items if not keep(i)) + "\n")
        # The output file's name becomes the package name inside it, which ICU checks.
        _run("icupkg", "-r", "remove.txt", f"in/{package}.dat", f"out/{package}.dat", cwd=d)
        (d / "data.s").write_text(
            f"    .section .rodata\n    .globl {name}\n    .type {name}, @object\n    .balign 16\n"
            f"{name}:\n    .incbin \"out/{package}.dat\"\n    .size {name}, .-{name}\n"
            "    .section .note.GNU-stack,\"\",@progbits\n")
        _run("as", "-o", "data.o", "data.s", cwd=d)
        _run("ld", "-shared", "-soname", lib.name, "-o", "lib.so", "data.o", cwd=d)
        before = lib.stat().st_size
        shutil.copyfile(d / "lib.so", lib)
    print(f"slim_icu: {lib.name} {before / 1e6:.1f} MB -> {lib.stat().st_size / 1e6:.1f} MB")


def main(bundle: Path) -> int:
    libs = sorted(p for p in bundle.rglob("libicudata.so.*") if p.is_file() and not p.is_symlink())
    missing = [t for t in ("icupkg", "nm", "objdump", "as", "ld") if shutil.which(t) is None]
    if not libs:
        print("slim_icu: no libicudata in the bundle; nothing to do")
        return 0
    if missing:
        print(f"slim_icu: {', '.join(missing)} not found (apt-get install icu-devtools binutils)", file=sys.stderr)
        return 1
    for lib in libs:
        slim(lib)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
