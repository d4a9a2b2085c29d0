"""An .ics calendar file for one sign-up (RFC 5545)."""
from models import Signup
from models.base import utcnow


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def _stamp(moment) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def signup_ics(signup: Signup, host: str) -> str:
    """A one-event calendar with a reminder the evening before."""
    shift = signup.shift
    activity = shift.activity
    title = activity.title + (f"（{shift.role}）" if shift.role else "")
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Doorstep//volunteers//ZH", "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:signup-{signup.id}@{host}",
        f"DTSTAMP:{_stamp(utcnow())}",
        f"DTSTART:{_stamp(shift.starts_at)}",
        f"DTEND:{_stamp(shift.ends_at)}",
        f"SUMMARY:{_escape(title)}",
        f"LOCATION:{_escape(activity.place or activity.community.name)}",
        f"DESCRIPTION:{_escape(activity.community.name + ' · ' + activity.description)}",
        "STATUS:CANCELLED" if shift.is_cancelled else "STATUS:CONFIRMED",
        "BEGIN:VALARM", "TRIGGER:-PT12H", "ACTION:DISPLAY", f"DESCRIPTION:{_escape(title)}",
        "END:VALARM", "END:VEVENT", "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
