"""Tests of wasmcloud_sdk.postgres on WASI 0.2 (the same module serves 0.3), against a fake wasmcloud:postgres/query."""

from __future__ import annotations

import math
import re
import struct
import typing
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from componentize_py_types import Err
from wit_world.imports import postgres_query, postgres_types

from wasmcloud_sdk import postgres

t = postgres_types


@dataclass
class Database:
    """The fake host: records what it is sent; a query answers `rows`, or its parameters back as one row."""

    queries: list[tuple[str, list[postgres_types.PgValue]]] = field(default_factory=list)
    batches: list[str] = field(default_factory=list)
    rows: list[list[postgres_types.ResultRowEntry]] | None = None
    error: postgres_types.QueryError | None = None

    def query(self, sql: str, params: list[postgres_types.PgValue]) -> list[list[postgres_types.ResultRowEntry]]:
        if self.error is not None:
            raise Err(self.error)
        self.queries.append((sql, params))
        if self.rows is not None:
            return self.rows
        return [[t.ResultRowEntry(f"c{i}", param) for i, param in enumerate(params)]] if params else []

    def query_batch(self, sql: str) -> None:
        if self.error is not None:
            raise Err(self.error)
        self.batches.append(sql)


@pytest.fixture(autouse=True)
def db(monkeypatch: pytest.MonkeyPatch) -> Database:
    """Every test runs against a fresh fake database, through the module's WitHost."""
    fake = Database()
    monkeypatch.setattr(postgres_query, "query", fake.query)
    monkeypatch.setattr(postgres_query, "query_batch", fake.query_batch)
    monkeypatch.setattr(postgres, "host", postgres.WitHost())
    return fake


def entry(value: postgres_types.PgValue) -> list[list[postgres_types.ResultRowEntry]]:
    """One row of one column holding `value`."""
    return [[t.ResultRowEntry("v", value)]]


# --- Python -> pg-value -> Python ----------------------------------------------------------------------------------

ROUND_TRIPS: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    -1,
    -42,
    2**63 - 1,
    -(2**63),
    0.0,
    -0.0,
    1.5,
    -2.25,
    0.1,
    1e300,
    -1e-300,
    5e-324,  # the smallest subnormal
    math.inf,
    -math.inf,
    "",
    "héllo 🐘",
    "it's'); DROP TABLE visits; --",
    b"",
    b"\x00\xffbytes",
    Decimal("1.50"),
    Decimal("-0.001"),
    Decimal("12345678901234567890.123456789"),
    Decimal("0"),
    date(2024, 2, 29),
    date(1, 1, 1),
    time(0, 0),
    time(23, 59, 59, 999_999),
    datetime(2024, 5, 1, 12, 30, 15, 123_456),
    datetime(2024, 5, 1, 12, 30, tzinfo=UTC),
    UUID("12345678-1234-5678-1234-567812345678"),
    {},
    [],
    {"a": 1, "b": [1, 2, {"c": None, "d": "é"}], "e": True, "f": 1.5},
    [1, "two", [3, [4]], {"five": 5}],
]


@pytest.mark.parametrize("value", ROUND_TRIPS, ids=repr)
def test_each_value_comes_back_as_it_was_sent(value: Any, db: Database) -> None:
    [(back,)] = postgres.query("SELECT $1", value)
    assert back == value
    assert type(back) is type(value)
    if isinstance(value, float):
        assert isinstance(back, float) and math.copysign(1, back) == math.copysign(1, value)


def test_an_aware_datetime_comes_back_the_same_instant_in_utc(db: Database) -> None:
    sent = datetime(2024, 5, 1, 14, 30, 5, 7, tzinfo=timezone(timedelta(hours=2)))
    [(back,)] = postgres.query("SELECT $1", sent)
    assert isinstance(back, datetime) and back == sent
    assert back.tzinfo is UTC
    assert back == datetime(2024, 5, 1, 12, 30, 5, 7, tzinfo=UTC)
    [(_, [param])] = db.queries
    assert param == t.PgValue_TimestampTz(
        t.TimestampTz(t.Timestamp(t.Date_Ymd((2024, 5, 1)), t.Time(12, 30, 5, 7)), t.Offset_WesternHemisphereSecs(0))
    )


