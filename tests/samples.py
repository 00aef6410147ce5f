"""Sample input shared by several tests."""

from __future__ import annotations

from typing import Any

#: A product using every field, valid in the ``vocab_catalogue`` fixture.
FULL_PRODUCT: dict[str, Any] = {
    "title": "Tracking Budget Promises After Local Elections",
    "subtitle": "A field guide for citizen monitors",
    "summary": "How community monitors follow participatory budgeting commitments.",
    "product_type": "guide",
    "themes": ["local-governance", "gender-equality-inclusion"],
    "partnerships": ["OBLA"],
    "organisations": ["civic-ledger-uganda:author", ("cegol", "publisher")],
    "authors": ["Ronald Ssemakula", "Issa Zongo"],
    "countries": ["ug", "BF"],
    "regions": ["014", "Western Africa"],
    "languages": ["en", "fr"],
    "year": 2022,
    "date": "2022-06-30",
    "licence": "CC-BY-4.0",
    "url": "https://civic-ledger.example/guides/budget-promises",
    "doi": "doi:10.5555/kmd.2022.0007",
    "keywords": ["participatory budgeting", "elections", "social accountability"],
    "status": "published",
}
