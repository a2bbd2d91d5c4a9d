"""Time the network gap profile, the matrix page and the exports for one workforce size.

The matrix workbook and the PDF report are timed twice: the web request that queues them, and
the worker's task that builds them.

Usage: DATABASE_URL=... python benchmarks/measure.py --staff 10000 [--repeat 5]
Builds the workforce on first use (kept for later runs) and prints one JSON line per
measurement: {"workload", "staff", "db", "median_ms", "queries", ...}.
"""

import argparse
import json
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training_site.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from benchmarks.workforce import PREFIX, build  # noqa: E402
from competences.tasks import gap_export_prepare  # noqa: E402
from training_site.models import Organisation, PreparedDownload, User  # noqa: E402

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


def workforce(staff):
    """Return the benchmark network and its administrator, building them if missing."""
    network = Organisation.objects.filter(code="BENCH").first()
    admin = User.objects.filter(email=f"{PREFIX}.admin@example.org").first()
    if network and admin:
        return network, admin
    started = time.perf_counter()
    network, admin = build(staff)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built {staff} staff in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return network, admin


def sign_in(client, user):
    """Sign a person in with their second factor confirmed, as an administrator must be."""
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Benchmark", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def page(client, url):
    """Fetch a page, read all of it, and return the elapsed milliseconds."""
    started = time.perf_counter()
    response = client.get(url)
    if response.streaming:
        for _ in response.streaming_content:
            pass
    else:
        response.content  # noqa: B018
    assert response.status_code == 200, (url, response.status_code)
    return (time.perf_counter() - started) * 1000


def queries(client, url):
    """Count the queries one fetch runs."""
    with CaptureQueriesContext(connection) as captured:
        page(client, url)
    return len(captured)


def stream(client, url):
    """Return (ms to first chunk, ms to last, peak MB allocated) for a streamed download."""
    tracemalloc.start()
    started = time.perf_counter()
    response = client.get(url)
    chunks = iter(response.streaming_content)
    next(chunks)
    first = (time.perf_counter() - started) * 1000
    for _ in chunks:
        pass
    total = (time.perf_counter() - started) * 1000
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    return first, total, peak


def prepared(client, url):
    """Return (ms the request takes to queue an export, ms the worker's task takes to build it)."""
    with override_settings(TASKS=DATABASE_TASKS):
        started = time.perf_counter()
        response = client.get(url)
        queued = (time.perf_counter() - started) * 1000
        assert response.status_code == 302, (url, response.status_code)
        download = PreparedDownload.objects.latest("pk")
        started = time.perf_counter()
        assert gap_export_prepare.call(download_id=download.pk) == "ready"
        built = (time.perf_counter() - started) * 1000
    download.file.delete(save=False)
    download.delete()
    DBTaskResult.objects.filter(args_kwargs__kwargs__download_id=download.pk).delete()
    return queued, built


def main():
    """Measure each workload and print JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--staff", type=int, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    network, admin = workforce(args.staff)
    client = Client(HTTP_HOST="127.0.0.1")
    sign_in(client, admin)
    database = connection.vendor
    scope = f"?organisation={network.pk}"
    workloads = {
        "network_gap_profile": f"/competences/gaps/{scope}",
        "matrix_page": f"/competences/gaps/matrix/{scope}",
        "training_needs": f"/competences/gaps/training-needs/{scope}",
        "heatmap_svg": f"/competences/gaps/heatmap.svg{scope}",
        "summary_csv": f"/competences/gaps/summary.csv{scope}",
    }
    for name, url in workloads.items():
        page(client, url)
        times = [page(client, url) for _ in range(args.repeat)]
        record = {
            "workload": name,
            "staff": args.staff,
            "db": database,
            "median_ms": round(statistics.median(times), 1),
            "queries": queries(client, url),
        }
        print(json.dumps(record), flush=True)
    url = f"/competences/gaps/matrix.csv{scope}"
    runs = [stream(client, url) for _ in range(max(1, args.repeat // 2))]
    first = statistics.median(r[0] for r in runs)
    total = statistics.median(r[1] for r in runs)
    peak = max(r[2] for r in runs)
    count = queries(client, url)
    for name, value in (("matrix_csv_first_byte", first), ("matrix_csv_all", total)):
        print(
            json.dumps(
                {
                    "workload": name,
                    "staff": args.staff,
                    "db": database,
                    "median_ms": round(value, 1),
                    "queries": count,
                    "peak_mb": round(peak, 1),
                }
            ),
            flush=True,
        )
    for export, url in (
        ("matrix_xlsx", f"/competences/gaps/matrix.xlsx{scope}"),
        ("report_pdf", f"/competences/gaps/report.pdf{scope}"),
    ):
        queued, built = prepared(client, url)
        for name, value in ((f"{export}_request", queued), (f"{export}_worker", built)):
            record = {"workload": name, "staff": args.staff, "db": database}
            print(json.dumps({**record, "median_ms": round(value, 1)}), flush=True)


if __name__ == "__main__":
    main()