def test_an_aware_time_comes_back_with_its_offset(db: Database) -> None:
    sent = time(9, 15, tzinfo=timezone(-timedelta(hours=4, minutes=30)))
    [(back,)] = postgres.query("SELECT $1", sent)
    assert isinstance(back, time) and back == sent and back.utcoffset() == sent.utcoffset()
    assert db.queries[0][1] == [t.PgValue_TimeTz(t.TimeTz("-04:30", t.Time(9, 15, 0, 0)))]


def test_several_params_bind_in_order_and_rows_are_tuples_in_column_order(db: Database) -> None:
    rows = postgres.query("SELECT $1, $2, $3", "a", 2, None)
    assert rows == [("a", 2, None)]
    assert isinstance(rows[0], tuple)


# --- What each Python value is sent as ------------------------------------------------------------------------------

SENT_AS: list[tuple[Any, postgres_types.PgValue]] = [
    (None, t.PgValue_Null()),
    (True, t.PgValue_Bool(True)),
    (False, t.PgValue_Bool(False)),
    (7, t.PgValue_Int8(7)),
    (-(2**63), t.PgValue_Int8(-(2**63))),
    (1.5, t.PgValue_Float8((0x18000000000000, -52, 1))),  # num's integer_decode: 3 * 2**51 * 2**-52
    (-1.0, t.PgValue_Float8((1 << 52, -52, -1))),
    (0.0, t.PgValue_Float8((0, -1075, 1))),
    ("x", t.PgValue_Text("x")),
    (b"\x01", t.PgValue_Bytea(b"\x01")),
    (bytearray(b"\x02"), t.PgValue_Bytea(b"\x02")),
    (Decimal("1.50"), t.PgValue_Numeric("1.50")),
    (Decimal("1E+3"), t.PgValue_Numeric("1000")),
    (Decimal("-1.2E-5"), t.PgValue_Numeric("-0.000012")),
    (date(2024, 1, 31), t.PgValue_Date(t.Date_Ymd((2024, 1, 31)))),
    (time(1, 2, 3, 4), t.PgValue_Time(t.Time(1, 2, 3, 4))),
    (
        datetime(2024, 1, 31, 1, 2, 3, 4),
        t.PgValue_Timestamp(t.Timestamp(t.Date_Ymd((2024, 1, 31)), t.Time(1, 2, 3, 4))),
    ),
    (UUID(int=1), t.PgValue_Uuid("00000000-0000-0000-0000-000000000001")),
    ({"a": [1, None]}, t.PgValue_Jsonb('{"a": [1, null]}')),
    ([1, 2], t.PgValue_Jsonb("[1, 2]")),
]


@pytest.mark.parametrize(("value", "pg"), SENT_AS, ids=[repr(value) for value, _ in SENT_AS])
def test_each_python_value_is_sent_as_its_pg_value(value: Any, pg: postgres_types.PgValue, db: Database) -> None:
    postgres.execute("INSERT INTO t VALUES ($1)", value)
    assert db.queries == [("INSERT INTO t VALUES ($1)", [pg])]


def test_a_bool_is_sent_as_a_bool_never_as_an_int(db: Database) -> None:
    postgres.execute("SELECT $1, $2", True, 1)
    [(_, [flag, number])] = db.queries
    assert type(flag) is t.PgValue_Bool and flag.value is True
    assert type(number) is t.PgValue_Int8


def test_the_float_encoding_is_rusts_integer_decode() -> None:
    for value in (1.5, -3.75, 0.1, 1e-310, 2.0**1000, math.inf):
        mantissa, exponent, sign = postgres.integer_decode(value)
        assert 0 <= mantissa < 2**53 and sign in (1, -1)
        if math.isfinite(value):  # what the host computes: sign * mantissa * 2**exponent
            assert sign * mantissa * 2.0**exponent == value or sign * math.ldexp(mantissa, exponent) == value


def test_params_are_bound_never_spliced_into_the_sql(db: Database) -> None:
    sql = "SELECT count(*) FROM visits WHERE path = $1 AND n = $2"
    hostile = "x'); DROP TABLE visits; --"
    postgres.query(sql, hostile, 3)
    assert db.queries == [(sql, [t.PgValue_Text(hostile), t.PgValue_Int8(3)])]


