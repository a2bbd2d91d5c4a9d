#!/usr/bin/env python
"""Run administrative tasks for the training site."""

import os
import sys


def main():
    """Run a management command with the development settings unless told otherwise."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training_site.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
