"""Jinja's gettext callables, with the translations looked up once per request and locale.

Flask-Babel's own callables look the catalogue up on every `_()` (about 15 µs through
its context proxies), and a staff page says `_()` hundreds of times. The catalogue is
kept in Flask-Babel's per-context state, keyed by that state's locale, so
`force_locale` (PDFs and messages in the recipient's language) still switches it.
"""
from flask import g
from flask_babel import get_translations


def page_translations():
    """This context's translations for its current locale."""
    state = g.get("_flask_babel")  # Flask-Babel's per-context state (locale, domain)
    locale = getattr(state, "babel_locale", None)
    if locale is None:  # not chosen yet in this context: let Flask-Babel choose it
        translations = get_translations()
        state = g.get("_flask_babel")
        locale = getattr(state, "babel_locale", None)
        if locale is None:
            return translations
    known = state.__dict__.setdefault("doorstep_translations", {})
    if (translations := known.get(locale)) is None:
        translations = known[locale] = get_translations()
    return translations


def install(env) -> None:
    """Replace the callables Flask-Babel installed (before privacy.install wraps them)."""
    env.install_gettext_callables(
        gettext=lambda s: page_translations().ugettext(s),
        ngettext=lambda s, p, n: page_translations().ungettext(s, p, n),
        pgettext=lambda c, s: page_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: page_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
