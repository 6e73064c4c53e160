// Wall-clock helpers: Mplus takes local Europe/Amsterdam time in its date structs
// (API-MPLUS.md §2.3), and cursors are kept as unix seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace lsmplus::util {

struct CivilTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int utc_offset_minutes = 0;  // of the zone the fields are in
};

// The wall-clock time in Europe/Amsterdam (CET/CEST under the EU rule: summer time from the last
// Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC).
CivilTime amsterdam_time(int64_t unix_seconds);

// Seconds since the epoch, now.
int64_t now_unix();

// Parses "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS", or ISO 8601 with "T" and an optional offset or Z
// (no offset: UTC) into unix seconds; nullopt when it does not parse.
std::optional<int64_t> parse_time(const std::string& text);

// Formats unix seconds as ISO 8601 UTC ("2026-11-28T10:00:00Z").
std::string format_iso_utc(int64_t unix_seconds);

}  // namespace lsmplus::util
