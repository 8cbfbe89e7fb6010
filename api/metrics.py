"""Prometheus metrics through prometheus_client, served at GET /metrics.

Each app has its own registry (tests build many apps in one process). Request figures are recorded by
api/gate.py for every GraphQL request; values that live elsewhere (the data version, the ledger's whistles
by state, overdue calls) are gauges read at scrape time through `Metrics.gauge`, the hook for any such source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

# A gauge's reading: one value, or values by label tuple (in the order of the gauge's label names); None: no sample.
Reading = float | Mapping[tuple[str, ...], float] | None
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
COST_BUCKETS = (1, 10, 30, 100, 300, 1000, 3000, 10_000, 30_000, 100_000, 1_000_000)
CONTENT_TYPE = CONTENT_TYPE_LATEST


class _Gauges(Collector):
    """Gauges whose values are read from their sources when Prometheus scrapes."""

    def __init__(self) -> None:
        self.sources: list[tuple[str, str, tuple[str, ...], Callable[[], Reading]]] = []

    def collect(self) -> Iterator[GaugeMetricFamily]:
        for name, documentation, labels, read in self.sources:
            reading = read()
            if reading is None:
                continue
            family = GaugeMetricFamily(name, documentation, labels=list(labels) if labels else None)
            if isinstance(reading, Mapping):
                for values, value in sorted(reading.items()):
                    family.add_metric(list(values), value)
            else:
                family.add_metric([], reading)
            yield family


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "whistlegraph_requests",
            "GraphQL requests by operation and HTTP status",
            ["operation", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "whistlegraph_request_seconds",
            "GraphQL request latency by operation",
            ["operation"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.cost = Histogram(
            "whistlegraph_query_cost", "Price of each priced request", buckets=COST_BUCKETS, registry=r
        )
        self.errors = Counter("whistlegraph_errors", "GraphQL errors by extensions.code", ["code"], registry=r)
        self.cache = Counter("whistlegraph_answer_cache", "Answer cache lookups by result", ["result"], registry=r)
        self.sweeps = Counter("whistlegraph_sweep_runs", "Deadline sweep rounds by outcome", ["outcome"], registry=r)
        self.escalations = Counter(
            "whistlegraph_sweep_events", "Events (escalations and calls) the sweep wrote", registry=r
        )
        self._gauges = _Gauges()
        r.register(self._gauges)

    def gauge(self, name: str, documentation: str, read: Callable[[], Reading], labels: tuple[str, ...] = ()) -> None:
        """The hook for state kept elsewhere: `read` is called at each scrape, e.g. whistles by state:
        `metrics.gauge("whistlegraph_whistles", "Whistles by state", ledger_counts_by_state, ("state",))`."""
        self._gauges.sources.append((name, documentation, labels, read))

    def observe(self, operation: str, status: int, seconds: float, codes: tuple[str, ...] = ()) -> None:
        self.requests.labels(operation, str(status)).inc()
        self.latency.labels(operation).observe(seconds)
        for code in codes:
            self.errors.labels(code).inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
