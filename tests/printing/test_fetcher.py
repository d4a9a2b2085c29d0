"""Printing never reaches the network: only data: URIs and static files."""
import pytest

from printing.fetcher import STATIC_PREFIX, StaticOnlyFetcher


@pytest.fixture
def fetcher(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "x.css").write_text("p{}")
    (tmp_path.parent / "secret.txt").write_text("no")
    return StaticOnlyFetcher(str(tmp_path))


def test_static_files_are_served(fetcher):
    assert fetcher.fetch(STATIC_PREFIX + "css/x.css").read() == b"p{}"


@pytest.mark.parametrize("url", ["http://example.com/x.png", "file:///etc/passwd",
                                 STATIC_PREFIX + "../secret.txt", STATIC_PREFIX + "missing.css"])
def test_everything_else_is_refused(fetcher, url):
    with pytest.raises(ValueError):
        fetcher.fetch(url)


def test_data_uris_work(fetcher):
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
