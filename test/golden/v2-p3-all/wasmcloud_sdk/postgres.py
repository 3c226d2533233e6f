"""PostgreSQL from a wasmCloud component, over wasmcloud:postgres/query: SQL with bound parameters, rows as tuples.

    from wasmcloud_sdk import postgres

    postgres.execute("INSERT INTO visits (path) VALUES ($1)", path)
    [(count,)] = postgres.query("SELECT count(*) FROM visits WHERE path = $1", path)

Parameters are always bound ($1, $2, ... in the SQL, the values separately), never spliced into the SQL text.
A statement the database refuses, or a host that cannot reach it, raises DatabaseError with the host's message.
The host (the connection, its credentials, the database) is configured outside the component.

Python values sent as parameters:

| Python                               | PostgreSQL (pg-value)                                        |
|--------------------------------------|--------------------------------------------------------------|
| None                                 | NULL                                                         |
| bool (checked before int)            | bool                                                         |
| int (-2**63 .. 2**63-1)              | int8 (bigint); outside that range: ValueError (use Decimal)  |
| float (not NaN: the host has no NaN) | float8, sent as the WIT's (mantissa, exponent, sign)         |
| str                                  | text                                                         |
| bytes, bytearray                     | bytea                                                        |
| Decimal (finite)                     | numeric, as its exact decimal text ("1.50" stays "1.50")     |
| date                                 | date                                                         |
| time (naive; aware: time-tz)         | time, as (hour, min, sec, micro)                             |
| datetime, naive                      | timestamp, as (date, time)                                   |
| datetime, aware                      | timestamptz: converted to UTC, offset 0                      |
| UUID                                 | uuid, as its text                                            |
| dict, list                           | jsonb, as json.dumps text (NaN/Infinity: ValueError)         |

Anything else raises TypeError. The host binds each value as that type: where a column has another type, cast the
parameter in the SQL (`WHERE id = $1::int8`, `VALUES ($1::int4)`), or cast a result column (`SELECT x::text`).

Values coming back, each row a tuple in column order:

| PostgreSQL (pg-value)                                       | Python                                             |
|-------------------------------------------------------------|----------------------------------------------------|
| null                                                        | None                                               |
| int2, int4, int8, serial*, small/big-int, txid-snapshot     | int                                                |
| bool, boolean                                               | bool                                               |
| float8, double                                              | float (inf and -0.0 included)                      |
| float4, real                                                | float, the shortest that is the same float4 (0.1)|
| numeric, decimal                                            | Decimal (exact)                                    |
| money                                                       | str (its text depends on the server's locale)      |
| text, name, xml, ts-query, inet, cidr; char, varchar        | str (char/varchar bytes decoded as UTF-8)          |
| bytea                                                       | bytes                                              |
| bit, varbit                                                 | str of "0"/"1", as PostgreSQL prints it            |
| date                                                        | date (infinity: date.max, -infinity: date.min)     |
| time; time-tz                                               | time; time with its offset (tz-aware)              |
| timestamp                                                   | naive datetime (infinities: datetime.max/min)      |
| timestamptz (local date/time and its offset)                | aware datetime in UTC                              |
| uuid                                                        | UUID                                               |
| json, jsonb                                                 | the parsed value (json.loads)                      |
| hstore                                                      | dict[str, str or None]                             |
| macaddr, macaddr8, pg-lsn, pg-snapshot, ts-vector, interval | str, as PostgreSQL prints it                       |
| point, box, circle, line, lseg, path, polygon               | str, as PostgreSQL prints it ("(1,2)")             |
| every `...-array` / int2vector                              | list of the element's Python values                |

A value Python cannot hold (a date after 9999, BC, an invalid UUID...) raises DatabaseError: cast it to text in SQL.

wash dev 2.10's PostgreSQL plugin cannot return a numeric column: its host task panics and the request fails
with a 500 the component never sees (measured on wash 2.10.4). Select such a column as text (`SELECT n::text`) and
take `Decimal(value)`; a Decimal parameter is sent as numeric without trouble.
"""

