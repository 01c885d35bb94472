"""rostercheck: checks care-provider staff rosters against municipal staffing norms."""

__version__ = "0.1.0"
