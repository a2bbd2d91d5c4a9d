"""The shape of the code: apps import only to their left, files and views stay short."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = (
    "training_site",
    "competences",
    "curriculum",
    "workshops",
    "simulations",
    "quality",
    "feedback",
    "portfolio",
)
LONGEST_FILE = 400
LONGEST_VIEW = 40


def modules(app):
    """Every Python file of an app, migrations left out."""
    return [path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]


def apps_imported(path):
    """The project apps a module imports, with the line of each import."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] in APPS:
                yield name.split(".")[0], node.lineno


def imports_against_the_order(app):
    """Imports from an app that reach an app to its right."""
    rank = APPS.index(app)
    return [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for path in modules(app)
        for target, line in apps_imported(path)
        if APPS.index(target) > rank
    ]


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_apps_to_its_left(app):
    assert imports_against_the_order(app) == []


def test_an_import_to_the_right_is_found(tmp_path, monkeypatch):
    monkeypatch.setattr("tests.test_layout.ROOT", tmp_path)
    (tmp_path / "competences").mkdir()
    (tmp_path / "competences" / "probe.py").write_text("from portfolio.models import Reflection\n")
    assert imports_against_the_order("competences") == ["competences/probe.py:1 imports portfolio"]


@pytest.mark.parametrize("app", APPS)
def test_no_app_file_is_longer_than_the_limit(app):
    long = {
        str(path.relative_to(ROOT)): length
        for path in modules(app)
        if (length := len(path.read_text().splitlines())) > LONGEST_FILE
    }
    assert long == {}


def test_the_tests_mirror_the_apps():
    assert [app for app in APPS if not (ROOT / "tests" / app).is_dir()] == []


@pytest.mark.parametrize("app", APPS)
def test_no_view_is_longer_than_the_limit(app):
    views = [
        path for path in modules(app) if path.name == "views.py" or path.name.endswith("_views.py")
    ]
    long = {
        f"{path.relative_to(ROOT)}:{node.name}": node.end_lineno - node.lineno + 1
        for path in views
        for node in ast.parse(path.read_text()).body
        if isinstance(node, ast.FunctionDef | ast.ClassDef)
        and node.end_lineno - node.lineno + 1 > LONGEST_VIEW
    }
    assert long == {}
