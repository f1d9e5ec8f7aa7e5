"""Allow ``python -m briefpress``."""

from briefpress.cli import entry

entry()
