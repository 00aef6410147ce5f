"""Mapped index files are read in place: a ViewReader behaves like BytesIO without the copy."""

from __future__ import annotations

import io
import mmap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh.filedb.structfile import BufferFile

from kmdesk.catalogue import Catalogue
from kmdesk.search import index, mapped

operations = st.lists(
    st.one_of(
        st.tuples(st.just("read"), st.integers(-1, 40)),
        st.tuples(st.just("readline"), st.integers(-1, 40)),
        st.tuples(st.just("readinto"), st.integers(0, 40)),
        st.tuples(st.just("seek"), st.integers(0, 80), st.sampled_from([0, 1, 2])),
    ),
    max_size=30,
)


@given(data=st.binary(max_size=60).map(lambda b: b.replace(b"x", b"\n")), steps=operations)
def test_a_view_reader_reads_like_bytesio(data: bytes, steps: list[tuple[object, ...]]) -> None:
    reference, view = io.BytesIO(data), mapped.ViewReader(memoryview(data))
    for step in steps:
        name = step[0]
        if name == "seek":
            offset, whence = int(str(step[1])), int(str(step[2]))
            offset = offset if whence == 0 else offset - 40
            try:
                expected = reference.seek(offset, whence)
            except ValueError:
                with pytest.raises(ValueError):
                    view.seek(offset, whence)
                continue
            assert view.seek(offset, whence) == expected
        elif name == "readinto":
            size = int(str(step[1]))
            a, b = bytearray(size), bytearray(size)
            assert view.readinto(b) == reference.readinto(a)
            assert a == b
        else:
            size = int(str(step[1]))
            assert getattr(view, name)(size) == getattr(reference, name)(size)
        assert view.tell() == reference.tell()
    assert list(mapped.ViewReader(memoryview(data))) == list(io.BytesIO(data))


def test_buffer_files_over_a_map_do_not_copy_it(tmp_path: Path) -> None:
    path = tmp_path / "segment.bin"
    path.write_bytes(bytes(range(256)) * 64)
    with path.open("rb") as handle:
        source = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    _read_through(source)
    source.close()  # no view is left behind: the map can close


def _read_through(source: mmap.mmap) -> None:
    assert index.MEMORY_MAPS  # and importing the index installed the in-place reading:
    buffer_file = BufferFile(memoryview(source)[256:1024], name="postings")
    assert isinstance(buffer_file.file, mapped.ViewReader)  # not a BytesIO copy
    buffer_file.seek(10)
    assert buffer_file.read(3) == bytes([10, 11, 12])
    part = buffer_file.subset(100, 50)
    assert part.get(0, 4) == bytes([100, 101, 102, 103])
    part.close()
    buffer_file.close()


def test_a_catalogue_searches_through_the_maps(tmp_path: Path) -> None:
    with Catalogue.open(tmp_path / "c") as catalogue:
        catalogue.products.add({"title": "Seed banks in Gulu", "product_type": "guide"})
        catalogue.ensure_index()
    with Catalogue.open(tmp_path / "c") as catalogue:  # a new searcher over the mapped files
        assert [hit.title for hit in catalogue.search("seed").hits] == ["Seed banks in Gulu"]
