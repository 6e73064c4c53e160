#include <catch2/catch.hpp>

#include "lsmplus/util/time.hpp"

TEST_CASE("Amsterdam wall-clock time follows the EU summer-time rule", "[util]") {
  using lsmplus::util::amsterdam_time;
  using lsmplus::util::parse_time;
  // Winter: UTC+1.
  auto winter = amsterdam_time(*parse_time("2026-11-20T10:00:00Z"));
  CHECK(winter.hour == 11);
  CHECK(winter.utc_offset_minutes == 60);
  // Summer: UTC+2.
  auto summer = amsterdam_time(*parse_time("2026-06-02T08:24:43Z"));
  CHECK(summer.hour == 10);
  CHECK(summer.minute == 24);
  CHECK(summer.utc_offset_minutes == 120);
  // The switch on the last Sunday of March 2026 (29 March) at 01:00 UTC.
  CHECK(amsterdam_time(*parse_time("2026-03-29T00:59:59Z")).utc_offset_minutes == 60);
  CHECK(amsterdam_time(*parse_time("2026-03-29T01:00:00Z")).utc_offset_minutes == 120);
  // ... and back on the last Sunday of October (25 October 2026).
  CHECK(amsterdam_time(*parse_time("2026-10-25T00:59:59Z")).utc_offset_minutes == 120);
  CHECK(amsterdam_time(*parse_time("2026-10-25T01:00:00Z")).utc_offset_minutes == 60);
  // Late evening UTC is the next day in Amsterdam.
  auto next_day = amsterdam_time(*parse_time("2026-12-31T23:30:00Z"));
  CHECK(next_day.year == 2027);
  CHECK(next_day.month == 1);
  CHECK(next_day.day == 1);
}

TEST_CASE("timestamps parse with their offset", "[util]") {
  using lsmplus::util::parse_time;
  CHECK(parse_time("2026-06-02T10:24:43+02:00") == parse_time("2026-06-02T08:24:43Z"));
  CHECK(parse_time("2019-08-21T17:15:00+00:00") == 1566407700);
  CHECK(parse_time("2026-11-01") == parse_time("2026-11-01T00:00:00Z"));
  CHECK(parse_time("2026-11-01 12:00:00") == parse_time("2026-11-01T12:00:00Z"));
  CHECK(parse_time("2026-13-01") == std::nullopt);
  CHECK(parse_time("yesterday") == std::nullopt);
  CHECK(parse_time("2026-11-01T12:00:00+0200") == std::nullopt);
  CHECK(lsmplus::util::format_iso_utc(1566407700) == "2019-08-21T17:15:00Z");
}
