"""anjian: the county work-safety supervision platform."""

__version__ = "0.1.0"