import json
import math
import re
import struct
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any, Protocol, TypeAlias
from uuid import UUID

from componentize_py_types import Err
from wit_world.imports import postgres_query, postgres_types

# TypeAlias, not `type X = ...` (UP040): this one file serves WASI 0.2's Python 3.11 too.
Value: TypeAlias = (  # noqa: UP040
    bool | int | float | str | bytes | Decimal | date | time | datetime | UUID | dict[str, Any] | list[Any] | None
)
"""A value sent as a parameter or received in a row (see the module's conversion tables)."""

Row: TypeAlias = tuple[Value, ...]  # noqa: UP040
"""One row of a query's answer: its columns' values, in column order."""

INT8_MIN, INT8_MAX = -(2**63), 2**63 - 1
"""The range of PostgreSQL's int8 (bigint), the type an int is sent as."""


class DatabaseError(Exception):
    """The database or its host refused a statement: str(error) is the host's message (PostgreSQL's, if it has one)."""


# --- Python -> pg-value --------------------------------------------------------------------------------------------


def check(value: object) -> None:
    """Raise TypeError or ValueError for a parameter no host can bind (the same on WitHost and MemoryHost)."""
    if value is None or isinstance(value, bool | str | bytes | bytearray | date | time | UUID):
        return
    if isinstance(value, int):
        if not INT8_MIN <= value <= INT8_MAX:
            raise ValueError(f"{value} does not fit in int8 (bigint): send it as a Decimal, to a numeric column")
    elif isinstance(value, float):
        if math.isnan(value):
            raise ValueError("NaN cannot be sent as a float8 parameter (the host's encoding has no NaN)")
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"Decimal({str(value)!r}) cannot be sent as a numeric parameter (only finite ones)")
    elif isinstance(value, dict | list):
        json.dumps(value, allow_nan=False)  # TypeError/ValueError for what is not JSON
    else:
        raise TypeError(
            f"a {type(value).__name__} cannot be a parameter: send None, bool, int, float, str, bytes, Decimal,"
            " date, time, datetime, UUID, or a dict/list (as jsonb)"
        )


def integer_decode(value: float) -> tuple[int, int, int]:
    """The WIT's hashable-f64 of a float: (mantissa, exponent, sign), as Rust's num `integer_decode` gives it."""
    (bits,) = struct.unpack("<Q", struct.pack("<d", value))
    sign = -1 if bits >> 63 else 1
    exponent = (bits >> 52) & 0x7FF
    fraction = bits & 0xFFFFFFFFFFFFF
    mantissa = fraction << 1 if exponent == 0 else fraction | (1 << 52)
    return mantissa, exponent - 1075, sign


def pg_date(value: date) -> postgres_types.Date:
    """The WIT's date of a date."""
    return postgres_types.Date_Ymd((value.year, value.month, value.day))


def pg_time(value: time | datetime) -> postgres_types.Time:
    """The WIT's time of a time (or of a datetime's time of day)."""
    return postgres_types.Time(hour=value.hour, min=value.minute, sec=value.second, micro=value.microsecond)


def offset_text(offset: timedelta) -> str:
    """A UTC offset as PostgreSQL writes it: +02, -04:30, +05:30:15."""
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{sign}{hours:02d}"
    if minutes or seconds:
        text += f":{minutes:02d}"
    if seconds:
        text += f":{seconds:02d}"
    return text


