"""What is made when first asked for, not when its module is imported.

``reader.library`` and ``reader.store`` list their public names, each with the
module that defines it, and get the module-level ``__getattr__`` and
``__dir__`` (PEP 562) from :func:`lazy_names`, so importing the package
imports none of those modules until one of its names is used.

:class:`LazyPattern` is a module's regular expression compiled when first
used: compiling costs about as much as importing the module, and most runs
use few of them (``limelight search`` prints ASCII titles through
:mod:`reader.library.sanitize` without any); :class:`LazyModule` a module
imported when first used (:mod:`json` by the search index).
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


class LazyPattern:
    """``re.compile(pattern, flags)`` when one of its attributes (``search``,
    ``sub``, ``finditer``...) is first asked for; each is then kept on this
    object, so later uses cost what they cost on the compiled pattern."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and the like: not a pattern's
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            import re

            compiled = self.__dict__["_compiled"] = re.compile(*self._source)
        value = getattr(compiled, name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r}, {self._source[1]!r})"


class LazyModule:
    """The module ``name``, imported when one of its attributes is first
    asked for; each is then kept on this object."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):
            raise AttributeError(attr)
        value = getattr(import_module(self._name), attr)
        self.__dict__[attr] = value
        return value

    def __repr__(self) -> str:
        return f"LazyModule({self._name!r})"
