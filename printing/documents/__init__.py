"""Document builders; importing this package registers every document."""
from printing.documents import (  # noqa: F401
    certificate,
    issue_reports,
    opinion_box,
    services,
    signin_sheet,
)
