"""The hooks catalogue names every hook the apps read and every hook they register."""

import ast
import re
from pathlib import Path

import wagtail
from wagtail import hooks

from training_site.extension_points import EXTENSION_POINTS
from training_site.record_links import record_links

ROOT = Path(__file__).resolve().parents[2]
APPS = ("training_site", "competences", "curriculum", "workshops", "simulations", "quality")
APPS += ("feedback", "portfolio")
HOOK_NAME = re.compile(r"^register_[a-z_]+$")


def project_sources():
    """Every module of the apps, migrations left out."""
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def string_literals(path):
    """Every string constant in a module, with whether it is the name given to hooks.register."""
    tree = ast.parse(path.read_text())
    registered = {
        id(call.args[0])
        for call in ast.walk(tree)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "register"
        and call.args
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value, id(node) in registered


def hooks_read_by_the_apps():
    """Hook names the apps mention other than when registering: the names they read."""
    return {
        value
        for path in project_sources()
        for value, registering in string_literals(path)
        if HOOK_NAME.match(value) and not registering
    }


def wagtail_hook_names():
    """Every hook-like name Wagtail's own source mentions."""
    return {
        value
        for path in Path(wagtail.__file__).parent.rglob("*.py")
        for value in re.findall(
            r"[\"']((?:register|construct|before|after|insert|on|get|filter|describe)_[a-z_]+)[\"']",
            path.read_text(),
        )
    }


def unknown_registrations():
    """Hooks an app registers under a name neither the catalogue nor Wagtail knows."""
    known = set(EXTENSION_POINTS) | wagtail_hook_names()
    return sorted(
        name
        for name, registered in hooks._hooks.items()
        for fn, _order in registered
        if fn.__module__.split(".")[0] in APPS and name not in known
    )


def test_the_catalogue_names_exactly_the_hooks_the_apps_read():
    assert hooks_read_by_the_apps() == set(EXTENSION_POINTS)


def test_every_catalogued_hook_is_read_where_the_catalogue_says():
    for point in EXTENSION_POINTS.values():
        reader = ROOT / Path(*point.read_by.split(".")).with_suffix(".py")
        assert point.name in {value for value, _ in string_literals(reader)}, point.name


def test_every_hook_registered_by_an_app_has_a_known_name():
    assert unknown_registrations() == []


def test_a_hook_registered_under_a_misspelt_name_is_found():
    with hooks.register_temporarily("register_workshop_link", record_links):
        assert unknown_registrations() == ["register_workshop_link"]
