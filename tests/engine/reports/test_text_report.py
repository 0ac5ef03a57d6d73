"""The CLI's text report says what changed: a short table, then each change with its
changed words in full (wrapped, never cut); the definitions only with --explain / --help."""

from __future__ import annotations

import re
import subprocess
import sys

from engine.cli import main
from engine.vocabulary import FIGURES

QUOTE = ('"Nobody was ever in danger, but we were not going to take chances with a bridge that eleven '
         'thousand people cross every day," council leader Mira Ostrand told reporters at the town hall.')
A = ["Carrow footbridge to reopen in March",
     "The Carrow footbridge over the River Vell will reopen to pedestrians on March 14, the district council said.",
     "Engineers found hairline cracks in two of its deck panels last autumn.",
     QUOTE,
     "The repairs cost 2.3 million crowns."]
B = ["Carrow footbridge to reopen in May",
     "The Carrow footbridge over the River Vell will reopen to pedestrians on May 14, the district council said.",
     QUOTE.replace("council leader Mira Ostrand", "council spokesman Anders Holm"),
     "The repairs cost 2.3 million crowns.",
     "A temporary ferry will carry walkers across the river until then."]


def _run(tmp_path, capsys, a=A, b=B, *extra):
    pa, pb = tmp_path / "a.txt", tmp_path / "b.txt"
    pa.write_text("\n\n".join(a) + "\n", encoding="utf-8")
    pb.write_text("\n\n".join(b) + "\n", encoding="utf-8")
    assert main(["compare", str(pa), str(pb), *extra]) == 0
    # The header's timing ("(0.01 s)") differs from run to run; the rest must not.
    return re.sub(r"\(\d+\.\d+ s\)", "(T s)", capsys.readouterr().out, count=1)


def test_two_short_versions_fit_in_25_lines(tmp_path, capsys):
    out = _run(tmp_path, capsys)
    # the report's own lines; "Facts that changed" follows with one line per fact or more
    own = out.split("Facts that changed")[0].splitlines() + ["What the words and figures mean"]
    assert len(own) <= 25, out


def test_a_changed_speaker_at_the_end_of_a_long_quote_is_shown(tmp_path, capsys):
    out = _run(tmp_path, capsys)
    assert "[-leader Mira Ostrand-] {+spokesman Anders Holm+}" in " ".join(out.split())
    assert "[-March-] {+May+}" in out
    assert "\u2026" not in out  # nothing is cut
    # Every paragraph shown is shown whole: the dropped and the added one too.
    flat = " ".join(out.split())
    assert A[2] in flat and B[4] in flat


def test_lines_wrap_at_96_columns_and_never_cut_a_word(tmp_path, capsys):
    url = "https://example.org/" + "very-long-path-segment/" * 6 + "report.html"
    out = _run(tmp_path, capsys, A, B[:-1] + [f"The full report is online at {url} for anyone to read."])
    assert url in out.split()
    assert all(len(line) <= 96 for line in out.splitlines() if url not in line)


def test_definitions_only_when_asked(tmp_path, capsys):
    out = _run(tmp_path, capsys)
    assert FIGURES["score"].explain[:40] not in out and "--explain" in out
    explained = _run(tmp_path, capsys, A, B, "--explain")
    assert explained.startswith(out) and "Match score" in explained and "[-words-]" in explained
    assert main(["compare", "--explain"]) == 0
    alone = capsys.readouterr().out
    assert "Similarity" in alone and "DROPPED" in alone
    helped = subprocess.run([sys.executable, "-m", "engine.cli", "compare", "--help"], capture_output=True, text=True)
    assert helped.returncode == 0 and "Verbatim from base" in helped.stdout
    assert main(["compare", "--explain", "--format", "json", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]) == 2


def test_a_rewrite_is_shown_sentence_by_sentence(tmp_path, capsys):
    a = A[:4] + ["The repairs had cost 2.3 million crowns, about 40 percent more than first estimated, council "
                 "leader Mira Ostrand said today. Replacement glass had to be made to order in Bremen."]
    b = A[:4] + ["Council leader Mira Ostrand said yesterday that the repairs cost 2.3 million crowns, roughly 40 "
                 "percent above the first estimate. Replacement glass had to be made to order in Bremen."]
    out = " ".join(_run(tmp_path, capsys, a, b).split())
    assert "paraphrased" in out
    assert re.search(r"\[-[^\]]*\btoday-\]", out) and re.search(r"\{\+[^}]*\byesterday\b[^}]*\+\}", out)
    assert "(1 sentence unchanged)" in out
