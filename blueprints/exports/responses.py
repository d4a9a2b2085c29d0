"""A streamed export as a download response, shared by the exports page and the change log."""
from collections.abc import Iterator

from flask import Response, stream_with_context

MIMETYPES = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def download(chunks: Iterator[bytes], name: str, file_format: str) -> Response:
    """The chunks streamed as an attachment called `name`, never cached."""
    response = Response(stream_with_context(chunks), mimetype=MIMETYPES[file_format])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response
