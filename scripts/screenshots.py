#!/usr/bin/env python3
"""Take the README's phone-sized screenshots from a freshly seeded demo.

Usage: .venv/bin/python scripts/screenshots.py [NAME.png …]   (writes docs/screenshots/*.png;
with names, only those). Each shot is (file name, path, account to log in as or None).
"""
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DOORSTEP_INSTANCE"] = tempfile.mkdtemp(prefix="doorstep-shots-")
os.environ.pop("DATABASE_URL", None)

from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from app import create_app  # noqa: E402
from commands.demo import seed_demo_command  # noqa: E402

SHOTS = [
    ("home.png", "/c/liujin/", None),
    ("elder-home.png", "/c/liujin/?elder", None),
]
EXTRA = ROOT / "docs" / "screenshots" / "shots.txt"  # more lines: name path account|-


def shots() -> list[tuple[str, str, str | None]]:
    rows = list(SHOTS)
    if EXTRA.exists():
        for line in EXTRA.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                name, path, account = line.split()
                rows.append((name, path, None if account == "-" else account))
    return rows


def main() -> None:
    app = create_app({"AUTO_MIGRATE": True})
    app.test_cli_runner().invoke(seed_demo_command)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    out = ROOT / "docs" / "screenshots"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        wanted = set(sys.argv[1:])
        for name, path, account in shots():
            if wanted and name not in wanted:
                continue
            context = browser.new_context(viewport={"width": 390, "height": 844},
                                          device_scale_factor=1, is_mobile=True, locale="zh-CN")
            page = context.new_page()
            if path.endswith("?elder"):
                page.goto(base + path.removesuffix("?elder"))
                page.get_by_role("button", name="长辈版").click()
            if account:
                page.goto(f"{base}/login")
                page.get_by_label("手机号或用户名").fill(account)
                page.get_by_label("密码").fill("doorstep-demo")
                page.get_by_role("button", name="登录").click()
                page.wait_for_load_state()
            page.goto(base + path.removesuffix("?elder"))
            page.screenshot(path=str(out / name), full_page=False)
            context.close()
            print("wrote", out / name)
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