def test_execute_script_sends_one_batch_without_params(db: Database) -> None:
    script = "CREATE TABLE a (x int); CREATE TABLE b (y int);"
    postgres.execute_script(script)
    assert db.batches == [script]
    assert db.queries == []


def test_execute_ignores_what_the_statement_returns(db: Database) -> None:
    db.rows = entry(t.PgValue_Date(t.Date_Ymd((10_000, 1, 1))))  # not even decodable
    postgres.execute("INSERT INTO t VALUES ($1) RETURNING d", 1)
    assert db.queries == [("INSERT INTO t VALUES ($1) RETURNING d", [t.PgValue_Int8(1)])]


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (2**63, ValueError),
        (-(2**63) - 1, ValueError),
        (math.nan, ValueError),
        (Decimal("NaN"), ValueError),
        (Decimal("Infinity"), ValueError),
        ({"x": math.nan}, ValueError),
        ({"x": object()}, TypeError),
        (object(), TypeError),
        ((1, 2), TypeError),
        ({1, 2}, TypeError),
        (timedelta(1), TypeError),
    ],
    ids=repr,
)
def test_a_value_no_host_can_bind_raises_before_anything_is_sent(
    value: Any, error: type[Exception], db: Database
) -> None:
    with pytest.raises(error):
        postgres.query("SELECT $1", value)
    memory = postgres.MemoryHost()
    postgres.host = memory  # the fixture's monkeypatch restores it
    with pytest.raises(error):
        postgres.execute("SELECT $1", value)
    assert db.queries == [] and memory.statements == []


# --- pg-value -> Python: every variant the host can return ---------------------------------------------------------


def f64(value: float) -> tuple[int, int, int]:
    return postgres.integer_decode(value)


def f32(value: float) -> tuple[int, int, int]:
    """A float4's hashable-f64 as the host builds it: integer_decode of the f32."""
    (bits,) = struct.unpack("<I", struct.pack("<f", value))
    exponent = (bits >> 23) & 0xFF
    mantissa = (bits & 0x7FFFFF) << 1 if exponent == 0 else (bits & 0x7FFFFF) | 0x800000
    return mantissa, exponent - 150, -1 if bits >> 31 else 1


YMD = t.Date_Ymd((2024, 5, 1))
NOON = t.Time(12, 0, 0, 0)
P = (f64(1.0), f64(2.5))
Q = (f64(-3.0), f64(4.0))

