import datetime as dt
import zoneinfo

import pendulum
import pytest

from jetrules._kernel.dates import TOKYO, to_date, to_instant
from jetrules.errors import InvalidInput, OutOfRange, WrongType


class TestToDate:
    @pytest.mark.parametrize(
        "value", ["2019-04-01", " 2019-04-01", dt.date(2019, 4, 1), pendulum.Date(2019, 4, 1)]
    )
    def test_accepts_dates_and_iso_text(self, value):
        result = to_date(value)
        assert result == pendulum.Date(2019, 4, 1)
        assert type(result) is pendulum.Date

    def test_refuses_datetimes_naive_or_aware(self):
        for value in (dt.datetime(2019, 4, 1), pendulum.datetime(2019, 4, 1), "2019-04-01T09:00"):
            with pytest.raises(InvalidInput, match="'service_date'"):
                to_date(value, "service_date")  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", ["2019-02-30", "yesterday", ""])
    def test_refuses_bad_text_naming_field_and_value(self, value):
        with pytest.raises(InvalidInput, match=r"'day' must be an ISO date") as info:
            to_date(value, "day")
        assert repr(value) in str(info.value)

    def test_refuses_other_types(self):
        with pytest.raises(WrongType, match="'day'"):
            to_date(20190401, "day")  # type: ignore[arg-type]


class TestToInstant:
    def test_reads_any_zone_as_tokyo(self):
        utc = dt.datetime(2019, 12, 27, 1, 0, tzinfo=dt.UTC)
        ny = utc.astimezone(zoneinfo.ZoneInfo("America/New_York"))
        for value in (utc, ny, "2019-12-27T10:00:00+09:00", pendulum.instance(utc)):
            result = to_instant(value)
            assert result == utc
            assert result.timezone_name == "Asia/Tokyo"
            assert result.hour == 10

    @pytest.mark.parametrize(
        "value", [dt.datetime(2019, 12, 27, 10), "2019-12-27T10:00", "2019-12-27"]
    )
    def test_refuses_naive(self, value):
        with pytest.raises(WrongType, match="'received_at' must be an aware datetime"):
            to_instant(value, "received_at")

    def test_refuses_a_date_and_bad_text(self):
        with pytest.raises(WrongType, match="'at'"):
            to_instant(dt.date(2019, 12, 27))  # type: ignore[arg-type]
        with pytest.raises(InvalidInput, match="'at' must be an ISO date-time"):
            to_instant("noon")

    def test_tokyo(self):
        assert TOKYO.name == "Asia/Tokyo"


@pytest.mark.parametrize("value", ["20190501", "2019-W18-3", "2019-123", "２０１９-０５-０１"])
def test_to_date_takes_only_the_extended_form(value):
    with pytest.raises(InvalidInput, match="'day' must be an ISO date"):
        to_date(value, "day")


@pytest.mark.parametrize("value", ["20191227T100000+09:00", "2019-W52-5T10:00+09:00"])
def test_to_instant_takes_only_the_extended_date_form(value):
    with pytest.raises(InvalidInput, match="'at' must be an ISO date-time"):
        to_instant(value)


@pytest.mark.parametrize("value", ["9999-12-31T23:00-05:00", "0001-01-01T01:00+09:00"])
def test_to_instant_refuses_instants_whose_tokyo_date_overflows(value):
    with pytest.raises(OutOfRange, match="'received_at' must be an instant whose Asia/Tokyo date"):
        to_instant(value, "received_at")
