"""The Provenance view: lineage graph, reuse matrix and what each version alone adds."""