RETURNED: list[tuple[postgres_types.PgValue, Any]] = [
    (t.PgValue_Null(), None),
    (t.PgValue_BigInt(-(2**63)), -(2**63)),
    (t.PgValue_Int8(2**63 - 1), 2**63 - 1),
    (t.PgValue_BigSerial(5), 5),
    (t.PgValue_Serial8(6), 6),
    (t.PgValue_Integer(-7), -7),
    (t.PgValue_Int(8), 8),
    (t.PgValue_Int4(-(2**31)), -(2**31)),
    (t.PgValue_Serial(2**32 - 1), 2**32 - 1),
    (t.PgValue_Serial4(10), 10),
    (t.PgValue_SmallInt(-(2**15)), -(2**15)),
    (t.PgValue_Int2(12), 12),
    (t.PgValue_SmallSerial(13), 13),
    (t.PgValue_Serial2(14), 14),
    (t.PgValue_TxidSnapshot(15), 15),
    (t.PgValue_Int8Array([1, -2]), [1, -2]),
    (t.PgValue_Int4Array([]), []),
    (t.PgValue_Int2Array([3]), [3]),
    (t.PgValue_Int2Vector([4, 5]), [4, 5]),
    (t.PgValue_Int2VectorArray([[1], [2, 3]]), [[1], [2, 3]]),
    (t.PgValue_Bool(True), True),
    (t.PgValue_Boolean(False), False),
    (t.PgValue_BoolArray([True, False]), [True, False]),
    (t.PgValue_Float8(f64(-2.5)), -2.5),
    (t.PgValue_Double(f64(1e-310)), 1e-310),
    (t.PgValue_Float8Array([f64(1.0), f64(math.inf)]), [1.0, math.inf]),
    (t.PgValue_Float4(f32(0.1)), 0.1),
    (t.PgValue_Real(f32(-1.25)), -1.25),
    (t.PgValue_Float4(f32(math.inf)), math.inf),
    (t.PgValue_Float4Array([f32(3.3), f32(0.0)]), [3.3, 0.0]),
    (t.PgValue_Numeric("1.50"), Decimal("1.50")),
    (t.PgValue_Decimal("-12345678901234567890.000001"), Decimal("-12345678901234567890.000001")),
    (t.PgValue_NumericArray(["1", "2.0"]), [Decimal("1"), Decimal("2.0")]),
    (t.PgValue_Money("$1.50"), "$1.50"),
    (t.PgValue_MoneyArray(["$1.00"]), ["$1.00"]),
    (t.PgValue_Bytea(b""), b""),
    (t.PgValue_ByteaArray([b"a", b""]), [b"a", b""]),
    (t.PgValue_Bit((3, b"\xa0")), "101"),
    (t.PgValue_BitArray([(2, b"\x40")]), ["01"]),
    (t.PgValue_BitVarying((None, b"\x0f")), "00001111"),
    (t.PgValue_Varbit((4, b"\xf0")), "1111"),
    (t.PgValue_VarbitArray([(None, b"\x01")]), ["00000001"]),
    (t.PgValue_Char((1, b"y")), "y"),
    (t.PgValue_CharArray([(1, b"a"), (2, "é".encode())]), ["a", "é"]),
    (t.PgValue_Varchar((None, "héllo".encode())), "héllo"),
    (t.PgValue_VarcharArray([(10, b"x")]), ["x"]),
    (t.PgValue_Text("text"), "text"),
    (t.PgValue_TextArray(["a", "b"]), ["a", "b"]),
    (t.PgValue_Name("pg_class"), "pg_class"),
    (t.PgValue_NameArray(["n"]), ["n"]),
    (t.PgValue_Xml("<a/>"), "<a/>"),
    (t.PgValue_XmlArray(["<b/>"]), ["<b/>"]),
    (t.PgValue_TsQuery("'fat' & 'rat'"), "'fat' & 'rat'"),
    (t.PgValue_Cidr("10.0.0.0/8"), "10.0.0.0/8"),
    (t.PgValue_CidrArray(["::/0"]), ["::/0"]),
    (t.PgValue_Inet("192.168.0.1"), "192.168.0.1"),
    (t.PgValue_InetArray(["::1"]), ["::1"]),
    (t.PgValue_Macaddr(t.MacAddressEui48((8, 0, 0x2B, 1, 2, 3))), "08:00:2b:01:02:03"),
    (t.PgValue_MacaddrArray([t.MacAddressEui48((0, 0, 0, 0, 0, 255))]), ["00:00:00:00:00:ff"]),
    (t.PgValue_Macaddr8(t.MacAddressEui64((8, 0, 0x2B, 1, 2, 3, 4, 5))), "08:00:2b:01:02:03:04:05"),
    (t.PgValue_Macaddr8Array([]), []),
    (t.PgValue_Point(P), "(1,2.5)"),
    (t.PgValue_PointArray([P, Q]), ["(1,2.5)", "(-3,4)"]),
    (t.PgValue_Box((Q, P)), "(1,2.5),(-3,4)"),
    (t.PgValue_BoxArray([(Q, P)]), ["(1,2.5),(-3,4)"]),
    (t.PgValue_Circle((P, f64(2.0))), "<(1,2.5),2>"),
    (t.PgValue_CircleArray([(P, f64(0.5))]), ["<(1,2.5),0.5>"]),
    (t.PgValue_Line((P, Q)), "[(1,2.5),(-3,4)]"),
    (t.PgValue_LineArray([(P, Q)]), ["[(1,2.5),(-3,4)]"]),
    (t.PgValue_Lseg((P, Q)), "[(1,2.5),(-3,4)]"),
    (t.PgValue_LsegArray([]), []),
    (t.PgValue_Path([P, Q]), "[(1,2.5),(-3,4)]"),
    (t.PgValue_PathArray([[P]]), ["[(1,2.5)]"]),
    (t.PgValue_Polygon([P, Q]), "((1,2.5),(-3,4))"),
    (t.PgValue_PolygonArray([[Q]]), ["((-3,4))"]),
    (t.PgValue_Date(YMD), date(2024, 5, 1)),
    (t.PgValue_Date(t.Date_PositiveInfinity()), date.max),
    (t.PgValue_Date(t.Date_NegativeInfinity()), date.min),
    (t.PgValue_DateArray([YMD, t.Date_Ymd((1999, 12, 31))]), [date(2024, 5, 1), date(1999, 12, 31)]),
    (t.PgValue_Interval(t.Interval(YMD, True, t.Date_PositiveInfinity(), False)), "[2024-05-01,infinity)"),
    (t.PgValue_IntervalArray([t.Interval(t.Date_NegativeInfinity(), False, YMD, True)]), ["(-infinity,2024-05-01]"]),
    (t.PgValue_Time(t.Time(23, 59, 59, 999_999)), time(23, 59, 59, 999_999)),
    (t.PgValue_Time(t.Time(23, 59, 59, 1_500_000)), time(23, 59, 59, 999_999)),  # chrono's leap second
    (t.PgValue_TimeArray([NOON]), [time(12)]),
    (t.PgValue_TimeTz(t.TimeTz("+02", NOON)), time(12, tzinfo=timezone(timedelta(hours=2)))),
    (t.PgValue_TimeTz(t.TimeTz("-05:30", NOON)), time(12, tzinfo=timezone(-timedelta(hours=5, minutes=30)))),
    (t.PgValue_TimeTz(t.TimeTz("UTC", NOON)), time(12, tzinfo=UTC)),
    (t.PgValue_TimeTz(t.TimeTz("Europe/Paris", NOON)), "12:00:00Europe/Paris"),
    (t.PgValue_TimeTzArray([t.TimeTz("+00", NOON)]), [time(12, tzinfo=UTC)]),
    (t.PgValue_Timestamp(t.Timestamp(YMD, t.Time(1, 2, 3, 4))), datetime(2024, 5, 1, 1, 2, 3, 4)),
    (t.PgValue_Timestamp(t.Timestamp(t.Date_PositiveInfinity(), NOON)), datetime.max),
    (t.PgValue_TimestampArray([t.Timestamp(YMD, NOON)]), [datetime(2024, 5, 1, 12)]),
    (
        t.PgValue_TimestampTz(t.TimestampTz(t.Timestamp(YMD, NOON), t.Offset_WesternHemisphereSecs(0))),
        datetime(2024, 5, 1, 12, tzinfo=UTC),
    ),
    (  # 12:00 two hours east of Greenwich is 10:00 UTC
        t.PgValue_TimestampTz(t.TimestampTz(t.Timestamp(YMD, NOON), t.Offset_EasternHemisphereSecs(7200))),
        datetime(2024, 5, 1, 10, tzinfo=UTC),
    ),
    (  # the WIT's own example: New York, UTC-4, is western-hemisphere-secs(4 * 3600)
        t.PgValue_TimestampTz(t.TimestampTz(t.Timestamp(YMD, NOON), t.Offset_WesternHemisphereSecs(4 * 3600))),
        datetime(2024, 5, 1, 16, tzinfo=UTC),
    ),
    (
        t.PgValue_TimestampTz(
            t.TimestampTz(t.Timestamp(t.Date_NegativeInfinity(), NOON), t.Offset_EasternHemisphereSecs(0))
        ),
        datetime.min.replace(tzinfo=UTC),
    ),
    (
        t.PgValue_TimestampTzArray([t.TimestampTz(t.Timestamp(YMD, NOON), t.Offset_EasternHemisphereSecs(0))]),
        [datetime(2024, 5, 1, 12, tzinfo=UTC)],
    ),
    (t.PgValue_Json('{"a": [1, 2.5, null, "x"]}'), {"a": [1, 2.5, None, "x"]}),
    (t.PgValue_Json('"just a string"'), "just a string"),
    (t.PgValue_JsonArray(["1", "{}"]), [1, {}]),
    (t.PgValue_Jsonb('{"nested": {"deep": [true]}}'), {"nested": {"deep": [True]}}),
    (t.PgValue_JsonbArray(["null"]), [None]),
    (t.PgValue_PgLsn(0x16_B374D848), "16/B374D848"),
    (t.PgValue_PgLsnArray([0]), ["0/0"]),
    (t.PgValue_PgSnapshot((10, 20, [12, 15])), "10:20:12,15"),
    (
        t.PgValue_TsVector(
            [t.Lexeme(3, t.LexemeWeight.A, "cat"), t.Lexeme(2, t.LexemeWeight.D, "fat"), t.Lexeme(None, None, "it's")]
        ),
        "'cat':3A 'fat':2 'it''s'",
    ),
    (t.PgValue_Uuid("12345678-1234-5678-1234-567812345678"), UUID("12345678-1234-5678-1234-567812345678")),
    (t.PgValue_UuidArray(["00000000-0000-0000-0000-000000000000"]), [UUID(int=0)]),
    (t.PgValue_Hstore([("a", "1"), ("b", None)]), {"a": "1", "b": None}),
]


