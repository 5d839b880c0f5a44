"""Import LanceDB without the REST client it never uses here: ~1.5 s saved on every CLI run and app start.

``import lancedb`` pulls in ``lance_namespace_urllib3_client``, a generated OpenAPI client whose package
``__init__`` imports nine API modules and ~400 pydantic models (1.6 s of the 2.2 s import on this 2-core
machine, measured with ``python -X importtime``). LanceDB itself only needs a few of those models, for
its optional namespace support, which album never uses: an embedded library has no server.

:func:`import_lancedb` registers that client package and its ``models`` package without running their
``__init__`` files; the submodules LanceDB names are then imported one by one as usual. The first use of
a name the skipped ``__init__`` would have defined runs it then, so nothing can break, only get slower.
If the package is not installed, or a LanceDB release stops importing it, this does nothing.

A probe for a special name the ``__init__`` files do not define is answered without running them: in the
app, PySide6's import hook looks at every new module (``inspect.unwrap`` asks for ``__wrapped__``), which
ran the client's ``__init__`` anyway and cost the window's first answer ~0.5 s (2026-11-27).
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType
from typing import Any

LAZY_PACKAGES = ("lance_namespace_urllib3_client", "lance_namespace_urllib3_client.models")
INIT_SPECIAL_NAMES = frozenset({"__all__", "__version__"})  # the only special names those __init__ files define


def import_lancedb() -> ModuleType:
    """``import lancedb``, with the namespace client's package ``__init__`` files deferred."""
    if "lancedb" not in sys.modules:
        for name in LAZY_PACKAGES:
            _defer_package_init(name)
    import lancedb

    return lancedb


def _defer_package_init(name: str) -> None:
    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except ImportError:  # the parent package is missing
        return
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        return
    package = importlib.util.module_from_spec(spec)  # has __path__, so its submodules import normally
    loader = spec.loader

    def first_use(attribute: str) -> Any:
        """Module-level ``__getattr__`` (PEP 562): a name only ``__init__`` defines → run it, once."""
        if attribute.startswith("__") and attribute.endswith("__") and attribute not in INIT_SPECIAL_NAMES:
            raise AttributeError(f"module {name!r} has no attribute {attribute!r}")
        del package.__getattr__
        loader.exec_module(package)
        return getattr(package, attribute)

    package.__getattr__ = first_use  # type: ignore[method-assign]
    sys.modules[name] = package
    parent, _, child = name.rpartition(".")
    if parent in sys.modules:  # what the import system does for a submodule it loads itself
        setattr(sys.modules[parent], child, package)
