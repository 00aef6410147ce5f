"""The Qt desktop app: a thin layer over :class:`kmdesk.catalogue.Catalogue`.

Nothing here talks SQL or touches the search index directly; everything goes through the core.
"""
