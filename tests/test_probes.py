"""The development probes (data/probes/: written after tuning began and used for it, so a regression guard, not an
evaluation): complaints about matters no bundled text governs rarely get a strong duty, governed ones keep theirs."""

from __future__ import annotations

from bench.probe_honesty import claimed, read_probe
from graph.domain import Domain

# The figures when the probes were written (18 of 394; 26 of 29), with a little room.
UNCOVERED_CEILING = 0.05
GOVERNED_FLOOR = 0.85


def test_ungoverned_matters_rarely_get_a_strong_duty(embedded_domain: Domain) -> None:
    texts = read_probe("uncovered.txt")
    strong = claimed(embedded_domain, texts)
    assert len(texts) > 300 and len(strong) / len(texts) <= UNCOVERED_CEILING, strong


def test_governed_matters_keep_theirs(embedded_domain: Domain) -> None:
    texts = read_probe("governed.txt")
    assert len(claimed(embedded_domain, texts)) / len(texts) >= GOVERNED_FLOOR
