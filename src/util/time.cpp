#include "lsmplus/util/time.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace lsmplus::util {

namespace {

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// Unix seconds of the last Sunday of `month` in `year`, 01:00 UTC.
int64_t last_sunday_0100_utc(int year, unsigned month) {
  unsigned next_month = month == 12 ? 1 : month + 1;
  int next_year = month == 12 ? year + 1 : year;
  int64_t last_day = days_from_civil(next_year, next_month, 1) - 1;
  int64_t weekday = (last_day + 4) % 7;  // 1970-01-01 was a Thursday (4); 0 = Sunday
  if (weekday < 0) weekday += 7;
  return (last_day - weekday) * 86400 + 3600;
}

CivilTime civil_utc(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return CivilTime{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 0};
}

}  // namespace

CivilTime amsterdam_time(int64_t unix_seconds) {
  int year = civil_utc(unix_seconds).year;
  bool summer = unix_seconds >= last_sunday_0100_utc(year, 3) && unix_seconds < last_sunday_0100_utc(year, 10);
  int offset = summer ? 120 : 60;
  CivilTime local = civil_utc(unix_seconds + offset * 60);
  local.utc_offset_minutes = offset;
  return local;
}

int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

namespace {

// Reads exactly `n` digits at `pos`; -1 when they are not all digits.
int digits(const std::string& s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

std::optional<int64_t> parse_time(const std::string& s) {
  // Hand-rolled rather than sscanf: mappings parse a timestamp per record.
  int y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
  if (y < 0 || mo < 0 || d < 0 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int h = 0, mi = 0, sec = 0;
  size_t pos = 10;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != ' ') return std::nullopt;
    h = digits(s, 11, 2);
    mi = digits(s, 14, 2);
    sec = digits(s, 17, 2);
    if (h < 0 || mi < 0 || sec < 0 || s[13] != ':' || s[16] != ':') return std::nullopt;
    pos = 19;
  }
  int offset = 0;
  if (pos < s.size()) {
    if (s[pos] == 'Z' && pos + 1 == s.size()) {
      pos += 1;
    } else if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
      int oh = digits(s, pos + 1, 2), om = digits(s, pos + 4, 2);
      if (oh < 0 || om < 0) return std::nullopt;
      offset = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
      pos += 6;
    } else {
      return std::nullopt;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + sec -
         offset * 60;
}

std::string format_iso_utc(int64_t unix_seconds) {
  CivilTime c = civil_utc(unix_seconds);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second);
  return buf;
}

}  // namespace lsmplus::util
