"""What of a timeline may leave the console: public notes, with mobile numbers masked."""
from blueprints.core.privacy import mask_numbers  # noqa: F401  (the issue pages' helper)

# Status moves whose note is the reason given to the reporter and the public.
REASON_MOVES = ("rejected", "duplicate")


def public_note(event) -> bool:
    """A staff note leaves the console only when marked public, or as the reason of a refusal."""
    if event.by_reporter or not event.note:
        return False
    return event.public_note or (event.kind == "status" and event.to_status in REASON_MOVES)


def photo_visible(event, reporter: bool = False) -> bool:
    """Outside the console a photo shows exactly when its line of the timeline does.

    The report's own photos go with the issue; the reporter's comment photos only to the
    reporter (through the follow link); a staff note's only when the note is public.
    """
    if event is None or event.kind == "created":
        return True
    if event.by_reporter:
        return reporter
    return public_note(event)
