"""A package's names imported from their modules when first asked for.

``reader.library`` and ``reader.store`` list their public names, each with the
module that defines it, and get the module-level ``__getattr__`` and
``__dir__`` (PEP 562) from :func:`lazy_names`, so importing the package
imports none of those modules until one of its names is used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(
    package: str, where: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for ``package``: each name in ``where``
    (name -> module) is imported from ``package.<module>`` when first asked
    for and kept in ``namespace`` (the package's globals), so it is looked
    up only once."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *where})

    return __getattr__, __dir__
