"""compare(): the N-way table, the JSON contract, reuse figures, progress and cancel."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import SCHEMA, Cancelled, StorydiffError, compare
from engine.align.inline_diff import rebuild
from engine.analysis.cells import grid
from tests.engine.articles import UNRELATED, WIRE, text


def check_table(c):
    """Every block of every version appears exactly once in the rows."""
    for v in c.versions:
        seen = [i for row in c.rows for i in row[v.id]]
        assert sorted(seen) == list(range(len(v.blocks))), v.name


def test_table_against_base_and_order():
    site = ["Lake Gazette", WIRE[0], WIRE[1], "Subscribe to our newsletter!", *WIRE[2:], "Leave a Reply"]
    moved = [WIRE[0], WIRE[4], *WIRE[1:4], *WIRE[5:]]
    c = compare([text(WIRE), text(site), text(moved)])
    check_table(c)
    # counterparts stand in one row
    for row in c.rows:
        if row[0] and row[1]:
            assert c.versions[0].blocks[row[0][0]].display == c.versions[1].blocks[row[1][0]].display
    # the site's added blocks keep its reading order in the table
    order = [i for row in c.rows for i in row[1]]
    assert order == sorted(order)


def test_base_can_be_any_version():
    a, b = text(WIRE), text([*WIRE[:3], "A New Heading", *WIRE[3:]])
    c = compare([a, b], base=1)
    assert c.base == 1 and len(c.rows) == len(c.versions[1].blocks)
    check_table(c)
    with pytest.raises(StorydiffError):
        compare([a, b], base=2)


def test_to_dict_follows_schema():
    c = compare([text(WIRE), text(WIRE[:-1]), text(UNRELATED)], names=["wire", "short", "other"])
    d = json.loads(json.dumps(c.to_dict()))
    assert d["schema"] == SCHEMA == "storydiff/1" and d["base"] == 0
    assert [v["name"] for v in d["versions"]] == ["wire", "short", "other"]
    assert [(p["a"], p["b"]) for p in d["pairs"]] == [(0, 1), (0, 2), (1, 2)]
    block = d["versions"][0]["blocks"][1]
    assert set(block) >= {"index", "kind", "start", "end", "text"}
    p01 = d["pairs"][0]
    assert set(p01) >= {"a", "b", "similarity", "reuse", "links", "dropped", "added"}
    assert set(p01["reuse"]) == {"a_from_b", "b_from_a"}
    assert p01["dropped"] == [len(WIRE) - 1] and p01["added"] == []
    link = p01["links"][0]
    assert set(link) >= {"a", "b", "relation", "moved", "score", "diff"}
    assert all(len(row) == 3 for row in d["rows"])


def test_reuse_is_directional():
    longer = text([*WIRE, *UNRELATED[1:]])
    p = compare([text(WIRE), longer]).pairs[0]
    assert p.reuse_a_from_b == 1.0
    assert 0.4 < p.reuse_b_from_a < 0.8


def test_progress_and_cancel():
    seen = []
    compare([text(WIRE), text(UNRELATED), text(WIRE)], progress=lambda d, t, m: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] and len(seen) >= 6
    with pytest.raises(Cancelled):
        compare([text(WIRE), text(UNRELATED)], cancel=lambda: True)


def test_needs_two_versions_and_valid_options():
    with pytest.raises(StorydiffError):
        compare([text(WIRE)])
    with pytest.raises(StorydiffError):
        compare([text(WIRE), text(WIRE)], sensitivity=2)


def test_cells_against_base():
    variant = [WIRE[0], WIRE[1], "Engine Room Blaze", WIRE[2], WIRE[3].replace("January", "February"), *WIRE[5:]]
    c = compare([text(WIRE), text(variant)])
    states = [cell.state for row in grid(c) for cell in row[1:]]
    assert states.count("added") == 1 and states.count("dropped") == 1 and states.count("edited") == 1


paragraphs = st.lists(st.sampled_from(WIRE + UNRELATED + ["Leave a Reply", "A Heading", "41"]), max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraphs, min_size=2, max_size=4), st.integers(min_value=0, max_value=3))
def test_table_invariants_hold_for_any_versions(versions, base):
    base = base % len(versions)
    c = compare([text(v) if v else "" for v in versions], base=base)
    check_table(c)
    for p in c.pairs:
        va, vb = c.versions[p.a], c.versions[p.b]
        linked_a = [i for l in p.links for i in l.a]
        linked_b = [j for l in p.links for j in l.b]
        assert sorted(linked_a + list(p.dropped)) == list(range(len(va.blocks)))
        assert sorted(linked_b + list(p.added)) == list(range(len(vb.blocks)))
        for l in p.links:
            assert rebuild(l.diff, -1) == "\n".join(va.blocks[i].display for i in l.a)
            assert rebuild(l.diff, 1) == "\n".join(vb.blocks[j].display for j in l.b)
            assert 0.0 <= l.score <= 1.0
        assert 0.0 <= p.similarity <= 1.0


@settings(max_examples=30, deadline=None)
@given(paragraphs.filter(bool))
def test_identical_versions_are_identical_everywhere(paras):
    c = compare([text(paras), text(paras)])
    assert all(l.relation == "identical" and not l.moved for l in c.pairs[0].links)
    assert not c.pairs[0].added and not c.pairs[0].dropped


def test_fusion_merges_base_rows_even_when_another_version_inserts_between():
    caption = "Passengers leave the ferry at Ostby on May 3. (Tove Lind/Lake Gazette)"
    site = [*WIRE[:4], caption, *WIRE[4:]]
    fused = ("Investigators found that a fuel line had cracked near the port engine and sprayed diesel onto "
             "a hot exhaust pipe. \u201cWe owe our passengers an apology and a full explanation,\u201d chief "
             "executive Anneli Brook told a news conference in Marn.")
    rewrite = [*WIRE[:3], fused, *WIRE[5:]]
    c = compare([text(WIRE), text(site), text(rewrite)])
    check_table(c)
    assert c.pair(0, 2).link_of_b(3).a == (3, 4)
    row = c.rows[c.row_of[0][3]]
    assert row[0] == (3, 4) and row[2] == (3,)


def test_base_chrome_missing_elsewhere_is_not_a_dropped_change():
    site = ["Leave a Reply", *WIRE]
    c = compare([text(site), text(WIRE)])
    row = c.row_of[0][0]
    empty = grid(c)[row][1]
    assert empty.state == "absent" and not empty.changed
    assert c.pair(0, 1).dropped == (0,)  # the pair still says it is not in version 1


class _Forgetful(dict):
    """A pair cache that keeps nothing: every measure is computed afresh."""

    def __setitem__(self, key, value):
        pass


def test_results_kept_per_pair_of_texts_do_not_leak_between_pairs(monkeypatch):
    """A paragraph recurring in several versions is measured once per comparison; every
    pair must still get exactly what measuring it afresh gives."""
    import engine.align.similarity as similarity

    base = text(WIRE)
    edited = base.replace("on Friday", "next Friday").replace("an apology", "a clear apology")
    reworded = edited.replace("Investigators found that a fuel line had cracked near the port engine",
                              "A cracked fuel line by the port engine was to blame, investigators found,")
    # the same paragraph meets different partners: base's apology line is edited two ways
    other = base.replace("an apology and a full explanation", "an apology, and quickly")
    texts = [base, edited, reworded, other, edited]
    cached = compare(texts)
    init = similarity.Corpus.__init__

    def forgetful_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.pair_cache = _Forgetful()

    monkeypatch.setattr(similarity.Corpus, "__init__", forgetful_init)
    fresh = compare(texts)
    relations = set()
    for got, want in zip(cached.pairs, fresh.pairs):
        assert [(l.a, l.b, l.relation, l.moved, l.score, l.diff) for l in got.links] == \
            [(l.a, l.b, l.relation, l.moved, l.score, l.diff) for l in want.links]
        assert (got.dropped, got.added) == (want.dropped, want.added)
        relations |= {l.relation for l in got.links}
    assert {"identical", "edited", "paraphrased"} <= relations


def test_guard_notes_are_given_to_the_result_when_it_is_built():
    """What the guards did is in `extras` from construction on, the caller's findings first."""
    from engine.io.guards import Finding, Limits

    texts = ["One paragraph about the harbour.\n", "One paragraph about the harbour, edited.\n",
             "A third version of the harbour story.\n"]
    earlier = Finding("versions", "the caller kept some files", 4, 3, blocking=False)
    c = compare(texts, limits=Limits(max_versions=2), on_large="coarsen", findings=[earlier])
    assert len(c.versions) == 2
    assert [g["code"] for g in c.extras["guards"]] == ["versions", "versions"]
    assert c.extras["guards"][0]["message"] == "the caller kept some files"
    assert c.to_dict()["guards"] == c.extras["guards"]
    assert "guards" not in compare(texts[:2]).to_dict()