def to_pg(value: Value) -> postgres_types.PgValue:
    """The pg-value a parameter is sent as (see the module's first table); raises TypeError/ValueError as check()."""
    t = postgres_types
    check(value)
    if value is None:
        return t.PgValue_Null()
    if isinstance(value, bool):  # before int: True is an int too
        return t.PgValue_Bool(value)
    if isinstance(value, int):
        return t.PgValue_Int8(int(value))
    if isinstance(value, float):
        return t.PgValue_Float8(integer_decode(value))
    if isinstance(value, str):
        return t.PgValue_Text(value)
    if isinstance(value, bytes | bytearray):
        return t.PgValue_Bytea(bytes(value))
    if isinstance(value, Decimal):
        return t.PgValue_Numeric(format(value, "f"))
    if isinstance(value, datetime):  # before date: a datetime is a date too
        offset = value.utcoffset()
        if offset is None:
            return t.PgValue_Timestamp(t.Timestamp(date=pg_date(value), time=pg_time(value)))
        utc = (value - offset).replace(tzinfo=None)
        return t.PgValue_TimestampTz(
            t.TimestampTz(
                timestamp=t.Timestamp(date=pg_date(utc), time=pg_time(utc)), offset=t.Offset_WesternHemisphereSecs(0)
            )
        )
    if isinstance(value, date):
        return t.PgValue_Date(pg_date(value))
    if isinstance(value, time):
        offset = value.utcoffset()
        if offset is None:
            return t.PgValue_Time(pg_time(value))
        return t.PgValue_TimeTz(t.TimeTz(timesonze=offset_text(offset), time=pg_time(value)))
    if isinstance(value, UUID):
        return t.PgValue_Uuid(str(value))
    return t.PgValue_Jsonb(json.dumps(value, allow_nan=False))


# --- pg-value -> Python --------------------------------------------------------------------------------------------


def float_of(parts: tuple[int, int, int], bits: int = 64) -> float:
    """The float of a hashable-f64 (mantissa, exponent, sign); `bits` 32 for a float4's, rounded to its shortest."""
    mantissa, exponent, sign = parts
    special, implicit = (972, 1 << 52) if bits == 64 else (105, 1 << 23)
    if exponent == special:  # all exponent bits set: infinity, or NaN when the fraction has bits
        return math.copysign(math.inf if mantissa == implicit else math.nan, sign)
    value = math.copysign(math.ldexp(mantissa, exponent), sign)
    if bits == 32 and math.isfinite(value):
        for digits in range(1, 10):  # the shortest decimal that is the same float4: 0.1, not 0.10000000149011612
            shorter = float(f"{value:.{digits}g}")
            with suppress(OverflowError):  # rounded past the largest float4
                if struct.unpack("<f", struct.pack("<f", shorter))[0] == value:
                    return shorter
    return value


def float_text(value: float) -> str:
    """A float as PostgreSQL prints a float8: 1, 1.5, -0.25, 1e+20."""
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def date_of(value: postgres_types.Date) -> date:
    """The date of a WIT date: infinity is date.max, -infinity date.min."""
    if isinstance(value, postgres_types.Date_PositiveInfinity):
        return date.max
    if isinstance(value, postgres_types.Date_NegativeInfinity):
        return date.min
    return date(*value.value)


def time_of(value: postgres_types.Time, tzinfo: timezone | None = None) -> time:
    """The time of a WIT time (a leap second's extra microseconds are kept within the second)."""
    return time(value.hour, value.min, value.sec, min(value.micro, 999_999), tzinfo=tzinfo)


def timestamp_of(value: postgres_types.Timestamp) -> datetime:
    """The naive datetime of a WIT timestamp: infinity is datetime.max, -infinity datetime.min."""
    if isinstance(value.date, postgres_types.Date_PositiveInfinity):
        return datetime.max
    if isinstance(value.date, postgres_types.Date_NegativeInfinity):
        return datetime.min
    return datetime.combine(date_of(value.date), time_of(value.time))


def timestamptz_of(value: postgres_types.TimestampTz) -> datetime:
    """The aware UTC datetime of a WIT timestamptz: its local date and time less its offset (east is ahead of UTC).

    The wasmCloud hosts send UTC with a zero offset, which every reading of the offset agrees on.
    """
    local = timestamp_of(value.timestamp)
    if local in (datetime.max, datetime.min):
        return local.replace(tzinfo=UTC)
    seconds = value.offset.value
    east = seconds if isinstance(value.offset, postgres_types.Offset_EasternHemisphereSecs) else -seconds
    return (local - timedelta(seconds=east)).replace(tzinfo=UTC)


OFFSET = re.compile(r"([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?")
"""A UTC offset as PostgreSQL writes one: +02, -04:30, +0530."""