@pytest.mark.parametrize(("pg", "expected"), RETURNED, ids=[type(pg).__name__ for pg, _ in RETURNED])
def test_each_pg_value_the_host_returns_becomes_a_python_value(
    pg: postgres_types.PgValue, expected: Any, db: Database
) -> None:
    db.rows = entry(pg)
    [(value,)] = postgres.query("SELECT v FROM t")
    assert value == expected
    assert type(value) is type(expected)
    if isinstance(expected, datetime | time) and expected.tzinfo is not None:
        assert isinstance(value, datetime | time) and value.utcoffset() == expected.utcoffset()


def test_every_pg_value_variant_of_the_wit_is_converted_and_tested() -> None:
    variants = set(typing.get_args(postgres_types.PgValue))
    assert len(variants) > 90
    assert variants - set(postgres.DECODERS) == {t.PgValue_Null}
    assert variants == {type(pg) for pg, _ in RETURNED}


def test_a_float4_comes_back_as_the_shortest_float_that_is_the_same_float4() -> None:
    for value in (0.1, 3.3, 1e-7, 16777216.0, 3.4028235e38, -1e-45, 123456.7):
        (stored,) = struct.unpack("<f", struct.pack("<f", value))
        assert postgres.float_of(f32(stored), 32) == value


def test_a_nan_the_host_returns_is_a_nan() -> None:
    assert math.isnan(postgres.float_of((1 << 52 | 1, 972, 1)))
    assert math.isnan(postgres.float_of((1 << 23 | 1, 105, 1), 32))


