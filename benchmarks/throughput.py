"""Requests per second and p99 of the production web process, signed-in pages against liveness.

Usage: python benchmarks/throughput.py [--seconds 15] [--connections 8] [--keep-database]
Needs wrk and PostgreSQL on 127.0.0.1:5432; uses Redis when REDIS_URL is set. Deploys the demo
into its own database as the README's Production section says, starts the Procfile's web:
process with two workers and prints one JSON line per page, then one comparing them with the
targets: signed-in home at least 10 % of /health/live's throughput, no non-2xx, p99 < 100 ms.
"""

import argparse
import importlib.util
import json
import os
import re
import secrets
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "yoc_bench_throughput"
PG = ["-h", "127.0.0.1", "-U", "postgres"]
PAGES = [
    ("health_live", "/health/live", False),
    ("signed_in_home", "/", True),
    ("reflection_list", "/portfolio/", True),
]
HOME_SHARE_TARGET = 0.10
P99_TARGET_MS = 100
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def free_port():
    """Return a port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(port):
    """Return the environment the README's Production section names, for a local run."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "training_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BASE_URL": "https://localhost",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(ROOT / "sent-emails"),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}",
    }


def deploy(environment, password, keep):
    """Create the database, migrate, collect static files and seed the demo."""
    exists = subprocess.run(
        ["psql", *PG, "-Atc", f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if exists and keep:
        return
    subprocess.run(["dropdb", *PG, "--if-exists", "--force", DATABASE], check=True)
    subprocess.run(["createdb", *PG, DATABASE], check=True)
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [*manage, *command], cwd=ROOT, env=environment, check=True, stdout=subprocess.DEVNULL
        )
    subprocess.run(
        [*manage, "seed_demo", "--password", password],
        cwd=ROOT,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def start_web(environment, log):
    """Start the Procfile's web: process and wait until it answers."""
    line = next(
        line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:")
    )
    process = subprocess.Popen(
        shlex.split(line.removeprefix("web:").strip()),
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{environment['PORT']}/health/live"
    for _ in range(60):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit("The web process stopped; see its log") from None
            time.sleep(1)
    raise SystemExit("The web process did not answer within a minute")


def signed_in_cookie(port, email, password):
    """Sign in through the real form, as .ci/sign_in.py does, and return the Cookie header."""
    spec = importlib.util.spec_from_file_location("sign_in", ROOT / ".ci" / "sign_in.py")
    sign_in = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sign_in)
    browser = sign_in.Browser("127.0.0.1", port)
    status, _, page = browser.request("GET", sign_in.SIGN_IN)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"csrfmiddlewaretoken": token, "username": email, "password": password}
    status, headers, _ = browser.request("POST", sign_in.SIGN_IN, form=form)
    if status != 302:
        raise SystemExit(f"Signing in as {email} answered {status}")
    for _, path, _ in PAGES:
        status, _, _ = browser.request("GET", path)
        if status != 200:
            raise SystemExit(f"{path} answered {status} to the signed-in person")
    return "; ".join(f"{name}={value}" for name, value in browser.cookies.items())


def wrk(port, path, cookie, seconds, connections):
    """Load one page with wrk and return its requests per second, p99 and non-2xx count."""
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "-H",
        "X-Forwarded-Proto: https",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    p99 = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {
        "requests_per_second": float(rate.group(1)),
        "p99_ms": round(float(p99.group(1)) * UNITS_MS[p99.group(2)], 2),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def main():
    """Deploy, start the web process, load each page in turn and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument("--password", default="benchmark-demo-password")
    arguments = parser.parse_args()
    port = free_port()
    environment = production_environment(port)
    deploy(environment, arguments.password, arguments.keep_database)
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        web = start_web(environment, log)
        try:
            cookie = signed_in_cookie(port, "hcp@example.org", arguments.password)
            results = {}
            for name, path, signed_in in PAGES:
                results[name] = wrk(
                    port,
                    path,
                    cookie if signed_in else None,
                    arguments.seconds,
                    arguments.connections,
                )
                print(json.dumps({"workload": name, "path": path, **results[name]}), flush=True)
        finally:
            web.terminate()
            web.wait(timeout=30)
    live = results["health_live"]["requests_per_second"]
    share = results["signed_in_home"]["requests_per_second"] / live
    verdict = {
        "workload": "targets",
        "home_share_of_live": round(share, 3),
        "home_share_target": HOME_SHARE_TARGET,
        "worst_signed_in_p99_ms": max(results[n]["p99_ms"] for n, _, s in PAGES if s),
        "p99_target_ms": P99_TARGET_MS,
        "non_2xx": sum(result["non_2xx"] for result in results.values()),
        "redis": bool(os.environ.get("REDIS_URL")),
    }
    verdict["met"] = (
        share >= HOME_SHARE_TARGET
        and verdict["worst_signed_in_p99_ms"] < P99_TARGET_MS
        and verdict["non_2xx"] == 0
    )
    print(json.dumps(verdict), flush=True)


if __name__ == "__main__":
    main()
