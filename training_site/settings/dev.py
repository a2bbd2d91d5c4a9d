"""Settings for running the site on a developer's machine."""

from training_site.env import env_bool

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
