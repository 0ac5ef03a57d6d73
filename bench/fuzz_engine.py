"""Coverage-guided fuzzing of the engine: bytes -> decode -> blocks -> compare -> diffs.

    python bench/fuzz_engine.py --seconds 600            # atheris (libFuzzer), bounded time
    python bench/fuzz_engine.py --seconds 600 --hypothesis   # without atheris
    python bench/fuzz_engine.py --seconds 600 --reader docx  # one reader: docx, pdf, html, md, text

Not run in CI. Each input is cut into two to four byte strings; each is decoded as a
file would be (`engine.io.decode.decode`: binary data is refused with an `InputError`,
which is fine) and the decoded texts are compared, at word or character granularity,
paragraph or sentence unit, with every inline diff computed. The invariants are
those of tests/engine/test_fuzz_properties.py (no other exception, exact block
slices, every block once in the rows and in each pair, diffs rebuild both texts
and never split a grapheme). Any failure is written to the crash directory by
libFuzzer (or printed with its input by the hypothesis runner). At the end one line
reports executions, elapsed time and failures.
"""

from __future__ import annotations

import argparse
import atexit
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

_STATS = {"runs": 0, "decoded": 0, "refused": 0, "compared": 0, "started": time.time()}


def _one(data: bytes) -> None:
    """Run one input through the whole engine; raise AssertionError on a broken invariant."""
    from engine import compare
    from engine.errors import InputError
    from engine.io.decode import decode
    from engine.io.loading import Source
    from tests.engine.test_fuzz_properties import check_comparison

    _STATS["runs"] += 1
    if len(data) < 2:
        return
    flags, data = data[0], data[1:]
    parts = 2 + flags % 3
    cut = max(1, len(data) // parts)
    chunks = [data[k * cut:(k + 1) * cut] if k < parts - 1 else data[k * cut:] for k in range(parts)]
    if flags & 0x40:  # the later versions as edits of the first: links and diffs occur
        chunks = [chunks[0]] + [chunks[0][: len(c)] + c + chunks[0][len(c):] for c in chunks[1:]]
    texts = []
    for c in chunks:
        try:
            text, _ = decode(c, "fuzz")
        except InputError as e:
            assert "\n" not in str(e)
            _STATS["refused"] += 1
            continue
        _STATS["decoded"] += 1
        texts.append(text)
    if len(texts) < 2:
        return
    result = compare([Source(f"v{k}", t) for k, t in enumerate(texts)], base=(flags >> 2) % len(texts),
                     granularity="char" if flags & 0x10 else "word",
                     unit="sentence" if flags & 0x20 else "paragraph",
                     ignore_case=bool(flags & 0x80), on_large="coarsen")
    check_comparison(result)
    _STATS["compared"] += 1


READERS = ("docx", "pdf", "html", "md", "text")
_READER = {"name": None}
# Per input, a reader must answer (text or a one-line InputError) within this budget.
READER_SECONDS = 10.0


def _reader_one(data: bytes) -> None:
    """One input through one reader (`--reader`): text or a one-line InputError, in bounded time.

    docx inputs are the bytes of word/document.xml, zipped here (random bytes are
    never a zip, so the XML walk would go unfuzzed); the other readers get the bytes.
    """
    import io
    import zipfile
    from pathlib import Path

    from engine.errors import InputError
    from engine.io.formats import extract

    _STATS["runs"] += 1
    reader = _READER["name"]
    if reader == "docx":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/document.xml", data)
        data = buf.getvalue()
    started = time.perf_counter()
    try:
        text, _, _ = extract(Path(f"fuzz.{reader}"), data)
        _STATS["decoded"] += 1
        assert "\x00" not in text
    except InputError as e:
        assert "\n" not in str(e), str(e)
        _STATS["refused"] += 1
    took = time.perf_counter() - started
    assert took < READER_SECONDS, f"{reader} took {took:.1f} s on a {len(data)}-byte input"


def _reader_seeds(reader: str) -> list[bytes]:
    """Valid documents of the reader's format to start mutating from."""
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from tests.engine.io import hostile_corpus as hc

    if reader == "docx":
        return [(hc.DOC_HEAD + hc.PARA * 3 + hc.DOC_TAIL).encode()]
    if reader == "pdf":
        return [hc.pdf([hc.text_page(["Minister resigns", "The minister resigned on Tuesday."])], compress=False)]
    if reader == "html":
        return [b"<html><head><meta charset='utf-8'><title>T</title></head><body><article><h1>Minister</h1>"
                b"<p>The minister resigned on Tuesday.</p><p>She said so.</p></article></body></html>"]
    if reader == "md":
        return [b"# Minister resigns\n\nThe **minister** resigned on [Tuesday](http://x).\n\n> `quote` _here_\n"]
    return [b"Minister resigns\n\nThe minister resigned on Tuesday.\n"]


def _report() -> None:
    elapsed = time.time() - _STATS["started"]
    what = (f"{_STATS['decoded']} read by the {_READER['name']} reader, {_STATS['refused']} refused in one line"
            if _READER["name"] else
            f"{_STATS['compared']} comparisons, {_STATS['refused']} inputs refused as binary")
    print(f"fuzz_engine: {_STATS['runs']} executions in {elapsed:.0f} s "
          f"({_STATS['runs'] / max(elapsed, 1e-9):.0f}/s); {what}; failures: see above (none if no crash line)",
          file=sys.stderr, flush=True)


def _seed(corpus: str) -> None:
    """Start an empty corpus from the bundled sample articles and a few odd scripts."""
    os.makedirs(corpus, exist_ok=True)
    if os.listdir(corpus):
        return
    samples = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "samples")
    seeds = [
        "T\u00eate\n\nLe ministre a dit.\n\nCaf\u00e9 na\u0131\u0308ve.".encode(),
        "\u4e2d\u56fd\u4eca\u5929\u53d1\u5e03\u3002\n\n\u65e5\u672c\u8a9e\u306e\u6587\u3002".encode(),
        "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645.\r\n\u05e9\u05dc\u05d5\u05dd.".encode(),
        "Emoji \U0001F469\u200d\U0001F4BB and \U0001F44D\U0001F3FD.\n\nSecond e\u0301.".encode("utf-16"),
    ]
    for name in sorted(os.listdir(samples)) if os.path.isdir(samples) else []:
        with open(os.path.join(samples, name), "rb") as fh:
            seeds.append(fh.read(1500))
    for k, seed in enumerate(seeds):
        with open(os.path.join(corpus, f"seed{k}"), "wb") as fh:
            fh.write(bytes([0x41 + k % 64]) + seed + seed[: len(seed) // 2])


def run_atheris(seconds: int, corpus: str | None, extra: list[str]) -> None:
    import atheris

    with atheris.instrument_imports(include=["engine"]):
        import engine  # noqa: F401
        import engine.align.pairwise, engine.text.blocks, engine.text.classify, engine.align.inline_diff  # noqa: E401,F401
        import engine.align.multiway, engine.text.sentences, engine.align.similarity, engine.text.textnorm  # noqa: E401,F401
        import engine.io.bounded_zip, engine.io.formats, engine.io.read_docx, engine.io.read_html  # noqa: E401,F401
        import engine.io.read_markdown, engine.io.read_pdf, engine.io.sniff  # noqa: E401,F401

    atexit.register(_report)
    args = [sys.argv[0], f"-max_total_time={seconds}", "-max_len=4096", "-timeout=30",
            "-rss_limit_mb=3000", *extra]
    if corpus:
        if _READER["name"]:
            os.makedirs(corpus, exist_ok=True)
            for k, seed in enumerate(_reader_seeds(_READER["name"])):
                with open(os.path.join(corpus, f"seed{k}"), "wb") as fh:
                    fh.write(seed)
        else:
            _seed(corpus)
        args.append(corpus)
    atheris.Setup(args, _one)
    atheris.Fuzz()


def run_hypothesis(seconds: int) -> None:
    """Fallback: random bytes from hypothesis for a bounded time (no coverage guidance)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    deadline = time.time() + seconds

    if _READER["name"]:  # start from valid documents of the format, mutated by slicing and splicing
        seeds = _reader_seeds(_READER["name"])
        data_strategy = st.one_of(st.binary(min_size=2, max_size=4096), st.builds(
            lambda s, a, b, junk: s[:a] + junk + s[b:], st.sampled_from(seeds), st.integers(0, 4096),
            st.integers(0, 4096), st.binary(max_size=64)))
    else:
        data_strategy = st.binary(min_size=2, max_size=4096)

    @settings(max_examples=10**9, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data_strategy)
    def prop(data: bytes) -> None:
        if time.time() > deadline:
            raise _Done
        _one(data)

    class _Done(Exception):
        pass

    try:
        prop()
    except _Done:
        pass
    _report()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=int, default=60, help="how long to fuzz (default 60)")
    p.add_argument("--corpus", help="libFuzzer corpus directory (kept between runs)")
    p.add_argument("--hypothesis", action="store_true", help="use hypothesis instead of atheris")
    p.add_argument("--reader", choices=READERS, help="fuzz one file reader instead of the comparison")
    args, extra = p.parse_known_args()
    if args.reader:
        global _one
        _READER["name"] = args.reader
        _one = _reader_one  # noqa: F811 - the target both runners call
    if args.hypothesis:
        run_hypothesis(args.seconds)
        return
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris is not installed (pip install atheris); using hypothesis", file=sys.stderr)
        run_hypothesis(args.seconds)
        return
    run_atheris(args.seconds, args.corpus, extra)


if __name__ == "__main__":
    main()
