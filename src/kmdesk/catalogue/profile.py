"""The user of this installation: their name and organisation.

Notes, ratings and bundles say who made them. The desktop app asks for the name (and optionally
the organisation) on first start and stores both in the catalogue's local settings
(``kmdesk_meta``, never synced: another installation has its own user). Saving a profile also
names this installation's signing key, so that a partner comparing fingerprints sees a person
and an organisation rather than a bare key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kmdesk.db.models import Meta
from kmdesk.errors import ValidationError
from kmdesk.i18n import _
from kmdesk.validation import text

if TYPE_CHECKING:
    from kmdesk.catalogue.facade import Catalogue

META_USER_NAME = "user_name"
META_USER_ORGANISATION = "user_organisation"

#: Longest accepted name and organisation, in characters; together with " (...)" they fit the
#: 200 characters a key's name may have.
NAME_MAX_LENGTH = 80
ORGANISATION_MAX_LENGTH = 110


@dataclass(frozen=True, slots=True)
class UserProfile:
    """Who uses this installation: a name (required) and an organisation ("" when none)."""

    name: str
    organisation: str = ""

    @property
    def signature_name(self) -> str:
        """The name this installation's key carries: "Name (Organisation)" or just "Name"."""
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


def clean_profile(name: object, organisation: object = "") -> UserProfile:
    """A :class:`UserProfile` from what was typed: trimmed, spaces collapsed, lengths checked.

    Raises :class:`~kmdesk.errors.ValidationError` with ``field`` ``"name"`` or
    ``"organisation"`` so that a form can put the message beside the right field.
    """
    clean_name = text("name", name, required=True, max_length=NAME_MAX_LENGTH)
    if clean_name is None:  # pragma: no cover - text() raises for a required blank value
        raise ValidationError("name", name, _("is required"))
    clean_organisation = text(
        "organisation", organisation or None, max_length=ORGANISATION_MAX_LENGTH
    )
    return UserProfile(clean_name, clean_organisation or "")


def read_profile(catalogue: Catalogue) -> UserProfile | None:
    """The saved profile of this catalogue's user, or ``None`` before the first start."""
    with catalogue.reading() as session:
        name = session.get(Meta, META_USER_NAME)
        organisation = session.get(Meta, META_USER_ORGANISATION)
        if name is None or not name.value.strip():
            return None
        return UserProfile(name.value, organisation.value if organisation else "")


def save_profile(catalogue: Catalogue, profile: UserProfile) -> UserProfile:
    """Check and store ``profile``, and name the signing key after it; returns what was stored.

    Nothing is written when a field is refused (:class:`~kmdesk.errors.ValidationError`) or the
    catalogue is read-only (:class:`~kmdesk.errors.ReadOnlyCatalogueError`).
    """
    clean = clean_profile(profile.name, profile.organisation)
    catalogue.write_meta({META_USER_NAME: clean.name, META_USER_ORGANISATION: clean.organisation})
    catalogue.keys.set_own_name(clean.signature_name)
    return clean
