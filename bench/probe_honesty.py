"""How often complaints about matters no bundled text governs still get a strong duty (data/probes/, a development
probe used for tuning, not an evaluation: see its README), and how many governed ones keep theirs.

    .venv/bin/python -m bench.probe_honesty
"""

from __future__ import annotations

from bench.bundled import bundled_domain
from graph.domain import Domain
from graph.law_prior import PROBES
from graph.matcher import STRONG


def read_probe(name: str) -> list[str]:
    return [line.strip() for line in (PROBES / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def claimed(domain: Domain, texts: list[str]) -> list[str]:
    """The complaints given at least one strong duty."""
    return [t for t in texts if any(m.confidence == STRONG for m in domain.subject(t).duties)]


def main() -> None:
    domain = bundled_domain()
    for name in ("uncovered.txt", "governed.txt"):
        texts = read_probe(name)
        strong = claimed(domain, texts)
        print(f"{name}: {len(strong)} of {len(texts)} get a strong duty ({len(strong) / len(texts):.1%})")


if __name__ == "__main__":
    main()
