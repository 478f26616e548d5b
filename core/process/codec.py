"""Plain-data encoding of the protocol's messages: JSON, with NumPy arrays as dtype, shape and bytes.

The app never unpickles what the kernel sends: the kernel runs untrusted code
and may be compromised, and unpickling runs whatever code the bytes name.
Here decoding builds only the dataclasses it is given (the protocol's own),
checks every field against the type annotations, builds arrays only of plain
numeric dtypes and bounded size, and refuses anything else with
:class:`ProtocolError`, which the client treats as a dead kernel.

A frame on the pipe is a 4-byte big-endian length, then that many bytes of
UTF-8 JSON. Dataclasses are ``{"$t": name, "f": {field: value}}``, arrays
``{"$a": [dtype, shape, base64]}``, dicts ``{"$d": {key: value}}``; lists and
tuples are JSON arrays, and the annotation says which one to build.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import math
import struct
import types
import typing
from collections.abc import Iterable
from typing import IO, Any

import numpy as np

MAX_FRAME_BYTES = 64 * 1024 * 1024
MAX_ARRAY_ELEMENTS = 1_000_000
MAX_ARRAY_DIMENSIONS = 8
ARRAY_DTYPES = frozenset({"float64", "float32", "int64", "int32", "uint8", "bool"})
_LENGTH = struct.Struct(">I")


class ProtocolError(Exception):
    """A frame that is not a well-formed message of the protocol."""


# ----- encoding ---------------------------------------------------------------------------------
def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$t": type(value).__name__, "f": fields}
    if isinstance(value, np.ndarray):
        array = np.asarray(value, order="C")  # not ascontiguousarray: it makes a 0-d array 1-d
        if array.dtype.name not in ARRAY_DTYPES:
            array = array.astype(np.float64)
        data = base64.b64encode(array.tobytes()).decode("ascii")
        return {"$a": [array.dtype.name, list(array.shape), data]}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {"$d": {str(key): _plain(item) for key, item in value.items()}}
    if isinstance(value, np.generic):
        return value.item()
    return value


def encode(message: Any) -> bytes:
    """Return ``message`` (a protocol dataclass) as one frame."""
    body = json.dumps(_plain(message), separators=(",", ":")).encode("utf-8")
    if len(body) > MAX_FRAME_BYTES:
        raise ProtocolError(f"a message of {len(body):,} bytes is larger than the protocol allows")
    return _LENGTH.pack(len(body)) + body


# ----- decoding ---------------------------------------------------------------------------------
def read_frame(stream: IO[bytes]) -> bytes:
    """Read one frame's body; raise EOFError at a clean end, ProtocolError on a bad frame."""
    header = stream.read(_LENGTH.size)
    if not header:
        raise EOFError
    if len(header) != _LENGTH.size:
        raise ProtocolError("the stream ended inside a frame header")
    (length,) = _LENGTH.unpack(header)
    if length > MAX_FRAME_BYTES:
        raise ProtocolError(f"a frame of {length:,} bytes is larger than the protocol allows")
    body = stream.read(length)
    if len(body) != length:
        raise ProtocolError("the stream ended inside a frame")
    return body


