"""Application configuration for simulations."""

from django.apps import AppConfig


class SimulationsConfig(AppConfig):
    """Configuration of the simulations app."""

    name = "simulations"
    verbose_name = "Simulations"
