"""Ed25519 keys: this installation's key pair, public key files, fingerprints people can compare.

Each installation makes a key pair on first start. The private key stays in the catalogue folder
(``keys/installation.key``, readable by its owner only) and never travels; the public key
travels in a small JSON key file (``.kmkey``) or with a bundle. Before a curator's key is
trusted, the user compares its **fingerprint** with the curator's, over the phone: six groups of
five digits taken from the SHA-256 of the public key (about 100 bits).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kmdesk.errors import KmdeskError
from kmdesk.i18n import _

KEYS_DIR = "keys"
PRIVATE_KEY_FILE = "installation.key"
KEY_FILE_FORMAT = "kmdesk-public-key"
KEY_FILE_VERSION = 1
#: A key file is a few hundred bytes; anything much larger is not one.
MAX_KEY_FILE_BYTES = 16 * 1024
_GROUPS = 6
_GROUP_DIGITS = 5


class KeyFileError(KmdeskError):
    """A key file or key that cannot be used; the message names the problem."""


@dataclass(frozen=True, slots=True)
class PublicKey:
    """A public key with what people call it."""

    raw: bytes
    name: str = ""
    installation: str = ""

    @property
    def fingerprint(self) -> str:
        """``12345 67890 …``: what two people read to each other to compare keys."""
        return fingerprint(self.raw)

    @property
    def key_id(self) -> str:
        """The SHA-256 of the key, hex: how the catalogue names a trusted key."""
        return hashlib.sha256(self.raw).hexdigest()

    def verify(self, signature: bytes, data: bytes) -> bool:
        """Whether ``signature`` is this key's signature of ``data``."""
        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, data)
        except (InvalidSignature, ValueError):
            return False
        return True

    def to_file_bytes(self) -> bytes:
        """The key as a ``.kmkey`` file (JSON, UTF-8)."""
        data = {
            "format": KEY_FILE_FORMAT,
            "version": KEY_FILE_VERSION,
            "algorithm": "ed25519",
            "public_key": base64.b64encode(self.raw).decode("ascii"),
            "fingerprint": self.fingerprint,
            "name": self.name,
            "installation": self.installation,
        }
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def fingerprint(raw: bytes) -> str:
    """Six groups of five digits from the SHA-256 of a public key."""
    number = int.from_bytes(hashlib.sha256(raw).digest()[:13], "big")
    digits = str(number % 10 ** (_GROUPS * _GROUP_DIGITS)).zfill(_GROUPS * _GROUP_DIGITS)
    return " ".join(digits[i : i + _GROUP_DIGITS] for i in range(0, len(digits), _GROUP_DIGITS))


def read_key_file(data: bytes, source: str) -> PublicKey:
    """A public key from a ``.kmkey`` file's bytes; a :class:`KeyFileError` names the problem."""
    if len(data) > MAX_KEY_FILE_BYTES:
        raise KeyFileError(_("{source} is too large to be a key file").format(source=source))
    try:
        content: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise KeyFileError(_("{source} is not a kmdesk key file").format(source=source)) from None
    if not isinstance(content, dict) or content.get("format") != KEY_FILE_FORMAT:
        raise KeyFileError(_("{source} is not a kmdesk key file").format(source=source))
    if content.get("version") != KEY_FILE_VERSION or content.get("algorithm") != "ed25519":
        raise KeyFileError(
            _("{source} is a key file of a version or kind this kmdesk does not know").format(
                source=source
            )
        )
    try:
        raw = base64.b64decode(str(content.get("public_key", "")), validate=True)
        Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        raise KeyFileError(
            _("{source} holds no valid Ed25519 public key").format(source=source)
        ) from None
    name, installation = content.get("name", ""), content.get("installation", "")
    if not isinstance(name, str) or not isinstance(installation, str) or len(name) > 200:
        raise KeyFileError(_("{source}: the key's name is not valid text").format(source=source))
    key = PublicKey(raw, name.strip(), installation.strip())
    stated = content.get("fingerprint")
    if stated is not None and stated != key.fingerprint:
        raise KeyFileError(
            _("{source}: the fingerprint written in the file does not match its key").format(
                source=source
            )
        )
    return key


class InstallationKey:
    """This installation's key pair, kept in the catalogue folder."""

    def __init__(self, private: Ed25519PrivateKey) -> None:
        self._private = private

    @classmethod
    def load_or_create(cls, folder: Path, *, create: bool) -> InstallationKey | None:
        """The key pair in ``folder/keys``, made (when ``create``) on first start."""
        path = folder / KEYS_DIR / PRIVATE_KEY_FILE
        if path.is_file():
            try:
                private = serialization.load_pem_private_key(path.read_bytes(), password=None)
            except (ValueError, TypeError):
                raise KeyFileError(
                    _("the installation key {path} is damaged").format(path=path)
                ) from None
            if not isinstance(private, Ed25519PrivateKey):
                raise KeyFileError(
                    _("the installation key {path} is not Ed25519").format(path=path)
                )
            return cls(private)
        if not create:
            return None
        return cls.create(folder)

    @classmethod
    def create(cls, folder: Path) -> InstallationKey:
        """Make a new key pair in ``folder/keys``, replacing any (a copied folder's own key)."""
        private = Ed25519PrivateKey.generate()
        data = private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        directory = folder / KEYS_DIR
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".key-")
        try:
            os.fchmod(handle, 0o600)
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, directory / PRIVATE_KEY_FILE)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
        return cls(private)

    def public(self, *, name: str = "", installation: str = "") -> PublicKey:
        """The public half, with the name people know this installation by."""
        raw = self._private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return PublicKey(raw, name, installation)

    def sign(self, data: bytes) -> bytes:
        """The Ed25519 signature of ``data``."""
        return self._private.sign(data)
