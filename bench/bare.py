"""The yardstick: a bare Flask page (one Jinja template of about 20 KB, no database).

`make bench` serves it with the same gunicorn settings as the app and reports every page
as a share of this page's requests per second.
"""
from flask import Flask, render_template

app = Flask(__name__)
ITEMS = [{"id": n, "title": f"便民服务项目 {n}", "partner": f"共建单位 {n % 17}",
          "benefit": "凭身份证享受九折优惠，每月一次", "open": n % 3 != 0} for n in range(45)]


@app.get("/")
def page():
    """A list page of 45 cards, like the checklist, from memory."""
    return render_template("bare.html", items=ITEMS, community="流津社区")
