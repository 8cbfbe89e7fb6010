"""The fault matrix: every way an operator's folder can be wrong is a problem report naming the file (and line), the
sync exits 1, and the store file is byte for byte what it was.

Each case copies the bundled data, breaks one thing, and runs `whistlegraph sync` on a store file holding the
bundled graph. The faults are put in the files read first where the kind of fault allows, so most cases stop
within milliseconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from api import cli
from loaders.dataset import BUNDLED

ROOT = Path(__file__).resolve().parent.parent
DISTRICTS = "divisions/beijing_districts.csv"
STREETS = "divisions/beijing_streets.csv"
COMMUNITIES = "divisions/beijing_communities.csv"
DEPARTMENTS = "departments/beijing_municipal_departments.csv"
MAPPING = "departments/dept_name_mapping_2017_to_current.csv"
DUTIES = "duties/regulation_duties.csv"
REPORTED = "reported/sunk_forces_reported.csv"
LINES = "structure/reporting_lines.csv"


def replace(file: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return edit


def write_bytes(file: str, data: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / file
        path.write_bytes(data(path.read_bytes()))

    return edit


def swap(file: str, make: Callable[[Path], None]) -> Callable[[Path], None]:
    """Put something else where the file was."""

    def edit(root: Path) -> None:
        path = root / file
        path.unlink()
        make(path)

    return edit


def declared_lines(*rows: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / "structure").mkdir()
        (root / LINES).write_text("body,reports_to,line,primary,source\n" + "".join(r + "\n" for r in rows))

    return edit


def symlink_loop(path: Path) -> None:
    other = path.with_name("loop.csv")
    path.symlink_to(other)
    other.symlink_to(path)


def unix_socket(path: Path) -> None:
    """Bind a socket at path by its short relative name: a socket's path is limited to 108 bytes, and the test's
    temporary directory can be longer (a pytest-xdist worker's is). The socket file outlives the closed socket."""
    with contextlib.chdir(path.parent), socket.socket(socket.AF_UNIX) as s:
        s.bind(path.name)


def sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as f:
            f.truncate(size)

    return make


@dataclass(frozen=True)
class Fault:
    name: str
    edit: Callable[[Path], None]
    message: str


FAULTS = [
    # -- the file itself
    Fault("missing file", swap(DISTRICTS, lambda p: None), f"{DISTRICTS}: missing file"),
    Fault("directory in place of a file", swap(DISTRICTS, Path.mkdir), f"{DISTRICTS}: is a directory, not a regular"),
    Fault("symlink loop", swap(DISTRICTS, symlink_loop), f"{DISTRICTS}: symlink loop"),
    Fault(
        "dangling symlink",
        swap(DISTRICTS, lambda p: p.symlink_to("gone.csv")),
        f"{DISTRICTS}: a symlink to a missing file (gone.csv)",
    ),
    Fault(
        "symlink to /dev/zero",
        swap(DISTRICTS, lambda p: p.symlink_to("/dev/zero")),
        f"{DISTRICTS}: is a character device, not a regular file; only regular files are read",
    ),
    Fault("FIFO", swap(DISTRICTS, lambda p: os.mkfifo(p)), f"{DISTRICTS}: is a FIFO (named pipe), not a regular file"),
    Fault(
        "socket",
        swap(DISTRICTS, unix_socket),
        f"{DISTRICTS}: is a socket, not a regular file",
    ),
    Fault(
        "file over the size limit",
        swap(DISTRICTS, sparse(65 * 1024 * 1024)),
        f"{DISTRICTS}: is 68,157,440 bytes, over the limit of 67,108,864 bytes",
    ),
    Fault(
        "10 MB field",
        replace(DISTRICTS, "东城区", "东" * (10 * 1024 * 1024)),
        f"{DISTRICTS}:2: a field longer than 65,536 characters (the stated limit)",
    ),
    Fault("empty file", write_bytes(DISTRICTS, lambda b: b""), f"{DISTRICTS}:1: missing column(s) code, name"),
    # -- its encoding
    Fault(
        "UTF-16",
        write_bytes(DISTRICTS, lambda b: b.decode().encode("utf-16")),
        f"{DISTRICTS}:1: is UTF-16 (Excel 'Unicode text'); save it as CSV UTF-8",
    ),
    Fault(
        "neither UTF-8 nor GB18030",
        write_bytes(DISTRICTS, lambda b: b.replace("东城区".encode(), b"\x80\x80")),
        f"{DISTRICTS}:2: neither UTF-8 nor GB18030 (byte 0x80 at offset 18)",
    ),
    Fault(
        "BOM then not UTF-8",
        write_bytes(DISTRICTS, lambda b: b"\xef\xbb\xbf" + b.decode().encode("gb18030")),
        f"{DISTRICTS}:2: not valid UTF-8 after its byte-order mark (byte 0xb6 at offset 18)",
    ),
    # -- its CSV form
    Fault(
        "unterminated quote",
        replace(STREETS, "110101003,交道口街道", '110101003,"交道口街道'),
        f"{STREETS}:4: unterminated quote: this line opens a quoted field never closed",
    ),
    Fault(
        "missing column",
        replace(STREETS, "district_code", "district"),
        f"{STREETS}:1: missing column(s) district_code",
    ),
    Fault(
        "extra field",
        replace(STREETS, "景山街道,110101", "景山街道,x,110101"),
        f"{STREETS}:3: 6 field(s) but the header has 5",
    ),
    Fault(
        "missing field",
        replace(DISTRICTS, "110102,西城区", "110102"),
        f"{DISTRICTS}:3: 1 field(s) but the header has 2",
    ),
    # -- its values
    Fault(
        "NUL in a name",
        replace(STREETS, "景山街道", "景山\x00街道"),
        f"{STREETS}:3: field 'name': control character U+0000",
    ),
    Fault(
        "bell in a name",
        replace(STREETS, "景山街道", "景山\x07街道"),
        f"{STREETS}:3: field 'name': control character U+0007",
    ),
    Fault(
        "line break in a name",
        replace(STREETS, "景山街道", '"景山\n街道"'),
        f"{STREETS}:3: field 'name': control character U+000A",
    ),
    Fault(
        "control character in another field",
        replace(STREETS, "110101002,景山街道,110101,street", "110101002,景山街道,110101,str\x01eet"),
        f"{STREETS}:3: field 'kind': control character U+0001",
    ),
    Fault("empty name", replace(STREETS, "景山街道", ""), f"{STREETS}:3: field 'name': empty value; refused"),
    Fault("blank name", replace(STREETS, "景山街道", "   "), f"{STREETS}:3: field 'name': empty value; refused"),
    Fault(
        "empty key",
        replace(STREETS, "110101002,景山街道", ",景山街道"),
        f"{STREETS}:3: field 'code': empty value; refused",
    ),
    Fault(
        "two streets of one name in a district",
        replace(STREETS, "景山街道", "东华门街道"),
        f"{STREETS}:3: field 'name': duplicate name '东华门街道' under '110101' (also 110101001 at {STREETS}:2)",
    ),
    Fault(
        "two communities of one name in a street",
        replace(COMMUNITIES, "银闸社区居委会", "多福巷社区居委会"),
        f"{COMMUNITIES}:3: field 'name': duplicate name '多福巷社区居委会' under '110101001'",
    ),
    Fault(
        "two districts of one name",
        replace(DISTRICTS, "西城区", "东城区"),
        f"{DISTRICTS}:3: field 'name': duplicate name '东城区' under '110000' (also 110101 at {DISTRICTS}:2)",
    ),
    Fault(
        "duplicate id",
        replace(DISTRICTS, "110102,西城区", "110101,西城区"),
        f"{DISTRICTS}:3: duplicate id '110101' (first defined at {DISTRICTS}:2)",
    ),
    Fault(
        "malformed code",
        replace(STREETS, "110101002,", "11010100,"),
        f"{STREETS}:3: field 'code': malformed street code '11010100' (want 9 digits)",
    ),
    Fault(
        "code outside its parent",
        replace(STREETS, "110101002,景山街道,110101", "110102099,景山街道,110101"),
        f"{STREETS}:3: field 'code': street code '110102099' does not start with its district '110101'",
    ),
    Fault(
        "dangling parent",
        replace(COMMUNITIES, "110101001001,多福巷社区居委会,110101001", "110101999001,多福巷社区居委会,110101999"),
        f"{COMMUNITIES}:2: field 'street_code': dangling parent: no street '110101999'",
    ),
    Fault(
        "unknown kind",
        replace(STREETS, "110101002,景山街道,110101,street", "110101002,景山街道,110101,hamlet"),
        f"{STREETS}:3: field 'kind': unknown kind 'hamlet'",
    ),
    Fault(
        "community in the wrong district",
        replace(
            COMMUNITIES,
            "110101001001,多福巷社区居委会,110101001,110101",
            "110101001001,多福巷社区居委会,110101001,110102",
        ),
        f"{COMMUNITIES}:2: field 'district_code': '110102' but street '110101001' is in '110101'",
    ),
    # -- other lists
    Fault(
        "malformed department id",
        replace(DEPARTMENTS, "bj-fagaiwei,", "BJ_fagaiwei,"),
        f"{DEPARTMENTS}:3: field 'id': malformed department id 'BJ_fagaiwei'",
    ),
    Fault(
        "2017 name mapped to no department",
        replace(MAPPING, "bj-jiaowei,unchanged", "bj-nowhere,unchanged"),
        f"{MAPPING}:2: field 'current_ids': unknown department id(s) ['bj-nowhere']",
    ),
    Fault(
        "unknown holder kind",
        replace(DUTIES, "street_office,street,lead", "street_ofice,street,lead"),
        f"{DUTIES}:2: field 'holder_kind': unknown holder kind 'street_ofice'",
    ),
    Fault(
        "unknown role",
        replace(DUTIES, "street_office,street,lead", "street_office,street,boss"),
        f"{DUTIES}:2: field 'role': unknown role 'boss'",
    ),
    Fault(
        "duty without its quote",
        replace(
            DUTIES,
            "街道办事处是区人民政府的派出机关，在本街道党的工作委员会领导下，执行党的路线方针政策，依法履行辖区公共服务、"
            "城市管理、社会治理等综合管理职能，统筹协调辖区地区性、社会性、群众性工作。,\n",
            ",\n",
        ),
        f"{DUTIES}:2: field 'quote': empty quote",
    ),
    Fault(
        "reported row of an unknown district",
        replace(REPORTED, "sjs-street-centres,石景山区,110107", "sjs-street-centres,石景山区,110199"),
        f"{REPORTED}:2: field 'district_code': no district '110199' in this dataset",
    ),
    Fault(
        "reported row of an unknown form",
        replace(REPORTED, "yq-grids,延庆区,110119,延庆区,,grid,", "yq-grids,延庆区,110119,延庆区,,grid_cell,"),
        f"{REPORTED}:14: field 'form': no reading for form 'grid_cell'",
    ),
    # -- declared reporting lines
    Fault(
        "second primary line of one kind",
        declared_lines("st:110101001,gov:110102,administrative,true,京编办〔2026〕1号"),
        "second primary administrative line for 'st:110101001': to 'gov:110102', but",
    ),
    Fault(
        "declared line to no body",
        declared_lines("st:110101001,gov:999999,administrative,false,京编办〔2026〕1号"),
        f"{LINES}:2: field 'reports_to': dangling reference: no body 'gov:999999'",
    ),
    Fault(
        "declared line of an unknown kind",
        declared_lines("st:110101001,gov:110101,diagonal,false,京编办〔2026〕1号"),
        f"{LINES}:2: field 'line': unknown line 'diagonal'",
    ),
    Fault(
        "declared line without its source",
        declared_lines("st:110101001,gov:110101,party,false,"),
        f"{LINES}:2: field 'source': an official line needs its source",
    ),
    Fault(
        "cycle in reporting lines",
        declared_lines("gov:110000,st:110101001,party,false,京编办〔2026〕1号"),
        "cycle in reporting lines",
    ),
]


def digest(path: Path) -> str:
    """The store file's bytes, and proof that no write-ahead log holds anything beside it."""
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "graph.sqlite"
    assert cli.main(["sync", str(BUNDLED), "--db", str(path), "--effective", "2024-01-01"]) == 0
    return path


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root)
    return root


