"""RFC 9162 (Certificate Transparency 2.0) Merkle tree hashing and proofs.

Leaf hash ``SHA-256(0x00 || record)``, interior node ``SHA-256(0x01 || left ||
right)``; the tree over n leaves splits at the largest power of two below n
(MTH, RFC 9162 §2.1.1). Proof generation takes a ``subtree(start, end)``
callback so the same code serves an in-memory list and the database's stored
subtree hashes; verification is pure (§2.1.3.2 and §2.1.4.2).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

EMPTY_ROOT = hashlib.sha256(b"").digest()

SubtreeHash = Callable[[int, int], bytes]


def leaf_hash(record: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + record).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(n: int) -> int:
    """The largest power of two strictly below ``n`` (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def is_aligned(start: int, end: int) -> bool:
    """Whether [start, end) is a complete subtree the append path stores."""
    size = end - start
    return size > 0 and size & (size - 1) == 0 and start % size == 0


def root_from(subtree: SubtreeHash, size: int) -> bytes:
    return EMPTY_ROOT if size == 0 else subtree(0, size)


def mth(leaves: Sequence[bytes]) -> bytes:
    """MTH over leaf hashes (reference implementation, O(n))."""
    if not leaves:
        return EMPTY_ROOT
    if len(leaves) == 1:
        return leaves[0]
    k = split_point(len(leaves))
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


class Frontier:
    """The compact range of a growing tree: one hash per set bit of the size, left to right.

    ``append`` is O(log n) and reports the complete subtrees it closed, so a
    store can keep every aligned node without rehashing anything later.
    """

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()) -> None:
        if len(hashes) != size.bit_count():
            raise ValueError("a frontier holds one hash per set bit of the tree size")
        self.size = size
        self.hashes = list(hashes)

    def copy(self) -> Frontier:
        return Frontier(self.size, self.hashes)

    def append(self, leaf: bytes) -> list[tuple[int, int, bytes]]:
        """Add a leaf; return the (level, index, hash) of every subtree it completed."""
        closed: list[tuple[int, int, bytes]] = []
        current = leaf
        level = 0
        size = self.size
        while (size >> level) & 1:
            current = node_hash(self.hashes.pop(), current)
            level += 1
            closed.append((level, ((size + 1) >> level) - 1, current))
        self.hashes.append(current)
        self.size = size + 1
        return closed

    def root(self) -> bytes:
        if not self.hashes:
            return EMPTY_ROOT
        acc = self.hashes[-1]
        for left in reversed(self.hashes[:-1]):
            acc = node_hash(left, acc)
        return acc


class MemoryTree:
    """Leaf hashes in memory with memoised subtree hashes (for verifiers and tests)."""

    def __init__(self, leaves: Sequence[bytes]) -> None:
        self.leaves = list(leaves)
        self._memo: dict[tuple[int, int], bytes] = {}

    def subtree(self, start: int, end: int) -> bytes:
        if end - start == 1:
            return self.leaves[start]
        key = (start, end)
        if key not in self._memo:
            k = split_point(end - start)
            self._memo[key] = node_hash(
                self.subtree(start, start + k), self.subtree(start + k, end)
            )
        return self._memo[key]

    def root(self, size: int | None = None) -> bytes:
        return root_from(self.subtree, len(self.leaves) if size is None else size)


def inclusion_ranges(index: int, size: int) -> list[tuple[int, int]]:
    """The leaf ranges whose hashes form PATH(index, D[0:size]) (RFC 9162 §2.1.3.1), leaf first."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of size {size}")
    ranges: list[tuple[int, int]] = []
    start, end = 0, size
    while end - start > 1:
        k = split_point(end - start)
        if index < start + k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start += k
    ranges.reverse()
    return ranges


def inclusion_path(subtree: SubtreeHash, index: int, size: int) -> list[bytes]:
    return [subtree(start, end) for start, end in inclusion_ranges(index, size)]


def consistency_ranges(old_size: int, new_size: int) -> list[tuple[int, int]]:
    """The leaf ranges whose hashes form PROOF(old_size, D[0:new_size]) (RFC 9162 §2.1.4.1)."""
    if not 0 <= old_size <= new_size:
        raise ValueError(f"no consistency proof from {old_size} to {new_size}")
    if old_size in (0, new_size):
        return []
    ranges: list[tuple[int, int]] = []
    m, start, end, complete = old_size, 0, new_size, True
    while m != end - start:
        k = split_point(end - start)
        if m <= k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            m -= k
            start += k
            complete = False
    if not complete:
        ranges.append((start, end))
    ranges.reverse()
    return ranges


def consistency_path(subtree: SubtreeHash, old_size: int, new_size: int) -> list[bytes]:
    return [subtree(start, end) for start, end in consistency_ranges(old_size, new_size)]


def aligned_pieces(start: int, end: int) -> list[tuple[int, int]]:
    """The complete, aligned subtrees whose hashes combine into MTH(D[start:end])."""
    if is_aligned(start, end):
        return [(start, end)]
    k = split_point(end - start)
    return aligned_pieces(start, start + k) + aligned_pieces(start + k, end)


def verify_inclusion(
    leaf: bytes, index: int, size: int, path: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does ``path`` prove ``leaf`` at ``index`` in the tree ``root``?"""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, path: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: is the tree ``new_root`` an append-only extension of ``old_root``?"""
    if not 0 <= old_size <= new_size:
        return False
    if old_size == new_size:
        return not path and old_root == new_root
    if old_size == 0:
        return not path and old_root == EMPTY_ROOT
    if not path:
        return False
    proof = list(path)
    if old_size & (old_size - 1) == 0:
        proof.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0
