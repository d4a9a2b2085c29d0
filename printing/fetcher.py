"""A URL fetcher that never reaches the network (CONVENTIONS §18)."""
from pathlib import Path

from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_PREFIX = "https://doorstep.invalid/static/"
BASE_URL = "https://doorstep.invalid/"


class StaticOnlyFetcher(URLFetcher):
    """Serves data: URIs and the app's own static files; refuses everything else."""

    def __init__(self, static_folder: str):
        super().__init__(allowed_protocols={"data", "https"})
        self.static_root = Path(static_folder).resolve()

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(STATIC_PREFIX):
            path = (self.static_root / url.removeprefix(STATIC_PREFIX)).resolve()
            if path.is_relative_to(self.static_root) and path.is_file():
                return URLFetcherResponse(url, path.read_bytes())
        raise ValueError(f"printing may not fetch {url}")
