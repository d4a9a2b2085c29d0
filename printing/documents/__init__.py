"""Document builders; importing this package registers every document."""
from printing.documents import opinion_box  # noqa: F401