def test_rows_come_back_as_tuples_in_column_order(db: Database) -> None:
    db.rows = [
        [t.ResultRowEntry("id", t.PgValue_Int4(1)), t.ResultRowEntry("name", t.PgValue_Text("a"))],
        [t.ResultRowEntry("id", t.PgValue_Int4(2)), t.ResultRowEntry("name", t.PgValue_Null())],
    ]
    assert postgres.query("SELECT id, name FROM t") == [(1, "a"), (2, None)]
    db.rows = []
    assert postgres.query("SELECT id FROM t WHERE false") == []


@pytest.mark.parametrize(
    "pg",
    [
        t.PgValue_Date(t.Date_Ymd((10_000, 1, 1))),
        t.PgValue_Date(t.Date_Ymd((0, 1, 1))),
        t.PgValue_Uuid("not-a-uuid"),
        t.PgValue_Json("{not json"),
        t.PgValue_Numeric("abc"),
        t.PgValue_Time(t.Time(24, 0, 0, 0)),
    ],
    ids=repr,
)
def test_a_value_python_cannot_hold_is_a_database_error_that_says_to_cast_it(
    pg: postgres_types.PgValue, db: Database
) -> None:
    db.rows = entry(pg)
    with pytest.raises(postgres.DatabaseError, match="cast it to text") as caught:
        postgres.query("SELECT v FROM t")
    assert type(pg).__name__.removeprefix("PgValue_") in str(caught.value)


# --- Errors --------------------------------------------------------------------------------------------------------

REFUSED = 'db error: ERROR: new row for relation "visits" violates check constraint "no_secrets"'


