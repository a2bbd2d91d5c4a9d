"""The environment helpers refuse bad values loudly and read good ones."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from training_site.env import env_bool, env_database, env_int, env_list, env_str, env_url

NAME = "YOC_TEST_SETTING"


@pytest.fixture(autouse=True)
def unset(monkeypatch):
    """Start every test without the setting in the environment."""
    monkeypatch.delenv(NAME, raising=False)


@pytest.mark.parametrize("value", ["1", "true", "True", " YES ", "on"])
def test_env_bool_reads_true_values(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    assert env_bool(NAME, default=False) is True


@pytest.mark.parametrize("value", ["0", "false", "FALSE", "no", "off", ""])
def test_env_bool_reads_false_values(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    assert env_bool(NAME, default=True) is False


def test_env_bool_uses_default_when_unset():
    assert env_bool(NAME, default=True) is True
    assert env_bool(NAME, default=False) is False


@pytest.mark.parametrize("value", ["maybe", "2", "enabled", "tru"])
def test_env_bool_refuses_anything_else(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_bool(NAME)


def test_env_int_reads_a_whole_number(monkeypatch):
    monkeypatch.setenv(NAME, " 42 ")
    assert env_int(NAME, 5) == 42


@pytest.mark.parametrize("value", [None, "", "   "])
def test_env_int_uses_default_when_unset_or_blank(monkeypatch, value):
    if value is not None:
        monkeypatch.setenv(NAME, value)
    assert env_int(NAME, 7) == 7


@pytest.mark.parametrize("value", ["ten", "1.5", "3e2", "12abc"])
def test_env_int_refuses_a_value_that_is_not_a_whole_number(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int(NAME, 5)


def test_env_int_refuses_a_number_below_the_minimum(monkeypatch):
    monkeypatch.setenv(NAME, "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int(NAME, 5, minimum=1)


def test_env_int_refuses_a_number_above_the_maximum(monkeypatch):
    monkeypatch.setenv(NAME, "65536")
    with pytest.raises(ImproperlyConfigured, match="at most 65535"):
        env_int(NAME, 25, minimum=1, maximum=65535)


def test_env_int_accepts_the_bounds_themselves(monkeypatch):
    monkeypatch.setenv(NAME, "1")
    assert env_int(NAME, 5, minimum=1, maximum=10) == 1
    monkeypatch.setenv(NAME, "10")
    assert env_int(NAME, 5, minimum=1, maximum=10) == 10


def test_env_str_strips_surrounding_spaces(monkeypatch):
    monkeypatch.setenv(NAME, "  value  ")
    assert env_str(NAME) == "value"


def test_env_str_uses_default_when_unset():
    assert env_str(NAME, "fallback") == "fallback"


@pytest.mark.parametrize("value", [None, "", "   "])
def test_env_str_refuses_a_missing_or_blank_required_value(monkeypatch, value):
    if value is not None:
        monkeypatch.setenv(NAME, value)
    with pytest.raises(ImproperlyConfigured, match=f"Set the {NAME}"):
        env_str(NAME, "ignored default", required=True)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv(NAME, " example.org, ,www.example.org ,")
    assert env_list(NAME) == ["example.org", "www.example.org"]


def test_env_list_uses_default_when_unset():
    assert env_list(NAME, ["localhost"]) == ["localhost"]


@pytest.mark.parametrize("value", [None, "", " , ,"])
def test_env_list_refuses_a_required_list_with_no_items(monkeypatch, value):
    if value is not None:
        monkeypatch.setenv(NAME, value)
    with pytest.raises(ImproperlyConfigured, match=f"Set the {NAME}"):
        env_list(NAME, required=True)


def test_env_database_reads_a_postgres_url(monkeypatch):
    monkeypatch.setenv(NAME, "postgres://yoc:secret@db.example.org:5433/training")
    config = env_database(NAME, "sqlite:///unused.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "training"
    assert config["HOST"] == "db.example.org"
    assert config["PORT"] == 5433
    assert config["USER"] == "yoc"


def test_env_database_falls_back_to_the_default_sqlite_file(tmp_path):
    path = tmp_path / "db.sqlite3"
    config = env_database(NAME, f"sqlite:///{path}")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(path)


@pytest.mark.parametrize("value", ["nosuchdb://host/name", "not a url"])
def test_env_database_refuses_an_unknown_scheme(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_database(NAME, "sqlite:///unused.sqlite3")


def test_env_url_reads_a_url_with_an_allowed_scheme(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "rediss://cache.internal:6380/0")
    assert env_url("REDIS_URL", ("redis", "rediss")) == "rediss://cache.internal:6380/0"


def test_env_url_uses_default_when_unset(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert env_url("REDIS_URL", ("redis",)) is None


def test_env_url_refuses_another_scheme_naming_the_variable(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "http://cache.internal")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL must start with one of redis://"):
        env_url("REDIS_URL", ("redis",))
