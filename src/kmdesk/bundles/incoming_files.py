"""Copy a bundle's attachment files into the catalogue folder, before the import of its records.

Each file is streamed once from its volume, its size and SHA-256 checked while it is copied,
into a temporary file beside its final place; only a file whose hash matched is flushed to disk
and renamed under its hash. A few worker threads copy files side by side: hashing, writing and
flushing release the GIL, so one file's ``fsync`` overlaps the hashing of the next. (Copying
while the records apply was tried and is slower: the records hold the GIL, and the copying
threads then wait for it at every chunk.) On any failure or cancel the other copies stop and
the import removes the files it added.
"""

from __future__ import annotations

import os
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from kmdesk.bundles.contributions import contributions_folder
from kmdesk.i18n import _
from kmdesk.progress import CancelToken, Progress, ProgressUpdate

if TYPE_CHECKING:
    from kmdesk.bundles.importer import VerifiedBundle
    from kmdesk.bundles.manifest import Entry
    from kmdesk.catalogue.facade import Catalogue

#: Files copied at once (threads hash while others wait for their flush).
COPYING_THREADS = 3


class IncomingFiles:
    """The attachment files of one bundle, copied by worker threads (see the module)."""

    def __init__(
        self,
        catalogue: Catalogue,
        verified: VerifiedBundle,
        cancel: CancelToken,
        *,
        held: set[str],
    ) -> None:
        self._catalogue = catalogue
        self._verified = verified
        self._cancel = cancel
        self._held = held  # contributions waiting for review: they go to contributions/
        self._entries = [e for e in verified.manifest.entries if e.name.startswith("attachments/")]
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._done = 0
        self._folders: set[Path] = set()
        #: Hashes of the files this import put in the attachment store (removed on failure).
        self.added: set[str] = set()

    @property
    def count(self) -> int:
        """How many attachment entries the bundle holds."""
        return len(self._entries)

    def copy(self, progress: Progress) -> None:
        """Copy every file into place, reporting progress. On an error (the first file's in
        the bundle's order, so the message does not depend on timing) or a cancel, the other
        copies stop; :attr:`added` then names the files to remove."""
        with ThreadPoolExecutor(COPYING_THREADS, thread_name_prefix="kmdesk-copy") as pool:
            copies = [pool.submit(self._copy, entry) for entry in self._entries]
            try:
                for copy in copies:
                    while True:
                        try:
                            copy.result(timeout=0.1)
                            break
                        except TimeoutError:
                            progress(self._update())
                    progress(self._update())
            except BaseException:
                self._stop.set()
                raise

    def _update(self) -> ProgressUpdate:
        with self._lock:
            done = self._done
        return ProgressUpdate(done, len(self._entries), _("Copying attachments"))

    def _make_folder(self, folder: Path) -> None:
        """``mkdir -p`` once per folder (an ``mkdir`` of an existing folder is not free)."""
        with self._lock:
            if folder in self._folders:
                return
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)

    def _copy(self, entry: Entry) -> None:
        """Copy one entry to its place (nothing when the file is already there)."""
        if self._stop.is_set():
            return
        self._cancel.raise_if_cancelled()
        store = self._catalogue.attachments
        held = entry.sha256 in self._held
        if held:
            target = contributions_folder(self._catalogue) / entry.sha256
        else:
            target = store.path_for(entry.sha256)
        if not target.exists():
            self._make_folder(target.parent)
            handle, name_on_disk = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
            temporary = Path(name_on_disk)
            try:
                with os.fdopen(handle, "wb") as out:
                    self._verified.volume_of(entry.name).copy_entry(
                        entry.name, out, expected_size=entry.size, expected_sha256=entry.sha256
                    )
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temporary, target)
                if not held:
                    with self._lock:
                        self.added.add(entry.sha256)
            finally:
                temporary.unlink(missing_ok=True)
        with self._lock:
            self._done += 1
