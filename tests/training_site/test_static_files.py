"""With the production settings, collectstatic stores every file under a hashed name."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NHSUK_CSS = "wagtailnhsukfrontend/css/nhsuk-frontend-10.4.2.min.css"
COLLECT = """
import sys
import django
from django.core.management import call_command
from django.test import override_settings

django.setup()
with override_settings(STATIC_ROOT=sys.argv[1]):
    call_command("collectstatic", "--noinput", verbosity=0)
"""


def collect_static(static_root):
    """Run collectstatic with the production settings into the given folder."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "training_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "example.org",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "BASE_URL": "https://example.org",
    }
    return subprocess.run(
        [sys.executable, "-c", COLLECT, str(static_root)],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_collectstatic_stores_hashed_compressed_css_with_the_production_settings(tmp_path):
    result = collect_static(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr

    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in (NHSUK_CSS, "training_site/site.css"):
        hashed = manifest[name]
        assert hashed != name
        assert (tmp_path / hashed).is_file()
        assert (tmp_path / f"{hashed}.gz").is_file()
    # The frontend's CSS names a source map the package does not ship; the comment is dropped.
    hashed_css = (tmp_path / manifest[NHSUK_CSS]).read_text()
    assert "sourceMappingURL" not in hashed_css
