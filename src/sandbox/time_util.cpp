#include "time_util.hpp"

#include <chrono>
#include <cstdio>

#include <fmt/core.h>

namespace lsmplus::sandbox {

namespace {

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yy + (m <= 2));
}

CivilTime civil_utc(int64_t epoch) {
  int64_t days = epoch >= 0 ? epoch / 86400 : (epoch - 86399) / 86400;
  int64_t secs = epoch - days * 86400;
  CivilTime t{};
  civil_from_days(days, t.year, t.month, t.day);
  t.hour = static_cast<int>(secs / 3600);
  t.minute = static_cast<int>(secs % 3600 / 60);
  t.second = static_cast<int>(secs % 60);
  return t;
}

// 01:00 UTC on the last Sunday of `month` in `year`.
int64_t last_sunday_0100(int year, int month) {
  int64_t last_day = days_from_civil(year, static_cast<unsigned>(month), 31);
  int64_t weekday = (last_day + 4) % 7;  // 1970-01-01 was a Thursday (4); 0 = Sunday
  if (weekday < 0) weekday += 7;
  return (last_day - weekday) * 86400 + 3600;
}

bool parse_fixed(const std::string& s, size_t pos, size_t len, int& out) {
  if (pos + len > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

int64_t epoch_from_civil(int year, int month, int day, int hour, int minute, int second) {
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
         hour * 3600 + minute * 60 + second;
}

int64_t now_epoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int amsterdam_offset(int64_t epoch) {
  int year = civil_utc(epoch).year;
  return epoch >= last_sunday_0100(year, 3) && epoch < last_sunday_0100(year, 10) ? 7200 : 3600;
}

CivilTime amsterdam_civil(int64_t epoch) { return civil_utc(epoch + amsterdam_offset(epoch)); }

std::string format_lightspeed_time(int64_t epoch) {
  int off = amsterdam_offset(epoch);
  CivilTime t = civil_utc(epoch + off);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+{:02}:00", t.year, t.month, t.day, t.hour,
                     t.minute, t.second, off / 3600);
}

std::optional<int64_t> parse_iso_time(const std::string& s) {
  int y, mo, d, h = 0, mi = 0, se = 0;
  if (!parse_fixed(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !parse_fixed(s, 5, 2, mo) || s[7] != '-' ||
      !parse_fixed(s, 8, 2, d)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  size_t pos = 10;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != ' ') return std::nullopt;
    if (!parse_fixed(s, pos + 1, 2, h) || s.size() < pos + 9 || s[pos + 3] != ':' ||
        !parse_fixed(s, pos + 4, 2, mi) || s[pos + 6] != ':' || !parse_fixed(s, pos + 7, 2, se)) {
      return std::nullopt;
    }
    if (h > 23 || mi > 59 || se > 60) return std::nullopt;
    pos += 9;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
  }
  int64_t epoch = epoch_from_civil(y, mo, d, h, mi, se);
  if (pos == s.size()) return epoch;
  if (s[pos] == 'Z' && pos + 1 == s.size()) return epoch;
  if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
  int oh, om;
  if (!parse_fixed(s, pos + 1, 2, oh)) return std::nullopt;
  size_t mpos = pos + 3;
  if (mpos < s.size() && s[mpos] == ':') ++mpos;
  if (!parse_fixed(s, mpos, 2, om) || mpos + 2 != s.size()) return std::nullopt;
  int64_t off = oh * 3600 + om * 60;
  return s[pos] == '+' ? epoch - off : epoch + off;
}

std::optional<int64_t> parse_filter_time(const std::string& s) { return parse_iso_time(s); }

}  // namespace lsmplus::sandbox
