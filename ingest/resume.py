"""Where a live hashtag read left off: instaloader's `FrozenNodeIterator`, kept on disk.

Saved after every stored post (atomically), so even `kill -9` loses at most one post of
progress; a resumed iterator may yield that last post again, which storage deduplicates by
shortcode. The file name carries the iterator's `magic` (query + logged-in account), so a state
is only ever thawed into the iteration it came from; a stale or broken state is dropped.
"""

from __future__ import annotations

import contextlib
import json
import lzma
import os
from datetime import datetime
from pathlib import Path

import instaloader
from instaloader import FrozenNodeIterator, NodeIterator


class ResumeState:
    def __init__(self, folder: Path, name: str, iterator: NodeIterator) -> None:
        safe = "".join(char if char.isalnum() or char in "-_" else "_" for char in name)
        self.path = folder / f"{safe}-{iterator.magic}.json.xz"
        self.iterator = iterator
        self.note: str | None = None  # why an existing state was not used, for the summary

    def restore(self, context: instaloader.InstaloaderContext) -> bool:
        """Thaw a saved state into the fresh iterator; False (and note why) if there is none."""
        if not self.path.is_file():
            return False
        try:
            frozen = instaloader.load_structure_from_file(context, str(self.path))
            if not isinstance(frozen, FrozenNodeIterator):
                raise instaloader.InvalidArgumentException("not a resume state")
            if frozen.best_before and datetime.fromtimestamp(frozen.best_before) < datetime.now():
                raise instaloader.InvalidArgumentException("older than Instagram keeps cursors")
            self.iterator.thaw(frozen)
        except (
            instaloader.InvalidArgumentException,
            lzma.LZMAError,
            json.JSONDecodeError,
            EOFError,
            OSError,
            TypeError,
        ) as error:
            self.note = f"Started afresh: the saved position could not be used ({error})."
            self.clear()
            return False
        return True

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.part.xz")
        instaloader.save_structure_to_file(self.iterator.freeze(), str(temp))
        os.replace(temp, self.path)

    def clear(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
