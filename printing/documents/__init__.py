"""Document builders; importing this package registers every document."""
from printing.documents import certificate, opinion_box, services, signin_sheet  # noqa: F401
