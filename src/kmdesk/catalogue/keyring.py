"""``catalogue.keys``: this installation's signing key and the keys it trusts.

A curator's public key becomes trusted by importing their key file (``kmdesk keys trust``) after
comparing its fingerprint with theirs, or (with the bundle issue) on a first bundle. Revoking a
key keeps it listed, so a bundle signed by it is refused with a message that says so.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from kmdesk.db.models import Meta, TrustedKey
from kmdesk.errors import NotFoundError, ReadOnlyCatalogueError, ValidationError
from kmdesk.i18n import _
from kmdesk.trust.keys import InstallationKey, PublicKey, read_key_file
from kmdesk.validation import text

if TYPE_CHECKING:
    from kmdesk.catalogue.facade import Catalogue

_META_KEY_NAME = "key_name"


@dataclass(frozen=True, slots=True)
class TrustedKeyRecord:
    """A key this installation knows, as listed by ``kmdesk keys list``."""

    key_id: str
    fingerprint: str
    name: str
    installation: str
    added: str
    revoked: str | None

    @property
    def trusted(self) -> bool:
        """Whether bundles signed by this key are accepted."""
        return self.revoked is None


class Keyring:
    """This installation's key pair and the public keys it trusts."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue
        self._own: InstallationKey | None = None

    def ensure_own_key(self, *, renew: bool = False) -> None:
        """Make this installation's key pair on first start (or anew, for a copied folder)."""
        folder = self._catalogue.folder
        if renew:
            self._own = InstallationKey.create(folder)
        else:
            self._own = InstallationKey.load_or_create(folder, create=True)

    def own(self) -> PublicKey:
        """This installation's public key, with the name it is exported under."""
        if self._own is None:
            self._own = InstallationKey.load_or_create(self._catalogue.folder, create=False)
        if self._own is None:
            raise ReadOnlyCatalogueError(
                str(self._catalogue.folder), _("it has no installation key yet")
            )
        with self._catalogue.reading() as session:
            row = session.get(Meta, _META_KEY_NAME)
            name = row.value if row else ""
        return self._own.public(name=name, installation=self._catalogue.installation_id)

    def sign(self, data: bytes) -> bytes:
        """Sign ``data`` with this installation's private key."""
        self.own()
        assert self._own is not None
        return self._own.sign(data)

    def set_own_name(self, name: str) -> None:
        """The name this installation's key carries (a person or an organisation)."""
        clean = text("name", name, required=True, max_length=200) or ""
        self._catalogue.write_meta({_META_KEY_NAME: clean})

    def export(self) -> bytes:
        """This installation's public key as a ``.kmkey`` file."""
        return self.own().to_file_bytes()

    def read(self, data: bytes, source: str) -> PublicKey:
        """A key file's key, checked (for showing its fingerprint before trusting it)."""
        return read_key_file(data, source)

    def trust(self, key: PublicKey, *, name: str | None = None) -> TrustedKeyRecord:
        """Trust ``key`` (again, if it was revoked); ``name`` overrides the key file's.

        A key trusted before keeps the name it was given here unless ``name`` is passed.
        """
        if key.raw == self.own().raw:
            raise ValidationError("key", key.fingerprint, _("is this installation's own key"))
        label = text("name", name if name is not None else key.name, max_length=200) or ""
        with self._catalogue.meta_transaction() as session:
            row = session.get(TrustedKey, key.key_id)
            if row is None:
                row = TrustedKey(
                    id=key.key_id,
                    public_key=base64.b64encode(key.raw).decode("ascii"),
                    installation=key.installation,
                    added=_now(),
                    name=label,
                )
                session.add(row)
            elif name is not None:
                row.name = label  # a known key keeps the name given here, unless renamed
            row.revoked = None
        return self.get(key.key_id)

    def rename(self, reference: str, name: str) -> TrustedKeyRecord:
        """Give a trusted key another name."""
        label = text("name", name, required=True, max_length=200) or ""
        with self._catalogue.meta_transaction() as session:
            row = self._find(session, reference)
            row.name = label
            key_id = row.id
        return self.get(key_id)

    def revoke(self, reference: str) -> TrustedKeyRecord:
        """Stop trusting a key: bundles signed by it are refused from now on."""
        with self._catalogue.meta_transaction() as session:
            row = self._find(session, reference)
            row.revoked = row.revoked or _now()
            key_id = row.id
        return self.get(key_id)

    def get(self, reference: str) -> TrustedKeyRecord:
        """A known key by id, fingerprint (with or without spaces) or name."""
        with self._catalogue.reading() as session:
            return _record(self._find(session, reference))

    def all(self) -> list[TrustedKeyRecord]:
        """Every known key, trusted first, then by name."""
        with self._catalogue.reading() as session:
            records = [_record(row) for row in session.scalars(select(TrustedKey))]
        return sorted(records, key=lambda r: (not r.trusted, r.name.casefold(), r.key_id))

    def trusted_key(self, raw: bytes) -> TrustedKeyRecord | None:
        """The record of ``raw`` if this installation knows it (trusted or revoked)."""
        key_id = PublicKey(raw).key_id
        with self._catalogue.reading() as session:
            row = session.get(TrustedKey, key_id)
            return _record(row) if row is not None else None

    @staticmethod
    def _find(session: Session, reference: str) -> TrustedKey:
        wanted = reference.strip()
        digits = wanted.replace(" ", "")
        for row in session.scalars(select(TrustedKey)):
            key = PublicKey(base64.b64decode(row.public_key))
            if wanted in (row.id, row.name) or (
                digits.isdigit() and key.fingerprint.replace(" ", "") == digits
            ):
                return row
        raise NotFoundError(_("trusted key"), reference)


def _record(row: TrustedKey) -> TrustedKeyRecord:
    key = PublicKey(base64.b64decode(row.public_key))
    return TrustedKeyRecord(
        row.id, key.fingerprint, row.name, row.installation, row.added, row.revoked
    )


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
