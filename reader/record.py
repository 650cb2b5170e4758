"""Frozen records that cost nothing to define: a base for plain classes.

``@dataclass(frozen=True)`` writes each class's ``__init__``, ``__eq__``,
``__hash__``, ``__repr__`` and ``__setattr__`` as source text and compiles
it when the module is imported: about half a millisecond a class, some
10 ms of every start for the records the first screen needs. A
:class:`Frozen` subclass names its fields in ``__slots__`` and writes its
own ``__init__`` (setting each field with ``object.__setattr__``, as a
frozen dataclass's does); this base gives it the rest, behaving as the
frozen dataclass did:

- equal when of the same class with equal fields (``NotImplemented`` for
  anything else), hashed by the fields;
- ``repr`` ``Name(field=value, ...)``;
- assigning or deleting a field raises
  :class:`dataclasses.FrozenInstanceError`;
- ``__match_args__`` the fields, ``replace(**changes)`` a copy with some
  fields changed, ``as_dict()`` the fields by name (values as they are).

The fields are the ``__slots__`` of the class and its bases, in order.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from operator import attrgetter
from typing import Any, ClassVar


class Frozen:
    """Base of a frozen record; see the module's documentation."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: list[str] = []
        for klass in reversed(cls.__mro__):
            slots = klass.__dict__.get("__slots__", ())
            fields.extend((slots,) if isinstance(slots, str) else slots)
        cls._fields = tuple(fields)
        cls.__match_args__ = cls._fields
        # The fields' values as one tuple, read in C.
        getter = attrgetter(*fields) if fields else (lambda record: ())
        cls._values = staticmethod(
            (lambda record: (getter(record),)) if len(fields) == 1 else getter
        )

    @staticmethod
    def _values(record: Frozen) -> tuple:  # set for each subclass
        return ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values(self) == self._values(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={value!r}"
            for name, value in zip(self._fields, self._values(self), strict=True)
        )
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __copy__(self) -> Frozen:
        return self  # immutable: a copy is the record itself

    def __deepcopy__(self, memo: dict) -> Frozen:
        from copy import deepcopy

        return self.__class__(*(deepcopy(value, memo) for value in self._values(self)))

    def __reduce__(self) -> tuple:
        return (self.__class__, self._values(self))

    def as_dict(self) -> dict[str, Any]:
        """The fields by name, their values as they are (not copied)."""
        return dict(zip(self._fields, self._values(self), strict=True))

    def replace(self, **changes: Any) -> Frozen:
        """A copy with ``changes`` (field name to value) applied."""
        unknown = set(changes) - set(self._fields)
        if unknown:
            raise TypeError(f"{self.__class__.__name__} has no field {sorted(unknown)[0]!r}")
        return self.__class__(**{**self.as_dict(), **changes})
