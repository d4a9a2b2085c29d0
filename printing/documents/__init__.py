"""Document builders; importing this package registers every document."""
from printing.documents import opinion_box  # noqa: F401
from printing.documents import issue_reports  # noqa: F401
