"""The test OpenID provider, started once per test process, and the site configured for it."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.oidc_provider.accounts import CLIENT_ID, CLIENT_SECRET

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PROVIDER_START_SECONDS = 60


@pytest.fixture(scope="session")
def identity_provider(tmp_path_factory):
    """Start the test provider on a free port of its own and return its address (its issuer)."""
    folder = tmp_path_factory.mktemp("identity_provider")
    output, errors = folder / "stdout.txt", folder / "stderr.txt"
    with output.open("w") as stdout, errors.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.oidc_provider.serve", str(folder / "provider.sqlite3")],
            cwd=PROJECT_ROOT,
            stdout=stdout,
            stderr=stderr,
        )
    deadline = time.monotonic() + PROVIDER_START_SECONDS
    while not output.read_text().startswith("listening on ") or "\n" not in output.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"The test OpenID provider did not start:\n{errors.read_text()}")
        time.sleep(0.05)
    port = int(output.read_text().split()[2])
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def single_sign_on(settings, identity_provider):
    """Turn single sign-on on, with the test provider as the organisation's identity provider."""
    settings.SINGLE_SIGN_ON = True
    settings.OIDC_PROVIDER_URL = identity_provider
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_PROVIDER_NAME = "Test Trust"
    return settings
