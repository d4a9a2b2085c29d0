"""A bounded, thread-safe least-recently-used map, by entries and by bytes (one per process).

Shared by the page cache (blueprints/core/pagecache.py) and the PDFs a worker keeps
(printing/cache.py): gthread workers serve several requests at once, hence the lock.
"""
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class BoundedLRU(Generic[V]):
    """At most `max_entries` values of at most `max_bytes` in all (`size` measures one);
    the least recently read or written go first."""

    def __init__(self, max_entries: int, max_bytes: int, size: Callable[[V], int] = len):
        self.max_entries, self.max_bytes, self.size_of = max_entries, max_bytes, size
        self._entries: OrderedDict[Hashable, V] = OrderedDict()
        self.size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            if (old := self._entries.pop(key, None)) is not None:
                self.size -= self.size_of(old)
            self._entries[key] = value
            self.size += self.size_of(value)
            while len(self._entries) > self.max_entries or self.size > self.max_bytes:
                _key, dropped = self._entries.popitem(last=False)
                self.size -= self.size_of(dropped)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0
