"""Benchmark: the large export of every proposal, through the Celery task's function.

    DATABASE_URL=postgres://…/wt_exports DEBUG=1 .venv/bin/python bench/export.py
    … bench/export.py --format xlsx [--dataset voorstellen] [--tracemalloc]

Against a database with at least 100,000 proposals (a copy of the 20-year one, see
docs/performance.md). Without --format it runs each format in a fresh process, once
plain (seconds, peak resident memory from getrusage) and once under tracemalloc (the
peak of Python's own allocations; tracing makes it slower, so its seconds are not the
figure). Targets (issue 13): .xlsx of 100,000 proposals under 60 s and 200 MB.
The job and its file are deleted afterwards.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")


def run_one(dataset: str, file_format: str, trace: bool) -> None:
    import django

    django.setup()

    from django.contrib.auth import get_user_model

    from projecten.dashboard.services import export_storage
    from projecten.dashboard.tasks import run_export_job
    from projecten.models import ExportJob

    owner = get_user_model().objects.filter(stuurgroep_membership__isnull=False).first()
    owner = owner or get_user_model().objects.order_by("pk").first()
    job = ExportJob.objects.create(owner=owner, dataset=dataset, file_format=file_format)
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    run_export_job(job.pk)  # the task's function, in this process (as a worker runs it)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    if trace:
        tracemalloc.stop()
    job.refresh_from_db()
    storage = export_storage()
    size = storage.size(job.file_name) if job.file_name else 0
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    line = (
        f"{dataset}.{file_format}: status {job.status}, {job.rows_done} rows, {seconds:.1f} s, "
        f"file {size / 1e6:.1f} MB, peak RSS {maxrss_mb:.0f} MB"
    )
    if trace:
        line += f", tracemalloc peak {peak / 1e6:.1f} MB (traced run)"
    print(line, flush=True)
    if job.file_name:
        storage.delete(job.file_name)
    job.delete()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset", default="voorstellen")
    parser.add_argument("--format", choices=("xlsx", "csv"))
    parser.add_argument("--tracemalloc", action="store_true")
    args = parser.parse_args()
    if args.format:
        run_one(args.dataset, args.format, args.tracemalloc)
        return
    for file_format in ("xlsx", "csv"):
        for trace in (False, True):
            command = [sys.executable, __file__, "--dataset", args.dataset, "--format", file_format]
            # Our own script with fixed arguments, each run in a fresh process for its memory.
            subprocess.run(command + (["--tracemalloc"] if trace else []), check=True)  # noqa: S603


if __name__ == "__main__":
    main()
