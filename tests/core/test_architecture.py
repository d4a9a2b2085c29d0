"""The layout of docs/architecture.md, checked: who may import whom, where transactions end."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BLUEPRINTS = ROOT / "blueprints"


def _imports(path: Path) -> set[str]:
    """Every module a file imports, as dotted names (from-imports include the names)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _route_modules() -> list[Path]:
    return [p for p in BLUEPRINTS.rglob("*.py") if p.name.endswith("routes.py")
            or p.parent.name == "partner" and p.name in ("offers.py", "teams.py")]


def test_only_a_packages_init_imports_its_route_modules():
    routes = {".".join(p.relative_to(ROOT).with_suffix("").parts) for p in _route_modules()}
    for path in BLUEPRINTS.rglob("*.py"):
        if path.name == "__init__.py":
            continue
        wrong = _imports(path) & routes
        assert not wrong, f"{path.relative_to(ROOT)} imports route modules {wrong}"


def test_printing_knows_no_domain():
    for path in (ROOT / "printing").rglob("*.py"):
        wrong = {name for name in _imports(path) if name.startswith("blueprints")}
        assert not wrong, f"{path.relative_to(ROOT)} imports {wrong}"


def test_routes_never_commit_or_roll_back():
    for path in _route_modules():
        text = path.read_text()
        assert "db.session.rollback" not in text and "db.session.commit" not in text, path.name


def test_the_offers_domain_has_its_glossary_name():
    assert (BLUEPRINTS / "offers" / "services.py").exists()
    assert not (BLUEPRINTS / "services").exists()
    assert not (ROOT / "templates" / "services").exists()


def test_every_blueprint_is_defined_in_its_packages_init():
    for path in BLUEPRINTS.rglob("*.py"):
        if path.name != "__init__.py":
            assert not re.search(r"= Blueprint\(", path.read_text()), f"{path.relative_to(ROOT)} defines a blueprint"


def test_every_htmx_event_sent_has_a_listener():
    """An HX-Trigger nobody listens for is noise: each event name a route sends is heard somewhere."""
    sent = set()
    for path in BLUEPRINTS.rglob("*.py"):
        text = path.read_text()
        sent |= set(re.findall(r'announce\("([a-z-]+)"\)', text))
        sent |= set(re.findall(r'hx_trigger="([a-z-]+)"', text))
        sent |= set(re.findall(r'"HX-Trigger": "([a-z-]+)"', text))
    listeners = "".join(p.read_text() for p in [*(ROOT / "templates").rglob("*.html"),
                                                 *(ROOT / "static" / "js").glob("*.js")])
    assert sent, "no events found: has the helper changed its name?"
    for event in sent:
        assert re.search(rf'hx-trigger="[^"]*\b{event} from:body', listeners), f"nobody listens for {event}"


def test_templates_ask_named_rules_not_status_tuples_or_role_literals():
    """`issue.is_open`, `signup.can_check_in`, `has_role("staff")` — not the lists behind them."""
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"status in \(", text), f"{path.relative_to(ROOT)} types a status tuple"
        assert not re.search(r"current_user\.role\s*(in|==|!=)", text), f"{path.relative_to(ROOT)} compares roles"
