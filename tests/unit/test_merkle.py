"""RFC 9162 Merkle hashing and proofs (pure functions)."""

from __future__ import annotations

import pytest

from triage.audit import merkle

# RFC 6962 test vectors (certificate-transparency merkle_tree_test).
VECTOR_LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    bytes(range(0x50, 0x58)),
    bytes(range(0x60, 0x70)),
]
VECTOR_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


def _tree(n: int) -> merkle.MemoryTree:
    return merkle.MemoryTree([merkle.leaf_hash(str(i).encode()) for i in range(n)])


def _flip(value: bytes) -> bytes:
    return bytes([value[0] ^ 1]) + value[1:]


def test_mth_matches_rfc6962_vectors() -> None:
    leaves = [merkle.leaf_hash(x) for x in VECTOR_LEAVES]
    assert [merkle.mth(leaves[:n]).hex() for n in range(1, 9)] == VECTOR_ROOTS
    assert merkle.mth([]) == merkle.EMPTY_ROOT


def test_frontier_root_matches_mth_for_every_size() -> None:
    frontier = merkle.Frontier()
    leaves: list[bytes] = []
    closed_count = 0
    for i in range(70):
        leaf = merkle.leaf_hash(str(i).encode())
        leaves.append(leaf)
        closed = frontier.append(leaf)
        closed_count += len(closed)
        for level, idx, value in closed:
            size = 1 << level
            assert value == merkle.mth(leaves[idx * size : (idx + 1) * size])
        assert frontier.root() == merkle.mth(leaves)
    assert closed_count == 70 - (70).bit_count()


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 13, 33])
def test_inclusion_proofs_verify_for_every_leaf(size: int) -> None:
    tree = _tree(size)
    for index in range(size):
        path = merkle.inclusion_path(tree.subtree, index, size)
        assert merkle.verify_inclusion(tree.leaves[index], index, size, path, tree.root())


def test_inclusion_proof_fails_when_tampered() -> None:
    tree = _tree(13)
    path = merkle.inclusion_path(tree.subtree, 6, 13)
    root, leaf = tree.root(), tree.leaves[6]
    assert not merkle.verify_inclusion(leaf, 6, 13, [path[0], _flip(path[1]), *path[2:]], root)
    assert not merkle.verify_inclusion(_flip(leaf), 6, 13, path, root)
    assert not merkle.verify_inclusion(leaf, 7, 13, path, root)
    assert not merkle.verify_inclusion(leaf, 6, 17, path, root)
    assert not merkle.verify_inclusion(leaf, 6, 13, path[:-1], root)


@pytest.mark.parametrize("new_size", [1, 2, 3, 7, 8, 9, 20])
def test_consistency_proofs_verify_for_every_old_size(new_size: int) -> None:
    tree = _tree(new_size)
    for old_size in range(new_size + 1):
        path = merkle.consistency_path(tree.subtree, old_size, new_size)
        assert merkle.verify_consistency(old_size, new_size, tree.root(old_size), tree.root(), path)


def test_consistency_proof_fails_for_a_rewritten_history() -> None:
    tree = _tree(20)
    path = merkle.consistency_path(tree.subtree, 7, 20)
    forked = merkle.MemoryTree([_flip(tree.leaves[3]), *tree.leaves[1:]])
    assert not merkle.verify_consistency(7, 20, forked.root(7), tree.root(), path)
    assert not merkle.verify_consistency(7, 20, tree.root(7), tree.root(), path[:-1])
    assert not merkle.verify_consistency(7, 20, tree.root(7), tree.root(), [_flip(path[0])])
    assert not merkle.verify_consistency(20, 7, tree.root(), tree.root(7), path)


def test_proof_generation_rejects_out_of_range() -> None:
    tree = _tree(4)
    with pytest.raises(ValueError, match="not in a tree"):
        merkle.inclusion_path(tree.subtree, 4, 4)
    with pytest.raises(ValueError, match="no consistency proof"):
        merkle.consistency_path(tree.subtree, 5, 4)
