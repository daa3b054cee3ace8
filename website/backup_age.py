"""Encryption of backup archives with age (https://age-encryption.org), through pyrage.

An archive holds every account's password hash and TOTP secret, so where it is kept off the
server it should be unreadable without a key that is not on the server. The backup side needs
only the public key (``BACKUP_AGE_RECIPIENT``: ``age1…`` made by ``age-keygen``, or an
``ssh-ed25519``/``ssh-rsa`` public key; several separated by commas); the private key
(``BACKUP_AGE_IDENTITY_FILE``) is needed only to restore. The archives are ordinary age files:
``age -d -i key.txt x.tar.gz.age > x.tar.gz`` opens one without this code.
"""

from __future__ import annotations

from pathlib import Path

import pyrage
from pyrage import ssh, x25519

SUFFIX = ".age"
MAGIC = (b"age-encryption.org/v1\n", b"-----BEGIN AGE ENCRYPTED FILE-----")


class AgeError(Exception):
    """A key that cannot be used, or an archive that cannot be decrypted."""


def parse_recipients(value: str) -> list:
    """The public keys in ``value``; refuses an empty or malformed one rather than skip it."""
    items = [item.strip() for item in value.replace("\n", ",").split(",") if item.strip()]
    if not items:
        raise AgeError(
            "BACKUP_AGE_RECIPIENT är satt men tom: ange en publik age-nyckel (age1…) "
            "eller ta bort variabeln. Inget okrypterat arkiv skrivs."
        )
    recipients = []
    for item in items:
        try:
            if item.startswith("ssh-"):
                recipients.append(ssh.Recipient.from_str(item))
            else:
                recipients.append(x25519.Recipient.from_str(item))
        except pyrage.RecipientError as exc:
            raise AgeError(
                f"BACKUP_AGE_RECIPIENT är ogiltig ({item[:16]}…: {exc}). "
                "Inget okrypterat arkiv skrivs."
            ) from exc
    return recipients


def load_identities(path: str | Path) -> list:
    """The private keys in an age identity file (``age-keygen -o``) or an SSH private key."""
    path = Path(path)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise AgeError(f"Nyckelfilen {path} går inte att läsa: {exc}") from exc
    lines = content.decode("utf-8", "replace").splitlines()
    keys = [line.strip() for line in lines if line.strip().startswith("AGE-SECRET-KEY-")]
    try:
        if keys:
            return [x25519.Identity.from_str(key) for key in keys]
        return [ssh.Identity.from_buffer(content)]
    except (pyrage.IdentityError, ValueError) as exc:
        raise AgeError(
            f"Nyckelfilen {path} innehåller ingen användbar age- eller SSH-nyckel"
        ) from exc


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as handle:
        start = handle.read(64)
    return start.startswith(MAGIC)


def encrypt(source: Path, target: Path, recipients: list) -> None:
    try:
        pyrage.encrypt_file(str(source), str(target), recipients)
    except pyrage.EncryptError as exc:
        raise AgeError(f"Krypteringen misslyckades: {exc}") from exc


def decrypt(source: Path, target: Path, identity_file: str | Path) -> None:
    identities = load_identities(identity_file)
    try:
        pyrage.decrypt_file(str(source), str(target), identities)
    except pyrage.DecryptError as exc:
        raise AgeError(
            f"Arkivet går inte att dekryptera med nyckeln i {identity_file}: {exc}"
        ) from exc
