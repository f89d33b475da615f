"""The pure rules stay pure: no Flask, no SQLAlchemy, so they are testable and reusable."""

import ast
from pathlib import Path

import forumapp

PACKAGE = Path(forumapp.__file__).parent
# The pure rules of each feature (the import-linter contracts in pyproject.toml say the same).
PURE = (
    "b2b/solver",
    "b2b/agenda_rules.py",
    "core/localized.py",
    "core/table_files.py",
    "core/timezones.py",
    "people/table.py",
    "programme/rules",
    "visits/rules",
)
PURE_MODULES = tuple("forumapp." + name.removesuffix(".py").replace("/", ".") for name in PURE)
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


def pure_files() -> list[Path]:
    files = []
    for name in PURE:
        path = PACKAGE / name
        assert path.exists(), name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def test_pure_rules_import_neither_flask_nor_sqlalchemy():
    offenders = {}
    for path in pure_files():
        bad = {m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN}
        if bad:
            offenders[str(path.relative_to(PACKAGE))] = sorted(bad)
    assert offenders == {}


def test_pure_rules_import_only_pure_rules():
    for path in pure_files():
        for module in imported_modules(path):
            if module.startswith("forumapp"):
                assert module.startswith(PURE_MODULES), f"{path.name} imports {module}"
