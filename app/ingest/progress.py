"""Progress of long runs: a live bar (count, rate, time left) on a terminal, plain log lines
every few seconds otherwise (CI logs, pipes)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

_LOG_EVERY_SECONDS = 5.0
# Time left is estimated from the rate after the first results (the first ones wait for the
# language model to load, which would make a long run look like hours) once this many are in.
_ESTIMATE_AFTER = 5


class Reporter:
    """Counts outcomes, prints one line per problem, and shows progress."""

    def __init__(
        self,
        total: int | None,
        stream: TextIO | None = None,
        quiet: bool = False,
        log_every_seconds: float = _LOG_EVERY_SECONDS,
    ) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.ingested = self.duplicates = self.failed = 0
        self.started = time.monotonic()
        self._first_done: float | None = None
        self.extraction: str | None = None  # how busy the extraction processes were, if several
        self._last_log = self.started
        self._quiet = quiet
        self._log_every = log_every_seconds
        self._progress: Progress | None = None
        if not quiet and self.stream.isatty():
            self._progress = Progress(
                TextColumn("ingesting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f}/s"),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                transient=True,
            )
            self._task = self._progress.add_task("ingest", total=total, rate=0.0)
            self._progress.start()

    @property
    def done(self) -> int:
        return self.ingested + self.duplicates + self.failed

    def line(self, message: str) -> None:
        if self._progress:
            self._progress.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=self.stream, flush=True)

    def stored(self, origin: str, article_id: int) -> None:
        self.ingested += 1
        self._tick()

    def duplicate(self, origin: str, reason: str | None) -> None:
        self.duplicates += 1
        self._tick()

    def error(self, message: str) -> None:
        self.failed += 1
        self.line(f"error: {message}")
        self._tick()

    def _tick(self) -> None:
        now = time.monotonic()
        if self._first_done is None:
            self._first_done = now
        rate = (self.done - 1) / max(now - self._first_done, 1e-6) if self.done > 1 else 0.0
        if self._progress:
            self._progress.update(self._task, completed=self.done, rate=rate)
        elif not self._quiet and now - self._last_log >= self._log_every:
            self._last_log = now
            of = f"/{self.total}" if self.total else ""
            self.line(f"progress: {self.done}{of} inputs, {rate:.1f}/s{self._time_left(rate)}")

    def _time_left(self, rate: float) -> str:
        if not self.total:
            return ""
        if self.done < _ESTIMATE_AFTER or rate <= 0:
            return ", estimating the time left"
        seconds = max(self.total - self.done, 0) / rate
        return f", about {seconds / 60:.0f} min left" if seconds >= 90 else f", about {seconds:.0f} s left"

    def close(self) -> str:
        if self._progress:
            self._progress.stop()
        seconds = time.monotonic() - self.started
        summary = (
            f"{self.ingested} ingested, {self.duplicates} duplicates, {self.failed} failed in {seconds:.1f} s"
        )
        if self.ingested == 0 and self.failed == 0 and self.duplicates:
            summary += " (nothing new to store)"
        if self.extraction:
            summary += f"\n{self.extraction}"
        return summary
