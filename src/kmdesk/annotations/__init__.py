"""Annotations without the database: tags, highlight anchoring, exports of notes.

The service that stores annotations is :mod:`kmdesk.catalogue.annotations`; the rules about
what travels are in :mod:`kmdesk.sync.kinds` (``ANNOTATION``) and docs/architecture.md.
"""