class Decoder:
    """Decode frames into the dataclasses named in ``message_types`` and the types their fields use."""

    def __init__(self, message_types: Iterable[type]) -> None:
        self.message_types = {cls.__name__: cls for cls in message_types}
        self._hints: dict[type, dict[str, Any]] = {}

    def decode(self, body: bytes) -> Any:
        """Return the message in ``body``; raise ProtocolError for anything malformed or unknown."""
        try:
            data = json.loads(body.decode("utf-8"))
            name = data["$t"] if isinstance(data, dict) else None
            cls = self.message_types.get(name) if isinstance(name, str) else None
            if cls is None:
                raise ProtocolError(f"not a message of the protocol: {str(name)[:40]!r}")
            return self._value(data, cls)
        except ProtocolError:
            raise
        except (ValueError, TypeError, KeyError, RecursionError) as exc:  # JSON, UTF-8, shapes
            raise ProtocolError(f"unreadable message ({type(exc).__name__})") from None

    def _value(self, data: Any, hint: Any) -> Any:  # noqa: PLR0911 - one return per kind of type
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            return self._union(data, typing.get_args(hint))
        if hint is type(None):
            return _expect(data, data is None, "None")
        if hint in (str, bool):
            return _expect(data, type(data) is hint, hint.__name__)
        if hint is int:
            return _expect(data, type(data) is int, "int")
        if hint is float:
            return float(_expect(data, type(data) in (int, float), "float"))
        if hint is np.ndarray:
            return _array(data)
        if origin in (tuple, list):
            return self._sequence(data, hint, origin)
        if origin is dict:
            key_type, value_type = typing.get_args(hint)
            items = _expect(_marked(data, "$d"), isinstance(_marked(data, "$d"), dict), "dict")
            return {self._value(k, key_type): self._value(v, value_type) for k, v in items.items()}
        if dataclasses.is_dataclass(hint):
            return self._dataclass(data, hint)
        raise ProtocolError(f"the protocol has no values of type {hint!r}")

    def _union(self, data: Any, options: tuple[Any, ...]) -> Any:
        if data is None and type(None) in options:
            return None
        name = data.get("$t") if isinstance(data, dict) else None
        named = [
            o for o in options if isinstance(o, type) and dataclasses.is_dataclass(o) and o.__name__ == name
        ]
        candidates = named or [o for o in options if o is not type(None)]
        errors = []
        for option in candidates:
            try:
                return self._value(data, option)
            except ProtocolError as exc:
                errors.append(exc)
        raise errors[0] if len(errors) == 1 else ProtocolError("a value of none of the expected types")

    def _sequence(self, data: Any, hint: Any, origin: type) -> tuple[Any, ...] | list[Any]:
        _expect(data, isinstance(data, list), "list")
        args = typing.get_args(hint)
        if origin is list or (len(args) == 2 and args[1] is Ellipsis):  # noqa: PLR2004 - tuple[X, ...]
            items = [self._value(item, args[0]) for item in data]
        else:
            _expect(data, len(data) == len(args), f"{len(args)} items")
            items = [self._value(item, arg) for item, arg in zip(data, args, strict=True)]
        return items if origin is list else tuple(items)

    def _dataclass(self, data: Any, cls: Any) -> Any:
        if (
            not isinstance(data, dict)
            or data.get("$t") != cls.__name__
            or not isinstance(data.get("f"), dict)
        ):
            raise ProtocolError(f"expected a {cls.__name__}")
        hints = self._hints.get(cls)
        if hints is None:
            hints = self._hints[cls] = typing.get_type_hints(cls)
        names = {f.name for f in dataclasses.fields(cls)}
        if set(data["f"]) != names:
            raise ProtocolError(f"a {cls.__name__} with the wrong fields")
        return cls(**{name: self._value(data["f"][name], hints[name]) for name in names})


def _expect(data: Any, ok: bool, what: str) -> Any:
    if not ok:
        raise ProtocolError(f"expected {what}, got {type(data).__name__}")
    return data


def _marked(data: Any, mark: str) -> Any:
    return data.get(mark) if isinstance(data, dict) and len(data) == 1 else None


def _array(data: Any) -> np.ndarray:
    spec = _marked(data, "$a")
    if not (isinstance(spec, list) and len(spec) == 3):  # noqa: PLR2004 - dtype, shape, data
        raise ProtocolError("expected an array")
    dtype, shape, text = spec
    if dtype not in ARRAY_DTYPES or not isinstance(shape, list) or not isinstance(text, str):
        raise ProtocolError("an array of a kind the protocol does not carry")
    if len(shape) > MAX_ARRAY_DIMENSIONS or not all(type(n) is int and n >= 0 for n in shape):
        raise ProtocolError("an array with an impossible shape")
    count = math.prod(shape)
    if count > MAX_ARRAY_ELEMENTS:
        raise ProtocolError("an array larger than the protocol allows")
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ProtocolError("an array whose data is not base64") from None
    if len(raw) != count * np.dtype(dtype).itemsize:
        raise ProtocolError("an array whose data does not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