def timetz_of(value: postgres_types.TimeTz) -> time | str:
    """The aware time of a WIT time-tz; its text when the zone is not an offset Python can hold."""
    zone = value.timesonze.strip()
    if zone.upper() in ("", "Z", "UTC", "GMT"):
        return time_of(value.time, UTC)
    match = OFFSET.fullmatch(zone)
    if match:
        sign, hours, minutes, seconds = match.groups()
        offset = timedelta(hours=int(hours), minutes=int(minutes or 0), seconds=int(seconds or 0))
        if offset < timedelta(hours=24):
            return time_of(value.time, timezone(-offset if sign == "-" else offset))
    return f"{time_of(value.time).isoformat()}{zone}"


def date_text(value: postgres_types.Date) -> str:
    """A WIT date as PostgreSQL prints it: 2024-05-01, infinity, -infinity."""
    if isinstance(value, postgres_types.Date_PositiveInfinity):
        return "infinity"
    if isinstance(value, postgres_types.Date_NegativeInfinity):
        return "-infinity"
    year, month, day = value.value
    return f"{year:04d}-{month:02d}-{day:02d}"


def interval_text(value: postgres_types.Interval) -> str:
    """The WIT's interval (a range of dates) as PostgreSQL prints a daterange: [2024-01-01,2024-02-01)."""
    opening = "[" if value.start_inclusive else "("
    closing = "]" if value.end_inclusive else ")"
    return f"{opening}{date_text(value.start)},{date_text(value.end)}{closing}"


def text_of(value: tuple[int | None, bytes]) -> str:
    """The text of a char or varchar: (length or limit, its bytes), decoded as UTF-8."""
    return value[1].decode("utf-8", errors="replace")


def bits_of(value: tuple[int | None, bytes]) -> str:
    """A bit or varbit, (how many bits, the bytes that hold them, first bit highest), as 0s and 1s."""
    count, data = value
    bits = "".join(f"{byte:08b}" for byte in data)
    return bits if count is None else bits[:count]


def mac_of(value: postgres_types.MacAddressEui48 | postgres_types.MacAddressEui64) -> str:
    """A MAC address as PostgreSQL prints it: 08:00:2b:01:02:03."""
    return ":".join(f"{byte:02x}" for byte in value.bytes)


Point: TypeAlias = tuple[tuple[int, int, int], tuple[int, int, int]]  # noqa: UP040
"""A geometric point: two hashable-f64s, x and y."""


def point_text(value: Point) -> str:
    """A point as PostgreSQL prints it: (x,y)."""
    return f"({float_text(float_of(value[0]))},{float_text(float_of(value[1]))})"


def box_text(value: tuple[Point, Point]) -> str:
    """A box (lower-left, upper-right) as PostgreSQL prints it: upper-right first, (2,2),(0,0)."""
    return f"{point_text(value[1])},{point_text(value[0])}"


def segment_text(value: tuple[Point, Point]) -> str:
    """A line segment (or a line, by two of its points) as PostgreSQL prints an lseg: [(0,0),(1,1)]."""
    return f"[{point_text(value[0])},{point_text(value[1])}]"


def circle_text(value: tuple[Point, tuple[int, int, int]]) -> str:
    """A circle (center, radius) as PostgreSQL prints it: <(0,0),2>."""
    return f"<{point_text(value[0])},{float_text(float_of(value[1]))}>"


def path_text(value: list[Point]) -> str:
    """A path as PostgreSQL prints an open one: [(0,0),(1,1)] (the WIT does not say whether it was closed)."""
    return "[" + ",".join(point_text(point) for point in value) + "]"


def polygon_text(value: list[Point]) -> str:
    """A polygon as PostgreSQL prints it: ((0,0),(1,0),(1,1))."""
    return "(" + ",".join(point_text(point) for point in value) + ")"


def lsn_text(value: int) -> str:
    """A pg_lsn as PostgreSQL prints it: 16/B374D848."""
    return f"{value >> 32:X}/{value & 0xFFFFFFFF:X}"


