"""Error pages that also answer htmx requests with a message in place."""
import re

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException, InternalServerError

from blueprints.htmx import is_partial
from extensions import db

# Control characters other than tab, line feed and carriage return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _messages() -> dict[int, tuple[str, str]]:
    """Titles and explanations per status, translated at request time."""
    return {
        400: (_("请求无效"), _("提交的内容无法处理，请返回重试。")),
        401: (_("请先登录"), _("这个页面需要登录后才能查看。")),
        403: (_("没有权限"), _("您的账号不能查看或修改这部分内容。")),
        404: (_("页面不存在"), _("链接可能已失效，或者内容已被删除。")),
        405: (_("请求无效"), _("提交的内容无法处理，请返回重试。")),
        413: (_("文件太大"), _("上传的内容超过了大小限制。")),
        429: (_("操作太频繁"), _("请稍等一分钟再试。")),
        500: (_("系统出错了"), _("我们已记录这个问题，请稍后再试。")),
    }


def render_error(code: int, detail: str | None = None):
    """A full error page, or for htmx a message swapped into the flash area."""
    messages = _messages()
    title, text = messages.get(code, messages[500 if code >= 500 else 400])
    text = detail or text
    if is_partial():
        body = render_template("partials/error_message.html", code=code, title=title, text=text)
        # Errors never land inside the small target that asked; they go to the flash area.
        return body, code, {"HX-Retarget": "#flash-messages", "HX-Reswap": "innerHTML"}
    return render_template("errors/error.html", code=code, title=title, text=text), code


def register(app: Flask) -> None:
    """Install the handlers on the app."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, _("页面已过期，请刷新后重新提交。"))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        response = app.make_response(render_error(error.code or 500))
        if allow := dict(error.get_headers()).get("Allow"):
            response.headers["Allow"] = allow  # a 405 says which methods work
        return response

    @app.before_request
    def refuse_control_characters():
        """One check for all submitted text: NUL and other control characters never reach the
        database (PostgreSQL refuses NUL outright) or a page. Tabs and line breaks are text."""
        values = [request.path, *request.args.values()]
        if request.method == "POST" and request.mimetype != "application/json":
            values += request.form.values()
        if any(CONTROL.search(value) for value in values):
            return render_error(400, _("提交的内容里有不可见的控制字符，请删掉后重试。"))
        return None

    @app.errorhandler(OverflowError)
    @app.errorhandler(DataError)
    def out_of_range(error):
        """The last guard behind the fields and converters of core/fields.py: a value the
        database cannot hold is the visitor's mistake (400), not the server's."""
        db.session.rollback()
        app.logger.warning("value out of range reached the database: %s", error)
        return render_error(400, _("数字或日期超出了可以处理的范围。"))

    @app.errorhandler(InternalServerError)
    def server_error(error):
        return render_error(500)
