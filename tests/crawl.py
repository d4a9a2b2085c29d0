"""One crawler for the tests that walk the site as a visitor would: follow links, each page once."""
import re
from collections import deque

PUBLIC_LINKS = re.compile(r'href="(/(?:c|me)/[^"#]*)"')
ALL_LINKS = re.compile(r'href="(/(?:c|staff|partner|me)/[^"#]*)"')


def walk(client, starts, links=PUBLIC_LINKS, limit: int = 400):
    """Yield (path, html) for every HTML page reachable from `starts` by `links`, each once.

    Downloads (PDF, calendar files) are not followed; at most `limit` addresses are queued.
    """
    seen, queue = set(starts), deque(starts)
    while queue:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        yield path, html
        for link in links.findall(html):
            link = link.replace("&amp;", "&")
            if link not in seen and len(seen) < limit and not link.endswith((".pdf", ".ics")):
                seen.add(link)
                queue.append(link)
