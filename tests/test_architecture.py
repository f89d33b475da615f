"""The domain layer stays pure: no Flask, no SQLAlchemy, so it is testable and reusable."""

import ast
from pathlib import Path

import forumapp

DOMAIN = Path(forumapp.__file__).parent / "domain"
FORBIDDEN = ("flask", "flask_sqlalchemy", "flask_login", "flask_wtf", "sqlalchemy", "werkzeug")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_imports_neither_flask_nor_sqlalchemy():
    offenders = {}
    for path in DOMAIN.rglob("*.py"):
        bad = {m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN}
        if bad:
            offenders[str(path.relative_to(DOMAIN))] = sorted(bad)
    assert offenders == {}


def test_domain_does_not_reach_into_models_or_services():
    for path in DOMAIN.rglob("*.py"):
        for module in imported_modules(path):
            assert not module.startswith(
                ("forumapp.models", "forumapp.services", "forumapp.web")
            ), f"{path.name} imports {module}"
