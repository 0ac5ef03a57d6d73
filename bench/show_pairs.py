"""Print every link of every pair of the given files, for reading alignments by eye."""
import sys

from engine import compare

c = compare(sys.argv[1:])
for p in c.pairs:
    va, vb = c.versions[p.a], c.versions[p.b]
    print(f"\n### {va.name[:3]} vs {vb.name[:3]}  sim={p.similarity:.2f} reuse a<-b {p.reuse_a_from_b:.2f} b<-a {p.reuse_b_from_a:.2f}")
    for l in p.links:
        ta = " + ".join(va.blocks[i].display[:60] for i in l.a)
        tb = " + ".join(vb.blocks[j].display[:60] for j in l.b)
        print(f"  {list(l.a)}->{list(l.b)} {l.relation[:5]} {'MOVED ' if l.moved else ''}{l.score:.2f}\n      A: {ta}\n      B: {tb}")
    print("  dropped:", list(p.dropped), " added:", list(p.added))