def snapshot_text(value: tuple[int, int, list[int]]) -> str:
    """A pg_snapshot as PostgreSQL prints it: xmin:xmax:xip,xip."""
    xmin, xmax, xips = value
    return f"{xmin}:{xmax}:{','.join(str(xip) for xip in xips)}"


def tsvector_text(value: list[postgres_types.Lexeme]) -> str:
    """A tsvector as PostgreSQL prints it: 'cat':3A 'fat':2."""
    words = []
    for lexeme in value:
        word = "'" + lexeme.data.replace("\\", "\\\\").replace("'", "''") + "'"
        if lexeme.position is not None:
            word += f":{lexeme.position}"
            if lexeme.weight is not None and lexeme.weight != postgres_types.LexemeWeight.D:
                word += lexeme.weight.name
        words.append(word)
    return " ".join(words)


def each(convert: Callable[[Any], Value]) -> Callable[[Sequence[Any]], Value]:
    """The converter of an array: `convert` over each element."""

    def convert_all(values: Sequence[Any]) -> Value:
        return [convert(value) for value in values]

    return convert_all


def same(value: Value) -> Value:
    """A value that is already Python's (an int, a bool, a str)."""
    return value


def float4(parts: tuple[int, int, int]) -> float:
    """A float4's float."""
    return float_of(parts, 32)


_t = postgres_types
DECODERS: dict[type, Callable[[Any], Value]] = {
    # Numbers
    **dict.fromkeys(
        (
            _t.PgValue_BigInt,
            _t.PgValue_Int8,
            _t.PgValue_BigSerial,
            _t.PgValue_Serial8,
            _t.PgValue_Integer,
            _t.PgValue_Int,
            _t.PgValue_Int4,
            _t.PgValue_Serial,
            _t.PgValue_Serial4,
            _t.PgValue_SmallInt,
            _t.PgValue_Int2,
            _t.PgValue_SmallSerial,
            _t.PgValue_Serial2,
            _t.PgValue_TxidSnapshot,
            _t.PgValue_Bool,
            _t.PgValue_Boolean,
        ),
        same,
    ),
    **dict.fromkeys(
        (
            _t.PgValue_Int8Array,
            _t.PgValue_Int4Array,
            _t.PgValue_Int2Array,
            _t.PgValue_Int2Vector,
            _t.PgValue_BoolArray,
        ),
        each(same),
    ),
    _t.PgValue_Int2VectorArray: each(each(same)),
    _t.PgValue_Double: float_of,
    _t.PgValue_Float8: float_of,
    _t.PgValue_Float8Array: each(float_of),
    _t.PgValue_Real: float4,
    _t.PgValue_Float4: float4,
    _t.PgValue_Float4Array: each(float4),
    _t.PgValue_Numeric: Decimal,
    _t.PgValue_Decimal: Decimal,
    _t.PgValue_NumericArray: each(Decimal),
    _t.PgValue_Money: same,
    _t.PgValue_MoneyArray: each(same),
    # Bytes and text
    _t.PgValue_Bytea: bytes,
    _t.PgValue_ByteaArray: each(bytes),
    _t.PgValue_Bit: bits_of,
    _t.PgValue_BitArray: each(bits_of),
    _t.PgValue_BitVarying: bits_of,
    _t.PgValue_Varbit: bits_of,
    _t.PgValue_VarbitArray: each(bits_of),
    _t.PgValue_Char: text_of,
    _t.PgValue_CharArray: each(text_of),
    _t.PgValue_Varchar: text_of,
    _t.PgValue_VarcharArray: each(text_of),
    **dict.fromkeys(
        (_t.PgValue_Text, _t.PgValue_Name, _t.PgValue_Xml, _t.PgValue_TsQuery, _t.PgValue_Cidr, _t.PgValue_Inet), same
    ),
    **dict.fromkeys(
        (_t.PgValue_TextArray, _t.PgValue_NameArray, _t.PgValue_XmlArray, _t.PgValue_CidrArray, _t.PgValue_InetArray),
        each(same),
    ),
    _t.PgValue_Macaddr: mac_of,
    _t.PgValue_MacaddrArray: each(mac_of),
    _t.PgValue_Macaddr8: mac_of,
    _t.PgValue_Macaddr8Array: each(mac_of),
    # Geometry
    _t.PgValue_Point: point_text,
    _t.PgValue_PointArray: each(point_text),
    _t.PgValue_Box: box_text,
    _t.PgValue_BoxArray: each(box_text),
    _t.PgValue_Circle: circle_text,
    _t.PgValue_CircleArray: each(circle_text),
    _t.PgValue_Line: segment_text,
    _t.PgValue_LineArray: each(segment_text),
    _t.PgValue_Lseg: segment_text,
    _t.PgValue_LsegArray: each(segment_text),
    _t.PgValue_Path: path_text,
    _t.PgValue_PathArray: each(path_text),
    _t.PgValue_Polygon: polygon_text,
    _t.PgValue_PolygonArray: each(polygon_text),
    # Dates and times
    _t.PgValue_Date: date_of,
    _t.PgValue_DateArray: each(date_of),
    _t.PgValue_Interval: interval_text,
    _t.PgValue_IntervalArray: each(interval_text),
    _t.PgValue_Time: time_of,
    _t.PgValue_TimeArray: each(time_of),
    _t.PgValue_TimeTz: timetz_of,
    _t.PgValue_TimeTzArray: each(timetz_of),
    _t.PgValue_Timestamp: timestamp_of,
    _t.PgValue_TimestampArray: each(timestamp_of),
    _t.PgValue_TimestampTz: timestamptz_of,
    _t.PgValue_TimestampTzArray: each(timestamptz_of),
    # JSON, UUIDs and the rest
    _t.PgValue_Json: json.loads,
    _t.PgValue_JsonArray: each(json.loads),
    _t.PgValue_Jsonb: json.loads,
    _t.PgValue_JsonbArray: each(json.loads),
    _t.PgValue_Uuid: UUID,
    _t.PgValue_UuidArray: each(UUID),
    _t.PgValue_PgLsn: lsn_text,
    _t.PgValue_PgLsnArray: each(lsn_text),
    _t.PgValue_PgSnapshot: snapshot_text,
    _t.PgValue_TsVector: tsvector_text,
    _t.PgValue_Hstore: dict,
}
"""How each pg-value variant becomes a Python value (PgValue_Null, which carries nothing, is None)."""


