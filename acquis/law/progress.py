"""A tqdm progress bar per input file, for the ``acquis law`` and ``acquis rncp`` commands (console only)."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from acquis.law.parsing.records import ProgressCallback

#: Below this size a bar would only flicker.
LARGE_FILE = 256 * 1024


class TqdmProgress:
    """Callable given to the import service: returns a per-file callback fed (done, total)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar: tqdm | None = None

    def __call__(self, path: Path, kind: str) -> ProgressCallback | None:
        try:
            size = path.stat().st_size
        except OSError:
            self.close()
            return None
        return self.for_size(path.name, size)

    def for_size(self, name: str, size: int) -> ProgressCallback | None:
        """A bar for a file known by name and size (a ZIP member has no path to stat)."""
        self.close()
        if size < LARGE_FILE:
            return None
        bar = tqdm(total=size, desc=name, unit="o", unit_scale=True, file=self.stream, leave=False)
        self.bar = bar

        def update(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        return update

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
