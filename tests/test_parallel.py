"""The forked worker gives exactly the results of running everything in one process."""

from __future__ import annotations

import json
import os

import pytest

from listlint import parallel
from tests.conftest import run_listlint


def test_worker_returns_the_jobs_value_or_computes_it_here():
    w = parallel.Worker(lambda: {"n": 41 + 1})
    assert w.result() == {"n": 42}


def test_worker_falls_back_when_the_child_fails():
    calls = []

    def job():
        calls.append(os.getpid())
        if len(calls) == 1 and os.getpid() != parent:
            raise RuntimeError("child fails")
        return "ok"

    parent = os.getpid()
    worker = parallel.Worker(job)
    assert worker.result() == "ok"
    assert calls == [parent]  # computed here once (a child's own call is not seen here)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_worker_fallback_runs_the_job_here_after_the_child_fails():
    parent = os.getpid()
    calls: list[int] = []

    def job():
        calls.append(os.getpid())
        if os.getpid() != parent:
            raise RuntimeError("child fails")
        return "here"

    worker = parallel.Worker(job)
    assert worker.forked and calls == []  # the job has not run in this process yet
    assert worker.result() == "here"
    assert calls == [parent]  # the fallback ran, once, in the parent


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_check_output_is_identical_with_and_without_worker(tmp_path):
    lines = ["# Papers", "", "## Serving", ""]
    for i in range(900):
        note = {7: "a note about infernece serving", 11: "a guidence on serving"}.get(
            i, "a note about inference serving")
        lines.append(f"- [ ] [Paper {i}: fast serving](https://arxiv.org/abs/2401.{i:05d}):"
                     f" {note}, accepted by OSDI'24")
    lines.append("- [ ] [Paper 3: fast serving](https://arxiv.org/pdf/2401.00003.pdf)")
    path = tmp_path / "README.md"
    path.write_text("\n".join(lines) + "\n")
    assert path.stat().st_size > parallel.MIN_TEXT
    with_worker = run_listlint("check", path, "--format", "json")
    env_off = {**os.environ, "LISTLINT_NO_FORK": "1"}
    import subprocess
    import sys

    without = subprocess.run([sys.executable, "-m", "listlint", "check", str(path), "--format",
                              "json"], capture_output=True, text=True, env=env_off)
    assert with_worker.returncode == without.returncode == 1
    a, b = json.loads(with_worker.stdout), json.loads(without.stdout)
    assert a == b
    assert {d["code"][:3] for d in a} >= {"LL1", "LL2"}
    # typos, started before parsing and handed to the worker, answered it (no deadlock)
    assert any(d["code"] == "LL201" and "(typos)" in d["message"] and "guidence" in d["message"]
               for d in a)
