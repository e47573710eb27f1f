"""The version of netstats (ground: the CLI and the report import it without importing the package's API)."""

__version__ = "0.1.0"
