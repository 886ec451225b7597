"""The admin of issues and pages: the issue with its publishing and assembly board (issues.py,
board.py), the page with its imports and zones (pages.py)."""

from . import issues, pages  # noqa: F401 - they register themselves
