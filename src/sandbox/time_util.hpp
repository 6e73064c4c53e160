// Calendar arithmetic and the timestamp formats of both APIs, without the C library's
// time-zone database, so output does not depend on the host's TZ settings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace lsmplus::sandbox {

// Seconds since the Unix epoch for a UTC civil time.
int64_t epoch_from_civil(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);

// The current time in seconds since the Unix epoch.
int64_t now_epoch();

// Offset of Europe/Amsterdam from UTC in seconds at `epoch` (3600 in winter, 7200 in
// summer; EU rule: summer time from the last Sunday of March to the last Sunday of
// October, switching at 01:00 UTC).
int amsterdam_offset(int64_t epoch);

// Formats `epoch` the way Lightspeed eu1 does: Amsterdam local time with its offset,
// e.g. "2026-10-24T14:05:00+02:00".
std::string format_lightspeed_time(int64_t epoch);

// Parses an ISO-8601 timestamp with "Z" or a "+HH:MM" offset (also "+HHMM"); a
// timestamp without offset is read as UTC. Returns nullopt when malformed.
std::optional<int64_t> parse_iso_time(const std::string& s);

// Parses a Lightspeed list filter value: "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD" (midnight)
// or an ISO timestamp. Naive values are read as UTC (see lightspeed_api.cpp). Returns
// nullopt when malformed.
std::optional<int64_t> parse_filter_time(const std::string& s);

struct CivilTime {
  int year, month, day, hour, minute, second;
};
// Amsterdam local wall-clock time at `epoch`.
CivilTime amsterdam_civil(int64_t epoch);

}  // namespace lsmplus::sandbox