def test_the_matrix_is_large_and_each_fault_named_once() -> None:
    assert len(FAULTS) >= 40
    assert len({f.name for f in FAULTS}) == len(FAULTS)


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_fault_is_reported_and_store_unchanged(
    fault: Fault, store_file: Path, dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(store_file)
    fault.edit(dataset)
    assert cli.main(["sync", str(dataset), "--db", str(store_file)]) == 1
    err = capsys.readouterr().err
    assert "load refused, nothing was written" in err
    assert fault.message in err, err[-2000:]
    assert digest(store_file) == before


def _sync_as_nobody(root: Path, store_file: Path) -> tuple[int, str]:
    """`whistlegraph sync` in a forked child that drops root first, as an operator without read access runs it."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 70
        try:
            os.close(r)
            sys.stderr = os.fdopen(w, "w")  # pytest has replaced sys.stderr; write to the pipe
            os.setgid(65534)
            os.setuid(65534)
            code = cli.main(["sync", str(root), "--db", str(store_file)])
            sys.stderr.flush()
        finally:
            os._exit(code)
    os.close(w)
    with os.fdopen(r) as err:
        stderr = err.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), stderr


def test_unreadable_file(store_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Permission denied names the file (root reads anything, so as root the sync runs as nobody)."""
    base = Path(tempfile.mkdtemp())
    try:
        base.chmod(0o755)
        root = base / "data"
        shutil.copytree(BUNDLED, root)
        (root / DISTRICTS).chmod(0)
        before = digest(store_file)
        if os.geteuid() == 0:
            code, stderr = _sync_as_nobody(root, store_file)
        else:
            code, stderr = cli.main(["sync", str(root), "--db", str(store_file)]), capsys.readouterr().err
        assert code == 1, stderr
        assert f"{DISTRICTS}: cannot be read: Permission denied" in stderr
        assert digest(store_file) == before
    finally:
        shutil.rmtree(base)
