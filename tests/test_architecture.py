"""The direction of the imports, read from the source (every import, also one inside a function):
no two modules of the project import each other, directly or round a longer circle, and the
engine and the neutrality check import nothing of Django or of the apps; the check may use the
engine, the engine not the check."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("functiewaardering", "profiles", "grading", "accounts")
PURE = ("grading.engine", "grading.neutrality")  # plain Python: usable without Django, by any caller
# What a pure package may import of the project besides itself: the check reads Dutch with the
# engine's modules; the engine knows nothing of the check.
PURE_USES = {"grading.engine": (), "grading.neutrality": ("grading.engine",)}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    }


def imported_names(path: Path, module: str, modules: dict[str, Path] | None = None) -> set[str]:
    """Every module an import statement in the file names, resolved against the package. From
    `from package import module` only the module counts: the package's own code is not used."""
    modules = modules if modules is not None else project_modules()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                names.add(submodule if submodule in modules else base)
    return names


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {
        module: {name for name in imported_names(path, module, modules) if name in modules and name != module}
        for module, path in modules.items()
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def is_package_of(package: str, module: str) -> bool:
    return module.startswith(package + ".")


def is_in(package: str, module: str) -> bool:
    return module == package or is_package_of(package, module)


def test_no_two_modules_import_each_other():
    graph = import_graph()
    # A package's __init__ re-exports its modules; a module importing a sibling through the
    # package name is a circle too, so __init__ modules stay in the graph.
    assert circles(graph) == []


def test_the_circle_check_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_only_the_benchmark_commands_import_measuring_code():
    """Every module of the apps is something production runs; `manage.py benchmark_*` wrappers aside."""
    modules = project_modules()
    for module, path in modules.items():
        if "benchmarks" in {name.split(".")[0] for name in imported_names(path, module, modules)}:
            assert module.rpartition(".")[2].startswith("benchmark_") and ".management.commands." in module, module
    assert [m for m in modules if "benchmark" in m and ".management.commands." not in m] == []
    assert [m for m in modules if "hostile" in m] == []


def test_no_module_is_over_600_lines():
    """A module longer than this holds more than one concern: split it."""
    long = {module: lines for module, path in project_modules().items() if (lines := len(path.read_text().splitlines())) > 600}
    assert long == {}


def test_the_pure_packages_import_no_django_and_no_app():
    modules = project_modules()
    for module, path in modules.items():
        pure = next((p for p in PURE if is_in(p, module)), None)
        if pure is None:
            continue
        allowed = (pure, *PURE_USES[pure])
        for name in imported_names(path, module, modules):
            top = name.split(".")[0]
            assert top != "django", f"{module} imports {name}"
            if top in APPS:
                assert any(is_in(a, name) for a in allowed), f"{module} imports {name}"


def test_the_neutrality_check_uses_the_engine_and_not_the_reverse():
    graph = import_graph()
    check_uses = {n for m, names in graph.items() if is_in("grading.neutrality", m) for n in names}
    engine_uses = {n for m, names in graph.items() if is_in("grading.engine", m) for n in names}
    assert any(is_in("grading.engine", n) for n in check_uses)
    assert not any(is_in("grading.neutrality", n) for n in engine_uses)


def test_the_workflow_and_the_catalogue_do_not_import_accounts():
    """`accounts` sits on top: it uses the roles of `grading`; `grading` and `profiles` announce
    exports and erasures through `functiewaardering.audit` signals instead of importing it."""
    graph = import_graph()
    below = {m: names for m, names in graph.items() if is_in("grading", m) or is_in("profiles", m)}
    assert {m: n for m, names in below.items() for n in names if is_in("accounts", n)} == {}
