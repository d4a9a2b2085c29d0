"""Document builders; importing this package registers every document."""
from printing.documents import certificate, opinion_box, signin_sheet  # noqa: F401
