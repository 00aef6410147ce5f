"""Countries (ISO 3166-1 alpha-2, via pycountry) and regions (UN M49 codes).

Regions are the United Nations M49 geographic regions and sub-regions, stored by their
three-digit code so that labels can be translated and matched across installations.
"""

from __future__ import annotations

import functools
import gettext

import pycountry

#: UN M49 region codes with their English names (continents, sub-regions and common groupings).
REGIONS: dict[str, str] = {
    "001": "World",
    "002": "Africa",
    "015": "Northern Africa",
    "202": "Sub-Saharan Africa",
    "014": "Eastern Africa",
    "017": "Middle Africa",
    "018": "Southern Africa",
    "011": "Western Africa",
    "019": "Americas",
    "419": "Latin America and the Caribbean",
    "029": "Caribbean",
    "013": "Central America",
    "005": "South America",
    "021": "Northern America",
    "142": "Asia",
    "143": "Central Asia",
    "030": "Eastern Asia",
    "035": "South-eastern Asia",
    "034": "Southern Asia",
    "145": "Western Asia",
    "150": "Europe",
    "151": "Eastern Europe",
    "154": "Northern Europe",
    "039": "Southern Europe",
    "155": "Western Europe",
    "009": "Oceania",
    "053": "Australia and New Zealand",
    "054": "Melanesia",
    "057": "Micronesia",
    "061": "Polynesia",
}

_REGION_BY_NAME = {name.casefold(): code for code, name in REGIONS.items()}


def normalise_country(value: str) -> str | None:
    """The upper-case alpha-2 code for ``value``, or ``None`` when it is not an ISO country."""
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha():
        return None
    return code if pycountry.countries.get(alpha_2=code) is not None else None


def country_name(code: str, language: str = "en") -> str:
    """The short name of an ISO alpha-2 country code in ``language`` (pycountry's translations,
    English when it has none), or the code itself when unknown."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = str(country.name)
    return name if language == "en" else _country_names(language).gettext(name)


def language_name(code: str, language: str = "en") -> str:
    """The name of an ISO 639-1 language code in ``language``, or the code when unknown."""
    found = pycountry.languages.get(alpha_2=code)
    if found is None:
        return code
    name = str(found.name)
    return name if language == "en" else _language_names(language).gettext(name)


@functools.lru_cache(maxsize=8)
def _country_names(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


@functools.lru_cache(maxsize=8)
def _language_names(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def normalise_region(value: str) -> str | None:
    """The M49 code for a code or English region name, or ``None`` when unknown."""
    text = value.strip()
    if text in REGIONS:
        return text
    if text.isdigit() and text.zfill(3) in REGIONS:
        return text.zfill(3)
    return _REGION_BY_NAME.get(text.casefold())
