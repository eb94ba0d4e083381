"""Per-text results computed once: notes repeat boilerplate sentences across cases, and a
batch often holds the same sentence many times, so each distinct text is computed once
per call and recent texts are remembered (LRU)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import numpy as np
import numpy.typing as npt

T = TypeVar("T", bound=np.generic)


class TextMemo(Generic[T]):
    """One row per text; `compute` sees only the distinct texts not remembered."""

    def __init__(self, width: int, dtype: type[T], max_size: int) -> None:
        self.width = width
        self.dtype = dtype
        self.max_size = max_size
        self._rows: OrderedDict[str, npt.NDArray[T]] = OrderedDict()
        self._lock = threading.Lock()

    def rows(
        self, texts: Sequence[str], compute: Callable[[list[str]], npt.NDArray[T]]
    ) -> npt.NDArray[T]:
        out = np.zeros((len(texts), self.width), dtype=self.dtype)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for i, text in enumerate(texts):
                hit = self._rows.get(text)
                if hit is None:
                    missing.setdefault(text, []).append(i)
                else:
                    self._rows.move_to_end(text)
                    out[i] = hit
        if missing:
            fresh = compute(list(missing))
            with self._lock:
                for row, (text, at) in zip(fresh, missing.items(), strict=True):
                    out[at] = row
                    self._rows[text] = row
                while len(self._rows) > self.max_size:
                    self._rows.popitem(last=False)
        return out
