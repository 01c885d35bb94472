"""Norm sets: the staffing norms of each source document, as validated data."""

from rostercheck.normsets.loader import Catalogue, cached_catalogue, default_norms_dir, load_catalogue, load_norm_file
from rostercheck.normsets.schema import Norm, NormSet, Presence, Product, Window

__all__ = [
    "Catalogue",
    "Norm",
    "NormSet",
    "Presence",
    "Product",
    "Window",
    "cached_catalogue",
    "default_norms_dir",
    "load_catalogue",
    "load_norm_file",
]
