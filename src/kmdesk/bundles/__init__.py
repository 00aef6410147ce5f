"""Bundles: signed ZIP files that carry catalogue records between installations."""
