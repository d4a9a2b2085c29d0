"""Per-request hooks: the locale, security headers and cache hints."""
from flask import Flask, request
from flask_babel import refresh

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


def register(app: Flask) -> None:
    """Install the request hooks."""

    @app.before_request
    def fresh_locale():
        # Flask-Babel caches the locale on the app context, which an outer
        # context (CLI, tests) may share across requests: decide it per request.
        refresh()

    @app.after_request
    def add_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "geolocation=(), microphone=()"
        if app.config["SESSION_COOKIE_SECURE"]:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        # The same URL answers with a page or a fragment: caches must keep both.
        response.vary.add("HX-Request")
        if request.endpoint and not request.endpoint.endswith("static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response
