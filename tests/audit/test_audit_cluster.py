"""The audit on a real Dask cluster: a ``dask scheduler`` and two ``dask worker`` processes
on 127.0.0.1, started here with Dask's own commands."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from audit_helpers import Cluster, make_archive, start_cluster, write_folder, write_jsonl
from test_audit_linting import audit_in_process, by_document, check_findings

from backyard_lint.audit import tables
from backyard_lint.audit.linting import plugin_name


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """A scheduler and two workers shared by a module's tests (none of which kills one)."""
    yield from start_cluster(tmp_path_factory.mktemp("cluster"))


def _findings(out: Path) -> dict[str, list[tuple[Any, ...]]]:
    return by_document(pq.read_table(out / "findings.parquet").to_pylist())


def _builds(cluster: Cluster) -> list[int]:
    name = plugin_name(())

    def builds(dask_worker: Any) -> int:
        return int(dask_worker.plugins[name].builds)

    with cluster.client() as client:
        return sorted(client.run(builds).values())


def test_cluster_local_and_check_agree(
    tmp_path: Path, cli: Callable[..., Any], cluster: Cluster
) -> None:
    root = write_folder(make_archive(150, labelled=0.5), tmp_path / "site")
    on_cluster, local = tmp_path / "cluster", tmp_path / "local"
    remote = cli("audit", str(root), "--out", str(on_cluster), "--scheduler", cluster.address,
                 "--partitions", "10")  # fmt: skip
    assert remote.code == 0, remote.err
    here = cli("audit", str(root), "--out", str(local), "--workers", "2")
    assert here.code == 0, here.err
    assert _findings(on_cluster) == _findings(local) == check_findings(cli, root)
    docs = pq.read_table(on_cluster / "documents.parquet").to_pylist()
    assert len(docs) == 150 and len({d["doc_id"] for d in docs}) == 150
    # each worker built the rule set once for ten partitions, and a second audit on the
    # same cluster with the same rules reuses them
    assert _builds(cluster) == [1, 1]
    again = cli("audit", str(root), "--out", str(tmp_path / "again"), "--scheduler",
                cluster.address)  # fmt: skip
    assert again.code == 0, again.err
    assert _builds(cluster) == [1, 1]


def test_a_worker_killed_during_the_run(tmp_path: Path) -> None:
    archive = make_archive(3000)
    source = write_jsonl(archive, tmp_path / "a.jsonl")
    out = tmp_path / "audit"
    cluster_gen = start_cluster(tmp_path / "cluster")
    cluster = next(cluster_gen)
    try:
        cmd = [sys.executable, "-m", "backyard_lint", "audit", str(source), "--out", str(out),
               "--scheduler", cluster.address, "--partitions", "60"]  # fmt: skip
        run = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while len(list(out.glob("parts/*.documents.parquet"))) < 3:
            assert run.poll() is None, run.communicate()
            assert time.monotonic() < deadline, "no partition finished in two minutes"
            time.sleep(0.02)
        cluster.kill_worker(0)
        done_at_kill = len(list(out.glob("parts/*.documents.parquet")))
        stdout, stderr = run.communicate(timeout=180)
        assert run.returncode == 0, stderr
        assert done_at_kill < 60  # the kill came during the run
    finally:
        run.kill() if run.poll() is None else None
        cluster_gen.close()
    docs = pq.read_table(out / "documents.parquet").to_pylist()
    assert [d["doc_id"] for d in docs] == archive.ids  # nothing lost, nothing twice
    assert sorted({d["partition"] for d in docs}) == list(range(60))
    assert all(tables.finished(out, i) for i in range(60))
    _, expected = audit_in_process(source)
    assert _findings(out) == by_document(expected)
    assert "audited 60 partitions" in stdout
