"""The user's profile: stored in the catalogue, naming the signing key, checked before saving."""

from __future__ import annotations

from pathlib import Path

import pytest

from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.profile import (
    NAME_MAX_LENGTH,
    ORGANISATION_MAX_LENGTH,
    UserProfile,
    read_profile,
    save_profile,
)
from kmdesk.errors import ValidationError


def test_a_new_catalogue_has_no_profile(catalogue: Catalogue) -> None:
    assert read_profile(catalogue) is None


def test_a_saved_profile_is_read_back_trimmed_and_names_the_key(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    with Catalogue.open(folder) as catalogue:
        saved = save_profile(catalogue, UserProfile("  Grace   Nakato ", " Civic Ledger Uganda "))
        assert saved == UserProfile("Grace Nakato", "Civic Ledger Uganda")
        assert catalogue.keys.own().name == "Grace Nakato (Civic Ledger Uganda)"
    with Catalogue.open(folder) as again:
        assert read_profile(again) == UserProfile("Grace Nakato", "Civic Ledger Uganda")


def test_without_an_organisation_the_key_carries_the_name_alone(catalogue: Catalogue) -> None:
    save_profile(catalogue, UserProfile("Awa Traoré", ""))
    assert read_profile(catalogue) == UserProfile("Awa Traoré", "")
    assert catalogue.keys.own().name == "Awa Traoré"
    save_profile(catalogue, UserProfile("Awa Traoré", "CEGOL"))
    save_profile(catalogue, UserProfile("Awa Traoré", "   "))
    assert read_profile(catalogue) == UserProfile("Awa Traoré", ""), "the organisation is cleared"


@pytest.mark.parametrize(
    ("name", "organisation", "field"),
    [
        ("", "CEGOL", "name"),
        ("   \t ", "", "name"),
        ("x" * (NAME_MAX_LENGTH + 1), "", "name"),
        ("Awa", "y" * (ORGANISATION_MAX_LENGTH + 1), "organisation"),
        ("Awa\x1b[31m", "", "name"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(
    catalogue: Catalogue, name: str, organisation: str, field: str
) -> None:
    save_profile(catalogue, UserProfile("Before", "Org"))
    with pytest.raises(ValidationError) as raised:
        save_profile(catalogue, UserProfile(name, organisation))
    assert raised.value.field == field
    assert read_profile(catalogue) == UserProfile("Before", "Org")
    assert catalogue.keys.own().name == "Before (Org)"


def test_the_longest_accepted_profile_still_names_the_key(catalogue: Catalogue) -> None:
    profile = UserProfile("n" * NAME_MAX_LENGTH, "o" * ORGANISATION_MAX_LENGTH)
    save_profile(catalogue, profile)
    assert catalogue.keys.own().name == profile.signature_name