def from_pg(value: postgres_types.PgValue) -> Value:
    """The Python value of a pg-value the host returned (see the module's second table)."""
    if isinstance(value, postgres_types.PgValue_Null):
        return None
    payload: Any = getattr(value, "value", None)
    decode = DECODERS.get(type(value))
    if decode is None:  # a variant newer than this module: its text
        return str(payload)
    try:
        return decode(payload)
    except (ValueError, ArithmeticError, TypeError) as error:  # ArithmeticError: decimal.InvalidOperation
        kind = type(value).__name__.removeprefix("PgValue_")
        detail = f"{payload!r}: {error}"
        raise DatabaseError(f"the host returned a {kind} Python cannot hold ({detail}); cast it to text") from None


def message(error: object) -> str:
    """The host's words for one of its errors: the text a query-error variant carries, else the variant's name."""
    if isinstance(error, str):
        return error
    value = getattr(error, "value", None)
    if isinstance(value, str):
        return value
    if value is not None:  # a variant that carries another error
        return message(value)
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", type(error).__name__.split("_")[-1]).lower()


# --- Hosts ---------------------------------------------------------------------------------------------------------


class Host(Protocol):
    """What the module needs from a host, in plain Python values: statements with bound parameters, and scripts."""

    def query(self, sql: str, params: tuple[Value, ...]) -> list[Row]:
        """Run one statement with its parameters bound to $1, $2, ... and return its rows; raises DatabaseError."""
        ...

    def execute(self, sql: str, params: tuple[Value, ...]) -> None:
        """Run one statement with its parameters bound, ignoring any rows; raises DatabaseError."""
        ...

    def execute_script(self, sql: str) -> None:
        """Run several statements (separated by ;) without parameters; raises DatabaseError."""
        ...