@pytest.mark.parametrize(
    "error",
    [t.QueryError_Unexpected(REFUSED), t.QueryError_InvalidQuery(REFUSED), t.QueryError_InvalidParams(REFUSED)],
    ids=repr,
)
@pytest.mark.parametrize(
    "call",
    [
        lambda: postgres.query("INSERT INTO visits (path) VALUES ($1)", "/secret"),
        lambda: postgres.execute("INSERT INTO visits (path) VALUES ($1)", "/secret"),
        lambda: postgres.execute_script("INSERT INTO visits (path) VALUES ('/secret')"),
    ],
    ids=["query", "execute", "execute_script"],
)
def test_a_refused_statement_is_a_database_error_with_the_hosts_text(
    error: postgres_types.QueryError, call: Any, db: Database
) -> None:
    db.error = error
    with pytest.raises(postgres.DatabaseError) as caught:
        call()
    assert str(caught.value) == REFUSED
    assert re.match(r"^postgres error: .*no_secrets", f"postgres error: {caught.value}")
    assert caught.value.__cause__ is None and caught.value.__suppress_context__  # no binding type shows


def test_the_error_message_of_a_variant_without_text_is_its_name_in_words() -> None:
    assert postgres.message(t.PreparedStatementExecError_UnknownPreparedQuery()) == "unknown prepared query"
    assert postgres.message(t.PreparedStatementExecError_QueryError(t.QueryError_InvalidQuery("bad"))) == "bad"
    assert postgres.message("plain") == "plain"


# --- MemoryHost ----------------------------------------------------------------------------------------------------


@pytest.fixture
def memory(monkeypatch: pytest.MonkeyPatch) -> postgres.MemoryHost:
    fake = postgres.MemoryHost()
    monkeypatch.setattr(postgres, "host", fake)
    return fake


def test_memory_host_records_each_statement_with_its_params(memory: postgres.MemoryHost, db: Database) -> None:
    postgres.execute_script("CREATE TABLE a (x int); CREATE TABLE b (y int)")
    postgres.execute("INSERT INTO a VALUES ($1)", 1)
    postgres.query("SELECT x FROM a WHERE x = $1 AND y = $2", 1, "two")
    assert memory.statements == [
        ("CREATE TABLE a (x int); CREATE TABLE b (y int)", ()),
        ("INSERT INTO a VALUES ($1)", (1,)),
        ("SELECT x FROM a WHERE x = $1 AND y = $2", (1, "two")),
    ]
    assert db.queries == [] and db.batches == []  # the WIT is not called


def test_memory_host_answers_a_prefix_case_and_spaces_ignored(memory: postgres.MemoryHost) -> None:
    memory.answer("select count(*) from visits", [(3,)])
    assert postgres.query("  SELECT count(*) FROM visits WHERE path = $1", "/a") == [(3,)]
    assert postgres.query("SELECT path FROM visits") == []  # unmatched
    assert postgres.query("WITH x AS (SELECT count(*) FROM visits) SELECT * FROM x") == []  # a prefix, not a substring


def test_memory_host_answers_a_regex_anywhere(memory: postgres.MemoryHost) -> None:
    memory.answer(re.compile(r"FROM\s+users", re.IGNORECASE), [("ann", 1), ("bob", None)])
    assert postgres.query("SELECT name, age FROM   users ORDER BY name") == [("ann", 1), ("bob", None)]
    assert postgres.query("SELECT 1") == []


def test_a_later_answer_wins(memory: postgres.MemoryHost) -> None:
    memory.answer("SELECT count(*)", [(1,)])
    memory.answer("SELECT count(*)", [(2,)])
    assert postgres.query("SELECT count(*) FROM visits") == [(2,)]
    memory.answer("SELECT", [(3,)])
    assert postgres.query("SELECT count(*) FROM visits") == [(3,)]


def test_memory_host_answers_tuples_and_a_fresh_list(memory: postgres.MemoryHost) -> None:
    memory.answer("SELECT", [[1, "a"]])
    rows = postgres.query("SELECT 1")
    assert rows == [(1, "a")]
    rows.clear()
    assert postgres.query("SELECT 1") == [(1, "a")]


def test_memory_host_fail_raises_for_every_call_and_records_nothing(memory: postgres.MemoryHost) -> None:
    memory.fail = "connection refused"
    for call in (
        lambda: postgres.query("SELECT 1"),
        lambda: postgres.execute("INSERT INTO t VALUES ($1)", 1),
        lambda: postgres.execute_script("SELECT 1; SELECT 2"),
    ):
        with pytest.raises(postgres.DatabaseError, match="^connection refused$"):
            call()
    assert memory.statements == []
