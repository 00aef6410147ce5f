"""The Whoosh index on disk: one writer, one long-lived searcher, safe rebuilds.

* Changes go through :meth:`SearchIndex.apply` with ``update_document`` on the unique ``id``;
  small commits do not merge segments (a merge runs only when segments pile up).
* A rebuild writes a *new* index beside the current one (with several processes) and swaps the
  folders at the end, so a cancelled or crashed rebuild leaves the old index as it was.
* ``kmdesk-index.json`` beside the segments records the schema version and the catalogue
  fingerprint the index matches, written after each commit: when it is missing or differs, the
  catalogue compares ids and change sequence numbers and repairs what differs.
* Anything that goes wrong reading the index (missing, damaged, another schema) makes
  :meth:`open` return ``False``; the caller rebuilds.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

from kmdesk.progress import CancelToken, Progress, ProgressUpdate, no_progress
from kmdesk.search import mapped
from kmdesk.search.schema import SCHEMA_VERSION, build_schema

mapped.install()

STATE_FILE = "kmdesk-index.json"
#: Read segment files through memory maps (in place: :func:`kmdesk.search.mapped.install`).
MEMORY_MAPS = True
#: More segments than this and the next commit merges the small ones.
MAX_SEGMENTS = 12
#: Memory per writer process during a rebuild, in MB.
REBUILD_MEMORY_MB = 256


class SearchIndex:
    """The index folder of one catalogue."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._index: FileIndex | None = None
        self._searcher: Searcher | None = None
        self._lock = threading.RLock()

    # -- opening -------------------------------------------------------------------------------

    def open(self) -> bool:
        """Open the index; ``False`` when it is missing, damaged or of another schema version."""
        with self._lock:
            self.close()
            try:
                if self.read_state().get("schema") != SCHEMA_VERSION:
                    return False
                if not whoosh_index.exists_in(str(self.directory)):
                    return False
                # Memory maps, read in place (see kmdesk.search.mapped): the speed of maps
                # without whoosh-reloaded's copy of every mapped file into the heap.
                storage = FileStorage(str(self.directory), supports_mmap=MEMORY_MAPS)
                opened = storage.open_index()
                searcher = opened.searcher()
                searcher.doc_count()  # touches the segment files
                self._index, self._searcher = opened, searcher
                return True
            except Exception:  # any damage shows up as some exception from Whoosh
                self.close()
                return False

    @property
    def is_open(self) -> bool:
        """Whether the index is open and usable."""
        return self._index is not None

    def close(self) -> None:
        """Release the searcher and the index (before swapping or deleting folders)."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._index = None

    # -- state ---------------------------------------------------------------------------------

    def read_state(self) -> dict[str, Any]:
        """The recorded schema version and catalogue fingerprint ({} when unreadable)."""
        try:
            data = json.loads((self.directory / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write_state(self, fingerprint: dict[str, Any], directory: Path | None = None) -> None:
        """Record that the index now matches ``fingerprint`` (atomically)."""
        target = (directory or self.directory) / STATE_FILE
        partial = target.with_suffix(".partial")
        partial.write_text(
            json.dumps({"schema": SCHEMA_VERSION, "fingerprint": fingerprint}), encoding="utf-8"
        )
        os.replace(partial, target)

    def forget_state(self) -> None:
        """Say the index matches nothing known (before a change that might not finish)."""
        (self.directory / STATE_FILE).unlink(missing_ok=True)

    # -- reading -------------------------------------------------------------------------------

    @contextmanager
    def searching(self) -> Iterator[Searcher]:
        """The long-lived searcher, for one search at a time."""
        with self._lock:
            if self._searcher is None:
                raise RuntimeError("the search index is not open")
            yield self._searcher

    def indexed_changes(self) -> dict[str, str]:
        """Product id → local change sequence number of every document, to compare."""
        with self.searching() as searcher:
            return {
                fields["id"]: fields.get("seq", "")
                for fields in searcher.reader().all_stored_fields()
            }

    @staticmethod
    def _fresh_searcher(index: FileIndex, current: Searcher) -> Searcher:
        """A searcher on the index as just committed.

        A new searcher rather than ``Searcher.refresh()``: the latter reuses segment readers and
        with whoosh-reloaded 2.7.5 can keep a segment's old deletions (or fail on an empty index).
        """
        current.close()
        return index.searcher()

    def document_count(self) -> int:
        """How many products the index holds."""
        with self.searching() as searcher:
            return int(searcher.doc_count())

    # -- writing -------------------------------------------------------------------------------

    def apply(
        self,
        documents: Iterable[dict[str, Any]],
        deleted_ids: Iterable[str],
        fingerprint: dict[str, Any] | None,
    ) -> None:
        """Add or replace documents and delete others in one commit, then refresh the searcher."""
        with self._lock:
            if self._index is None:
                raise RuntimeError("the search index is not open")
            writer: SegmentWriter = self._index.writer(timeout=10.0)
            try:
                for document in documents:
                    writer.update_document(**document)
                for product_id in deleted_ids:
                    writer.delete_by_term("id", product_id)
            except BaseException:
                writer.cancel()
                raise
            assert self._searcher is not None
            merge = len(self._searcher.reader().leaf_readers()) >= MAX_SEGMENTS
            writer.commit(merge=merge)
            self._searcher = self._fresh_searcher(self._index, self._searcher)
            if fingerprint is not None:
                self.write_state(fingerprint)

    def rebuild(
        self,
        documents: Iterable[dict[str, Any]],
        total: int,
        fingerprint: dict[str, Any],
        *,
        processes: int = 1,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> None:
        """Write a complete new index from ``documents`` and put it in place of the old one."""
        token = cancel or CancelToken()
        fresh = self.directory.with_name(self.directory.name + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        try:
            created = whoosh_index.create_in(str(fresh), build_schema())
            if processes > 1:
                writer = created.writer(
                    procs=processes, limitmb=REBUILD_MEMORY_MB, multisegment=True
                )
            else:
                writer = created.writer(limitmb=REBUILD_MEMORY_MB)
            try:
                for done, document in enumerate(documents, start=1):
                    token.raise_if_cancelled()
                    writer.add_document(**document)
                    if done % 100 == 0 or done == total:
                        progress(ProgressUpdate(done, total, "Indexing"))
                token.raise_if_cancelled()
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            self.write_state(fingerprint, fresh)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        with self._lock:
            self.close()
            old = self.directory.with_name(self.directory.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            if self.directory.exists():
                os.replace(self.directory, old)
            os.replace(fresh, self.directory)
            shutil.rmtree(old, ignore_errors=True)
            if not self.open():
                raise RuntimeError("the rebuilt search index cannot be opened")