class WitHost:
    """Host over wasmcloud:postgres/query: the only class that calls wit_world; its errors become DatabaseError."""

    def query(self, sql: str, params: tuple[Value, ...]) -> list[Row]:
        """Send the statement and its parameters as pg-values, and return the rows as tuples of Python values."""
        values = [to_pg(param) for param in params]
        try:
            rows = postgres_query.query(sql, values)
        except Err as error:
            raise DatabaseError(message(error.value)) from None
        return [tuple(from_pg(entry.value) for entry in row) for row in rows]

    def execute(self, sql: str, params: tuple[Value, ...]) -> None:
        """Send the statement and its parameters; the rows it returns, if any, are not converted."""
        values = [to_pg(param) for param in params]
        try:
            postgres_query.query(sql, values)
        except Err as error:
            raise DatabaseError(message(error.value)) from None

    def execute_script(self, sql: str) -> None:
        """Send the statements as one batch (wasmcloud:postgres/query's query-batch)."""
        try:
            postgres_query.query_batch(sql)
        except Err as error:
            raise DatabaseError(message(error.value)) from None


class MemoryHost:
    """Host in memory, for tests and local serving: records each statement, answers queries with what a test set.

    `statements` holds (sql, params) for each statement run, in order (a script's params are ()). A query answers
    the rows of the latest answer() whose match fits it, else []. `fail`: when set, every statement raises
    DatabaseError(fail) and is not recorded (a database that is down).
    """

    def __init__(self) -> None:
        self.statements: list[tuple[str, tuple[Value, ...]]] = []
        self.answers: list[tuple[str | re.Pattern[str], list[Row]]] = []
        self.fail: str | None = None

    def answer(self, match: str | re.Pattern[str], rows: Sequence[Sequence[Value]]) -> None:
        """Answer queries with `rows` from now on: those starting with `match` (a str: case and surrounding spaces
        ignored), or those `match` (a compiled regex) finds itself in. A later answer wins over an earlier one."""
        self.answers.append((match, [tuple(row) for row in rows]))

    def rows_for(self, sql: str) -> list[Row]:
        """The rows the latest matching answer gives a statement, else []."""
        statement = sql.strip().lower()
        for match, rows in reversed(self.answers):
            if isinstance(match, str) and statement.startswith(match.strip().lower()):
                return list(rows)
            if isinstance(match, re.Pattern) and match.search(sql):
                return list(rows)
        return []

    def run(self, sql: str, params: tuple[Value, ...]) -> None:
        """Record a statement, or raise DatabaseError(fail) when the database is down."""
        if self.fail is not None:
            raise DatabaseError(self.fail)
        self.statements.append((sql, params))

    def query(self, sql: str, params: tuple[Value, ...]) -> list[Row]:
        """Record the statement; its rows are what answer() set for it."""
        self.run(sql, params)
        return self.rows_for(sql)

    def execute(self, sql: str, params: tuple[Value, ...]) -> None:
        """Record the statement."""
        self.run(sql, params)

    def execute_script(self, sql: str) -> None:
        """Record the script, with no parameters."""
        self.run(sql, ())


host: Host = WitHost()
"""The host the module calls; wasmcloud_sdk.testing replaces it with a MemoryHost for each test."""


# --- The API -------------------------------------------------------------------------------------------------------


def query(sql: str, *params: Value) -> list[Row]:
    """Run one statement, `params` bound to $1, $2, ..., and return its rows as tuples in column order.

    Raises DatabaseError when the database refuses it, TypeError/ValueError for a value no host can bind.
    """
    for param in params:
        check(param)
    return host.query(sql, params)


def execute(sql: str, *params: Value) -> None:
    """Run one statement (INSERT, UPDATE, CREATE...), `params` bound to $1, $2, ...; raises DatabaseError."""
    for param in params:
        check(param)
    host.execute(sql, params)


def execute_script(sql: str) -> None:
    """Run several statements separated by `;` (a migration), without parameters; raises DatabaseError.

    Never put user input in a script: only query() and execute() bind values.
    """
    host.execute_script(sql)
