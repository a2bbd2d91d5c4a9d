"""Settings for running the site on a developer's machine."""

from training_site.env import env_bool

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)

# Tasks run at once in the process that queues them, so no worker is needed here.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
