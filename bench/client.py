"""A small HTTP client that keeps its cookies: logging in, reading the CSRF token, posting."""
import http.client
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


class Browser:
    """One keep-alive connection and a cookie jar, like one phone."""

    def __init__(self, base: str, address: str | None = None):
        parts = urlsplit(base)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        self.cookies: dict[str, str] = {}
        self.address = address  # sent as X-Forwarded-For: this phone's own IP

    def request(self, method: str, path: str, form: dict | None = None,
                headers: dict | None = None) -> tuple[int, dict, bytes]:
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = self.cookie_header()
        if self.address:
            sent["X-Forwarded-For"] = self.address
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=sent)
        response = self.connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["expires"] and "1970" in morsel["expires"] or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, dict(response.headers), data

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, form: dict, **kwargs):
        return self.request("POST", path, form=form, **kwargs)

    def csrf_token(self, path: str = "/login") -> str:
        """The session's CSRF token, read from a page like a browser's htmx would."""
        status, _headers, body = self.get(path)
        found = CSRF_META.search(body.decode())
        if status != 200 or not found:
            raise RuntimeError(f"no CSRF token on {path} ({status})")
        return found.group(1)

    def log_in(self, username: str, password: str) -> None:
        token = self.csrf_token("/login")
        status, headers, _body = self.post("/login", {"csrf_token": token, "identifier": username,
                                                      "password": password})
        if status not in (302, 303) or "/staff" not in headers.get("Location", ""):
            raise RuntimeError(f"login as {username} failed ({status})")

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def close(self) -> None:
        self.connection.close()
