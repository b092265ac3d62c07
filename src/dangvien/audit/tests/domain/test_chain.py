"""The pure hash chain: any edit, removal or reordering is caught at the right entry."""

from __future__ import annotations

from dataclasses import replace

from dangvien.audit.domain.chain import GENESIS, ChainLink, link_hash, verify_links

KEY = b"k" * 32


def _chain(n: int) -> list[ChainLink]:
    links, previous = [], GENESIS
    for seq in range(1, n + 1):
        link = ChainLink(
            seq=seq,
            at=f"2026-01-01T00:00:{seq:02d}+00:00",
            user_id=7,
            username="xa.anphu",
            action="view",
            object_type="person",
            object_id=str(seq),
            org_id=3,
            ip="127.0.0.1",
            channel="web",
            detail={"b": [1, 2], "a": "Bình"},
            prev_hash=previous,
            row_id=seq * 10,
        )
        link = replace(link, entry_hash=link_hash(link, KEY))
        links.append(link)
        previous = link.entry_hash
    return links


def test_an_untouched_chain_verifies():
    links = _chain(5)
    report = verify_links(links, KEY, head=(5, links[-1].entry_hash))
    assert report.ok
    assert report.checked == 5


def test_an_edited_detail_is_caught_at_that_entry():
    links = _chain(5)
    links[2] = replace(links[2], detail={"a": "An"})
    report = verify_links(links, KEY)
    assert report.broken is not None
    assert report.broken.seq == 3
    assert report.broken.row_id == 30
    assert "bị sửa" in report.broken.reason


def test_a_removed_entry_is_caught_as_a_gap():
    links = _chain(5)
    del links[1]
    report = verify_links(links, KEY)
    assert report.broken is not None
    assert report.broken.seq == 2
    assert "bị xóa" in report.broken.reason


def test_entries_cut_from_the_end_are_caught_by_the_head():
    links = _chain(5)
    report = verify_links(links[:3], KEY, head=(5, links[-1].entry_hash))
    assert report.broken is not None
    assert report.broken.seq == 4


def test_a_chain_rebuilt_without_the_key_does_not_verify():
    links = _chain(3)
    forged, previous = [], GENESIS
    for original in links:
        emptied = replace(original, prev_hash=previous, detail={})
        resealed = replace(emptied, entry_hash=link_hash(emptied, b"wrong key"))
        forged.append(resealed)
        previous = resealed.entry_hash
    assert not verify_links(forged, KEY).ok


def test_key_order_inside_detail_does_not_matter():
    link = _chain(1)[0]
    reordered = replace(link, detail={"a": "Bình", "b": [1, 2]})
    assert link_hash(link, KEY) == link_hash(reordered, KEY)
