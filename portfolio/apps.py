"""Application configuration for portfolio."""

from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    """Configuration of the portfolio app."""

    name = "portfolio"
    verbose_name = "Portfolio"
