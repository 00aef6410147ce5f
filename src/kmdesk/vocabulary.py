"""Controlled values that are part of kmdesk itself (as opposed to a catalogue's own vocabulary).

Product types are stored as vocabulary records like themes, so that a curator can relabel them
and a bundle can carry them; the built-in ones get the same UUID on every installation (derived
from their key) so that records made on different machines refer to the same type.
"""

from __future__ import annotations

import uuid

#: Namespace of the UUIDs of built-in records (product types) and demo records.
KMDESK_NAMESPACE = uuid.UUID("6a1f3c52-8d0e-4b7a-9c3e-2f5d7e9a1b40")


def builtin_id(kind: str, key: str) -> uuid.UUID:
    """The UUID every installation gives to the built-in record ``kind``/``key``."""
    return uuid.uuid5(KMDESK_NAMESPACE, f"{kind}:{key}")


PRODUCT_TYPES: dict[str, dict[str, str]] = {
    "guide": {"en": "Guide", "fr": "Guide", "es": "Guía", "pt": "Guia"},
    "toolkit": {
        "en": "Toolkit",
        "fr": "Boîte à outils",
        "es": "Caja de herramientas",
        "pt": "Kit de ferramentas",
    },
    "method": {"en": "Method", "fr": "Méthode", "es": "Método", "pt": "Método"},
    "case-study": {
        "en": "Case study",
        "fr": "Étude de cas",
        "es": "Estudio de caso",
        "pt": "Estudo de caso",
    },
    "research-report": {
        "en": "Research report",
        "fr": "Rapport de recherche",
        "es": "Informe de investigación",
        "pt": "Relatório de pesquisa",
    },
    "policy-brief": {
        "en": "Policy brief",
        "fr": "Note d'orientation",
        "es": "Nota de política",
        "pt": "Resumo de políticas",
    },
    "training-module": {
        "en": "Training module",
        "fr": "Module de formation",
        "es": "Módulo de formación",
        "pt": "Módulo de formação",
    },
    "video": {"en": "Video", "fr": "Vidéo", "es": "Vídeo", "pt": "Vídeo"},
    "dataset": {
        "en": "Dataset",
        "fr": "Jeu de données",
        "es": "Conjunto de datos",
        "pt": "Conjunto de dados",
    },
    "other": {"en": "Other", "fr": "Autre", "es": "Otro", "pt": "Outro"},
}

PRODUCT_STATUSES: tuple[str, ...] = ("draft", "published", "withdrawn")
ORGANISATION_ROLES: tuple[str, ...] = ("author", "publisher", "partner")
LINK_TYPES: tuple[str, ...] = ("translation-of", "version-of", "builds-on", "related")
NEED_PRIORITIES: tuple[str, ...] = ("low", "medium", "high")
NEED_STATUSES: tuple[str, ...] = ("open", "addressed")
SORT_ORDERS: tuple[str, ...] = ("relevance", "year", "title")
#: Who sees an annotation: only this installation, or whoever receives its bundles.
VISIBILITIES: tuple[str, ...] = ("private", "shared")
#: Values of the search's ``annotated`` filter: products with notes made here, or received.
ANNOTATED_BY_ME = "mine"
ANNOTATED_BY_OTHERS = "others"

#: Earliest publication year accepted; the latest is next year (forthcoming products).
EARLIEST_YEAR = 1900
