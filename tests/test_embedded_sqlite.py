"""The embedded store reads its file on demand and shows readers one version at a time.

Opening a file must not read it whole (national size is millions of records): a question touches only what
it needs, which these tests make observable by damaging records no Beijing street question needs. A load is
one transaction: a reader, in this process or through another connection, sees the old version or the new
one, never part of a load.
"""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.model import Batch, Node
from graph.store import NodeQuery
from graph.vocabulary import Direction, EdgeType, Label

STREET = "110107001"  # 八宝山街道, 石景山区
ELSEWHERE = "110105%"  # 朝阳区's streets and communities: nothing a 石景山 question reads
SUFFIX = "（改名测试）"


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory, bundled_batch: Batch) -> Path:
    path = tmp_path_factory.mktemp("embedded") / "graph.sqlite"
    store = EmbeddedStore(path)
    store.apply(bundled_batch)
    store.close()
    return path


def _damage_elsewhere(path: Path) -> int:
    """Make every record of 朝阳区 unreadable (props that are not JSON), behind the store's back."""
    db = sqlite3.connect(path)
    with db:
        damaged = db.execute("UPDATE nodes SET props = '{damaged' WHERE id LIKE ?", (ELSEWHERE,)).rowcount
        db.execute("UPDATE edges SET props = '{damaged' WHERE source LIKE ?", (ELSEWHERE,))
    db.close()
    return damaged


def test_opening_a_file_reads_only_what_a_question_needs(
    tmp_path: Path, store_file: Path, embedded_store: EmbeddedStore
) -> None:
    path = tmp_path / "damaged.sqlite"
    path.write_bytes(store_file.read_bytes())
    assert _damage_elsewhere(path) > 800  # 朝阳区: 43 streets and hundreds of communities
    store = EmbeddedStore(path)
    # Questions about 石景山 never read 朝阳区's records: they answer as on an intact store.
    assert store.place_context(STREET, ["sro2019-a3-1"]) == embedded_store.place_context(STREET, ["sro2019-a3-1"])
    assert store.chain_context("st:" + STREET) == embedded_store.chain_context("st:" + STREET)
    assert store.counts() == embedded_store.counts()
    # The damage is real: a question that does need 朝阳区 meets it.
    with pytest.raises(json.JSONDecodeError):
        store.get_nodes(["110105001"])
    store.close()


def _renamed_streets(batch: Batch) -> Batch:
    streets = [n for n in batch.nodes if n.label == Label.AREA and n.get("level") == "street"]
    return Batch(nodes=[replace(n, props={**n.props, "name": n.name + SUFFIX}) for n in streets])


def _renamed_count(store: EmbeddedStore) -> int:
    return store.count_nodes(NodeQuery(Label.AREA, props=(("level", "street"),), name_contains=SUFFIX))


def _watch(read: Callable[[], int], writer: threading.Thread) -> list[int]:
    """Read over and over while the writer runs, and once after."""
    seen = []
    writer.start()
    while writer.is_alive():
        seen.append(read())
    writer.join()
    seen.append(read())
    return seen


def test_a_reader_in_this_process_sees_a_load_whole_or_not_at_all(tmp_path: Path, bundled_batch: Batch) -> None:
    path = tmp_path / "graph.sqlite"
    store = EmbeddedStore(path)
    store.apply(bundled_batch)
    before = store.data_version()
    renamed = _renamed_streets(bundled_batch)
    seen = _watch(lambda: _renamed_count(store), threading.Thread(target=store.apply, args=(renamed,)))
    assert set(seen) <= {0, 349} and seen[-1] == 349
    assert store.data_version() != before
    assert not store.reload_if_changed()  # its own load is taken up already


def test_a_reader_on_another_connection_keeps_its_version_until_it_takes_up_the_new_one(
    tmp_path: Path, bundled_batch: Batch
) -> None:
    path = tmp_path / "graph.sqlite"
    writer = EmbeddedStore(path)
    writer.apply(bundled_batch)
    reader = EmbeddedStore(path)
    street = reader.get_nodes([STREET])[0]
    assert street is not None and street.name == "八宝山街道"
    version = reader.data_version()

    def read() -> int:
        reader.reload_if_changed()
        return _renamed_count(reader)

    seen = _watch(read, threading.Thread(target=writer.apply, args=(_renamed_streets(bundled_batch),)))
    assert set(seen) <= {0, 349} and seen[-1] == 349
    assert reader.data_version() != version
    # The read cache went with the old version: the cached street comes back renamed.
    assert reader.get_nodes([STREET]) == writer.get_nodes([STREET])
    assert reader.get_nodes([STREET])[0] == Node(STREET, Label.AREA, {**street.props, "name": "八宝山街道" + SUFFIX})


def test_a_pinned_reader_answers_from_its_version_until_reload(tmp_path: Path, bundled_batch: Batch) -> None:
    path = tmp_path / "graph.sqlite"
    writer = EmbeddedStore(path)
    writer.apply(bundled_batch)
    reader = EmbeddedStore(path)
    before = reader.neighbours([STREET], EdgeType.PART_OF, Direction.OUT)
    writer.apply(_renamed_streets(bundled_batch))
    # Until the reader takes up the sync, every read (cached or not) is the old version's.
    assert reader.neighbours([STREET], EdgeType.PART_OF, Direction.OUT) == before
    assert _renamed_count(reader) == 0
    assert reader.reload_if_changed() and not reader.reload_if_changed()
    assert _renamed_count(reader) == 349


_FORKED: list[EmbeddedStore] = []  # set before forking, as api/pool.py does: a store does not pickle


def _street_name_in_child(id_: str) -> str:
    node = _FORKED[0].get_nodes([id_])[0]
    return node.name if node else ""


def test_a_forked_worker_reads_through_its_own_connection(tmp_path: Path, bundled_batch: Batch) -> None:
    """api/pool.py forks query workers from the server: each reads the file itself, and the server's file and
    connections are intact after the workers end."""
    path = tmp_path / "graph.sqlite"
    store = EmbeddedStore(path)
    store.apply(bundled_batch)
    _FORKED[:] = [store]
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        names = list(pool.map(_street_name_in_child, [STREET, "110107"]))
    assert names == ["八宝山街道", "石景山区"]
    store.apply(_renamed_streets(bundled_batch))
    assert _renamed_count(store) == 349
    assert _renamed_count(EmbeddedStore(path)) == 349
