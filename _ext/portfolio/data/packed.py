"""Data saved with Sphinx's environment as one block of bytes, decoded when first used.

Sphinx unpickles the whole environment at the start of every build. The records and parsed
entries are most of it (some 40 MB at 10,000 entries), and a build in which no data file changed
never looks at them: kept as bytes, they cost a copy instead of a second of unpickling.
"""

from __future__ import annotations

import pickle
from typing import Any, ClassVar

_BLOB = "_packed"


class Packed:
    """Mixin: the attributes named in :attr:`packed_attributes` (all of them when it is empty)
    are pickled as one block of bytes, and unpickled on the first access to any of them. An
    object that was never unpacked is saved again with the same bytes."""

    packed_attributes: ClassVar[tuple[str, ...]] = ()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        if _BLOB not in state:
            names = self.packed_attributes or tuple(state)
            packed = {name: state.pop(name) for name in names if name in state}
            state[_BLOB] = pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes not set: the packed ones, until they are unpacked.
        wanted = name in self.packed_attributes if self.packed_attributes \
            else not name.startswith("__")
        blob = self.__dict__.pop(_BLOB, None) if wanted else None
        if blob is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self.__dict__.update(pickle.loads(blob))
        return getattr(self, name)
