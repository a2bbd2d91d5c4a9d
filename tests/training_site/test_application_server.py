"""The web process's gunicorn settings come from the environment and log no query strings."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

CONFIG = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


@pytest.fixture
def unset(monkeypatch):
    """Start without the port or the number of workers in the environment."""
    monkeypatch.delenv("PORT", raising=False)
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)


def test_gunicorn_listens_on_port_8000_with_two_workers_by_default(unset):
    config = runpy.run_path(str(CONFIG))
    assert config["bind"] == "0.0.0.0:8000"
    assert config["workers"] == 2
    assert config["max_requests"] == 1000
    assert config["max_requests_jitter"] == 100
    assert config["timeout"] == 30


def test_gunicorn_reads_the_port_and_workers_from_the_environment(unset, monkeypatch):
    monkeypatch.setenv("PORT", "5000")
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    config = runpy.run_path(str(CONFIG))
    assert config["bind"] == "0.0.0.0:5000"
    assert config["workers"] == 4


def test_gunicorn_refuses_a_port_that_is_not_a_number(unset, monkeypatch):
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(ImproperlyConfigured, match="PORT"):
        runpy.run_path(str(CONFIG))


def test_the_access_log_records_the_path_without_the_query_string(unset):
    log_format = runpy.run_path(str(CONFIG))["access_log_format"]
    assert "%(U)s" in log_format
    for atom in ("%(r)s", "%(q)s", "%(f)s"):
        assert atom not in log_format


def test_the_procfile_starts_gunicorn_for_the_web_process():
    procfile = (CONFIG.parent / "Procfile").read_text().splitlines()
    assert "web: gunicorn training_site.wsgi" in procfile


def test_ci_deploys_with_the_readme_production_commands_word_for_word():
    readme = (CONFIG.parent / "README.md").read_text()
    section = readme.split("## Production", 1)[1].split("\n## ", 1)[0]
    commands = section.split("### Deploying", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    script = (CONFIG.parent / ".ci" / "production").read_text()
    processes = dict(
        line.split(": ", 1) for line in (CONFIG.parent / "Procfile").read_text().splitlines()
    )
    started = {name: cmd for name, cmd in processes.items() if f"s/^{name}: //p" in script}
    for command in commands.strip().splitlines():
        if command in processes.values():
            process = next(name for name, cmd in processes.items() if cmd == command)
            ran_once = any(line.startswith(f"{command} --once") for line in script.splitlines())
            assert process in started or ran_once, command
        else:
            assert command in script.splitlines()
