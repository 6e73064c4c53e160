#include "mapping/expr/builtins.hpp"

#include <regex>

#include "lsmplus/util/time.hpp"
#include "mapping/expr/decimal_math.hpp"

namespace lsmplus::mapping::expr {

namespace {

constexpr size_t kMaxDynamicPattern = 256;
constexpr int64_t kMaxPadWidth = 4096;
constexpr int64_t kMinUnix = -62167219200;  // 0000-01-01T00:00:00Z
constexpr int64_t kMaxUnix = 253402300799;  // 9999-12-31T23:59:59Z

using Kind = Value::Kind;

std::string fname(const Node& call) { return std::string(builtins()[static_cast<size_t>(call.fn)].name) + "()"; }

const Node& arg_node(const Node& call, size_t i) { return i < call.kids.size() ? *call.kids[i] : call; }

bool want_text(Evaluator& ev, const Node& call, size_t i, const Value& v, std::string_view& out) {
  if (v.kind() == Kind::string) {
    out = v.as_text();
    return true;
  }
  return ev.fail(arg_node(call, i), fname(call) + ": expected text, got " + describe(v) +
                                        (v.kind() == Kind::number ? " (use string())" : ""));
}

bool want_number(Evaluator& ev, const Node& call, size_t i, const Value& v, Decimal& out) {
  if (v.kind() == Kind::number) {
    out = v.as_number();
    return true;
  }
  return ev.fail(arg_node(call, i), fname(call) + ": expected a number, got " + describe(v) +
                                        (v.kind() == Kind::string ? " (use number())" : ""));
}

bool want_int(Evaluator& ev, const Node& call, size_t i, const Value& v, int64_t& out) {
  Decimal d;
  if (!want_number(ev, call, i, v, d)) return false;
  auto w = whole(d);
  if (!w) return ev.fail(arg_node(call, i), fname(call) + ": expected a whole number, got " + d.to_string());
  out = *w;
  return true;
}

bool number_result(Evaluator& ev, const Node& call, std::optional<Decimal> d, Value& out) {
  if (!d) return ev.fail(call, fname(call) + ": number out of range");
  out = Value::number(*d);
  return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

size_t count_chars(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += is_continuation(c) ? 0 : 1;
  return n;
}

std::string ascii_case(std::string_view s, bool upper) {
  std::string r(s);
  for (char& c : r) {
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return r;
}

// ---- text ----------------------------------------------------------------------------------

bool fn_lower_upper(Evaluator& ev, const Node& call, const Value* a, bool upper, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  std::string_view s;
  if (!want_text(ev, call, 0, a[0], s)) return false;
  out = Value::text(ascii_case(s, upper));
  return true;
}

bool fn_lower(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  return fn_lower_upper(ev, call, a, false, out);
}

bool fn_upper(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  return fn_lower_upper(ev, call, a, true, out);
}

bool fn_trim(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  std::string_view s;
  if (!want_text(ev, call, 0, a[0], s)) return false;
  std::string_view t = trim_view(s);
  out = t.size() == s.size() ? a[0] : Value::text(std::string(t));
  return true;
}

bool fn_replace(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  std::string_view s, from, to;
  if (!want_text(ev, call, 0, a[0], s) || !want_text(ev, call, 1, a[1], from) || !want_text(ev, call, 2, a[2], to))
    return false;
  if (from.empty()) return ev.fail(*call.kids[1], "replace(): the text to replace is empty");
  std::string r;
  size_t pos = 0;
  for (;;) {
    size_t hit = s.find(from, pos);
    if (hit == std::string_view::npos) break;
    r.append(s.substr(pos, hit - pos));
    r.append(to);
    pos = hit + from.size();
    if (r.size() > kMaxTextSize) return ev.fail(call, "replace(): the text grows beyond 1 MiB");
  }
  r.append(s.substr(pos));
  out = Value::text(std::move(r));
  return true;
}

// The regex of a regex_* call: compiled at compile time for a literal pattern, else now.
bool get_regex(Evaluator& ev, const Node& call, const Value& pattern, std::shared_ptr<const std::regex>& re) {
  if (call.regex) {
    re = call.regex;
    return true;
  }
  std::string_view p;
  if (!want_text(ev, call, 1, pattern, p)) return false;
  if (p.size() > kMaxDynamicPattern) {
    return ev.fail(*call.kids[1], fname(call) + ": a computed pattern may be at most " +
                                      std::to_string(kMaxDynamicPattern) + " bytes");
  }
  try {
    re = compile_pattern(p);
  } catch (const std::regex_error& e) {
    return ev.fail(*call.kids[1], fname(call) + ": bad regular expression: " + e.what());
  }
  return true;
}

bool check_regex_input(Evaluator& ev, const Node& call, std::string_view s) {
  if (s.size() <= ev.program().max_regex_input) return true;
  return ev.fail(call, fname(call) + ": the text is " + std::to_string(s.size()) + " bytes, more than the " +
                           std::to_string(ev.program().max_regex_input) + " a regex may scan");
}

bool fn_regex_match(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  std::shared_ptr<const std::regex> re;
  if (!get_regex(ev, call, a[1], re)) return false;
  if (a[0].is_null()) return out = Value::boolean(false), true;
  std::string_view s;
  if (!want_text(ev, call, 0, a[0], s) || !check_regex_input(ev, call, s)) return false;
  try {
    out = Value::boolean(std::regex_search(s.begin(), s.end(), *re));
  } catch (const std::regex_error& e) {
    return ev.fail(call, fname(call) + ": " + e.what());
  }
  return true;
}

bool fn_regex_capture(Evaluator& ev, const Node& call, const Value* a, size_t n, Value& out) {
  std::shared_ptr<const std::regex> re;
  if (!get_regex(ev, call, a[1], re)) return false;
  int64_t group = 1;
  if (n > 2 && !want_int(ev, call, 2, a[2], group)) return false;
  if (group < 0 || static_cast<size_t>(group) > re->mark_count()) {
    return ev.fail(arg_node(call, 2), "regex_capture(): the pattern has no group " + std::to_string(group));
  }
  if (a[0].is_null()) return out = Value(), true;
  std::string_view s;
  if (!want_text(ev, call, 0, a[0], s) || !check_regex_input(ev, call, s)) return false;
  try {
    std::match_results<std::string_view::const_iterator> m;
    if (std::regex_search(s.begin(), s.end(), m, *re) && m[static_cast<size_t>(group)].matched) {
      out = Value::text(m[static_cast<size_t>(group)].str());
    } else {
      out = Value();
    }
  } catch (const std::regex_error& e) {
    return ev.fail(call, fname(call) + ": " + e.what());
  }
  return true;
}

bool fn_split(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  std::string_view s, sep;
  if (!want_text(ev, call, 0, a[0], s) || !want_text(ev, call, 1, a[1], sep)) return false;
  if (sep.empty()) return ev.fail(*call.kids[1], "split(): the separator is empty");
  std::vector<Value> parts;
  size_t pos = 0;
  for (;;) {
    size_t hit = s.find(sep, pos);
    parts.push_back(Value::text(std::string(s.substr(pos, hit == std::string_view::npos ? hit : hit - pos))));
    if (hit == std::string_view::npos) break;
    pos = hit + sep.size();
  }
  out = Value::list(std::move(parts));
  return true;
}

bool fn_join(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  if (a[0].kind() != Kind::array) return ev.fail(*call.kids[0], "join(): expected a list, got " + describe(a[0]));
  std::string_view sep;
  if (!want_text(ev, call, 1, a[1], sep)) return false;
  std::string r;
  bool first = true;
  for (size_t i = 0, n = a[0].size(); i < n; ++i) {
    Value item = a[0].at(i);
    if (item.is_null()) continue;
    if (!first) r.append(sep);
    first = false;
    if (!append_text(r, item)) {
      return ev.fail(*call.kids[0], "join(): item " + std::to_string(i) + " is " + describe(item) +
                                        "; only text and numbers can be joined");
    }
    if (r.size() > kMaxTextSize) return ev.fail(call, "join(): the text grows beyond 1 MiB");
  }
  out = Value::text(std::move(r));
  return true;
}

bool fn_substr(Evaluator& ev, const Node& call, const Value* a, size_t n, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  std::string_view s;
  int64_t start = 0, length = -1;
  if (!want_text(ev, call, 0, a[0], s) || !want_int(ev, call, 1, a[1], start)) return false;
  if (n > 2 && !want_int(ev, call, 2, a[2], length)) return false;
  if (start < 0) return ev.fail(*call.kids[1], "substr(): start must not be negative");
  if (n > 2 && length < 0) return ev.fail(*call.kids[2], "substr(): length must not be negative");
  size_t size = s.size();
  size_t b = static_cast<uint64_t>(start) < size ? static_cast<size_t>(start) : size;
  while (b < size && is_continuation(s[b])) ++b;
  size_t e = size;
  if (n > 2 && static_cast<uint64_t>(length) < size - b) e = b + static_cast<size_t>(length);
  while (e > b && e < size && is_continuation(s[e])) --e;
  out = Value::text(std::string(s.substr(b, e - b)));
  return true;
}

bool fn_pad_left(Evaluator& ev, const Node& call, const Value* a, size_t n, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  std::string s;
  if (!append_text(s, a[0])) return ev.fail(*call.kids[0], "pad_left(): expected text or a number, got " + describe(a[0]));
  int64_t width = 0;
  if (!want_int(ev, call, 1, a[1], width)) return false;
  if (width < 0 || width > kMaxPadWidth) {
    return ev.fail(*call.kids[1], "pad_left(): width must be from 0 to " + std::to_string(kMaxPadWidth));
  }
  std::string_view pad = " ";
  if (n > 2) {
    if (!want_text(ev, call, 2, a[2], pad)) return false;
    if (count_chars(pad) != 1) return ev.fail(*call.kids[2], "pad_left(): the padding must be one character");
  }
  size_t have = count_chars(s);
  std::string r;
  for (size_t i = have; i < static_cast<size_t>(width); ++i) r.append(pad);
  r.append(s);
  out = Value::text(std::move(r));
  return true;
}

bool fn_len(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  switch (a[0].kind()) {
    case Kind::null: out = Value::integer(0); return true;
    case Kind::string: out = Value::integer(static_cast<int64_t>(a[0].as_text().size())); return true;
    case Kind::array:
    case Kind::object: out = Value::integer(static_cast<int64_t>(a[0].size())); return true;
    default: return ev.fail(*call.kids[0], "len(): expected text, a list or an object, got " + describe(a[0]));
  }
}

// ---- numbers -------------------------------------------------------------------------------

// number(): a number, or text that holds one; null for null and "" (after trimming).
bool to_number(Evaluator& ev, const Node& call, const Value& v, std::optional<Decimal>& out) {
  if (v.is_null()) return out.reset(), true;
  if (v.kind() == Kind::number) return out = v.as_number(), true;
  if (v.kind() != Kind::string) {
    return ev.fail(*call.kids[0], fname(call) + ": expected a number or text, got " + describe(v));
  }
  std::string_view t = trim_view(v.as_text());
  if (t.empty()) return out.reset(), true;
  out = Decimal::parse(t);
  if (!out) return ev.fail(*call.kids[0], fname(call) + ": " + describe(v) + " is not a number");
  return true;
}

bool fn_number(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  std::optional<Decimal> d;
  if (!to_number(ev, call, a[0], d)) return false;
  out = d ? Value::number(*d) : Value();
  return true;
}

bool fn_int(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  std::optional<Decimal> d;
  if (!to_number(ev, call, a[0], d)) return false;
  if (!d) return out = Value(), true;
  return number_result(ev, call, round(*d, 0, Rounding::down), out);
}

bool fn_cents(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  Decimal d;
  if (!want_number(ev, call, 0, a[0], d)) return false;
  auto r = round(d, 2, Rounding::half_up);
  std::optional<Decimal> c;
  if (r) c = multiply(*r, Decimal{100, 0});
  if (!c || !whole(*c)) return ev.fail(call, "cents(): number out of range");
  out = Value::integer(*whole(*c));
  return true;
}

bool fn_round(Evaluator& ev, const Node& call, const Value* a, size_t n, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  Decimal d;
  if (!want_number(ev, call, 0, a[0], d)) return false;
  int64_t places = 0;
  if (n > 1 && !want_int(ev, call, 1, a[1], places)) return false;
  if (places < 0 || places > 18) return ev.fail(*call.kids[1], "round(): places must be from 0 to 18");
  Rounding mode = Rounding::half_up;
  if (n > 2) {
    std::string_view name;
    if (!want_text(ev, call, 2, a[2], name)) return false;
    auto m = rounding_from_name(name);
    if (!m) {
      return ev.fail(*call.kids[2], "round(): unknown rounding mode '" + std::string(name) +
                                        "' (use half_up, half_even, down, up, floor or ceiling)");
    }
    mode = *m;
  }
  return number_result(ev, call, round(d, static_cast<int>(places), mode), out);
}

// 1 + rate as a factor: a rate of 1 or more is a percentage.
bool vat_factor(Evaluator& ev, const Node& call, const Value& v, Decimal& factor) {
  Decimal rate;
  if (!want_number(ev, call, 1, v, rate)) return false;
  if (rate.mantissa < 0) return ev.fail(*call.kids[1], fname(call) + ": the VAT rate must not be negative");
  std::optional<Decimal> fraction = rate;
  if (rate.compare(Decimal{1, 0}) >= 0) fraction = normalize(rate.mantissa, rate.scale + 2);
  std::optional<Decimal> f;
  if (fraction) f = add(Decimal{1, 0}, *fraction);
  if (!f) return ev.fail(*call.kids[1], fname(call) + ": VAT rate out of range");
  factor = *f;
  return true;
}

bool fn_excl(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  Decimal amount, factor;
  if (!want_number(ev, call, 0, a[0], amount) || !vat_factor(ev, call, a[1], factor)) return false;
  return number_result(ev, call, divide(amount, factor, 10), out);
}

bool fn_incl(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  Decimal amount, factor;
  if (!want_number(ev, call, 0, a[0], amount) || !vat_factor(ev, call, a[1], factor)) return false;
  auto product = multiply(amount, factor);
  return number_result(ev, call, product ? round(*product, 10, Rounding::half_up) : std::nullopt, out);
}

bool fn_abs(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  Decimal d;
  if (!want_number(ev, call, 0, a[0], d)) return false;
  return number_result(ev, call, d.mantissa < 0 ? negate(d) : std::optional<Decimal>(d), out);
}

bool fn_sum(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  if (a[0].kind() != Kind::array) return ev.fail(*call.kids[0], "sum(): expected a list, got " + describe(a[0]));
  std::optional<Decimal> total = Decimal{0, 0};
  for (size_t i = 0, n = a[0].size(); i < n && total; ++i) {
    Value item = a[0].at(i);
    if (item.kind() != Kind::number) {
      return ev.fail(*call.kids[0], "sum(): item " + std::to_string(i) + " is " + describe(item) + ", not a number");
    }
    total = add(*total, item.as_number());
  }
  return number_result(ev, call, total, out);
}

// ---- dates ---------------------------------------------------------------------------------

// Unix seconds from ISO 8601 text or a number of seconds; `present` false for null and "".
bool to_time(Evaluator& ev, const Node& call, const Value& v, bool& present, int64_t& unix) {
  present = false;
  if (v.is_null()) return true;
  if (v.kind() == Kind::number) {
    auto w = whole(v.as_number());
    if (!w || *w < kMinUnix || *w > kMaxUnix) {
      return ev.fail(*call.kids[0], fname(call) + ": " + v.as_number().to_string() + " is not a time in unix seconds");
    }
    present = true;
    unix = *w;
    return true;
  }
  if (v.kind() != Kind::string) return ev.fail(*call.kids[0], fname(call) + ": expected a date, got " + describe(v));
  std::string s(trim_view(v.as_text()));
  if (s.empty()) return true;
  if (s.size() > 20 && s[19] == '.') {
    size_t e = 20;
    while (e < s.size() && is_digit(s[e])) ++e;
    s.erase(19, e - 19);
  }
  auto t = s.size() <= 40 ? util::parse_time(s) : std::nullopt;
  if (!t || *t < kMinUnix || *t > kMaxUnix) {
    return ev.fail(*call.kids[0], fname(call) + ": " + describe(v) + " is not an ISO 8601 date or date-time");
  }
  present = true;
  unix = *t;
  return true;
}

bool fn_date(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  bool present = false;
  int64_t unix = 0;
  if (!to_time(ev, call, a[0], present, unix)) return false;
  out = present ? Value::text(util::format_iso_utc(unix)) : Value();
  return true;
}

util::CivilTime utc_civil(int64_t unix) {
  int64_t days = unix >= 0 ? unix / 86400 : (unix - 86399) / 86400;
  int64_t secs = unix - days * 86400;
  // civil_from_days (H. Hinnant)
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  util::CivilTime c;
  c.year = static_cast<int>(y + (m <= 2));
  c.month = static_cast<int>(m);
  c.day = static_cast<int>(d);
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  return c;
}

bool fn_format_date(Evaluator& ev, const Node& call, const Value* a, size_t n, Value& out) {
  bool present = false;
  int64_t unix = 0;
  if (!to_time(ev, call, a[0], present, unix)) return false;
  std::string_view pattern, tz = "Europe/Amsterdam";
  if (!want_text(ev, call, 1, a[1], pattern)) return false;
  if (n > 2 && !want_text(ev, call, 2, a[2], tz)) return false;
  if (tz != "Europe/Amsterdam" && tz != "UTC") {
    return ev.fail(*call.kids[2], "format_date(): the time zone must be 'Europe/Amsterdam' or 'UTC'");
  }
  if (!present) return out = Value(), true;
  util::CivilTime c = tz == "UTC" ? utc_civil(unix) : util::amsterdam_time(unix);
  std::string r;
  char buf[16];
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') {
      r.push_back(pattern[i]);
      continue;
    }
    char f = i + 1 < pattern.size() ? pattern[++i] : '\0';
    switch (f) {
      case 'Y': std::snprintf(buf, sizeof buf, "%04d", c.year); break;
      case 'm': std::snprintf(buf, sizeof buf, "%02d", c.month); break;
      case 'd': std::snprintf(buf, sizeof buf, "%02d", c.day); break;
      case 'H': std::snprintf(buf, sizeof buf, "%02d", c.hour); break;
      case 'M': std::snprintf(buf, sizeof buf, "%02d", c.minute); break;
      case 'S': std::snprintf(buf, sizeof buf, "%02d", c.second); break;
      case '%': std::snprintf(buf, sizeof buf, "%%"); break;
      default:
        return ev.fail(*call.kids[1], "format_date(): unknown directive '%" + std::string(f ? 1 : 0, f) +
                                          "' (use %Y %m %d %H %M %S or %%)");
    }
    r.append(buf);
  }
  out = Value::text(std::move(r));
  return true;
}

bool fn_mplus_date(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  bool present = false;
  int64_t unix = 0;
  if (!to_time(ev, call, a[0], present, unix)) return false;
  if (!present) return out = Value(), true;
  util::CivilTime c = util::amsterdam_time(unix);
  out = Value::object({{"day", Value::integer(c.day)}, {"mon", Value::integer(c.month)}, {"year", Value::integer(c.year)}});
  return true;
}

bool fn_mplus_datetime(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  bool present = false;
  int64_t unix = 0;
  if (!to_time(ev, call, a[0], present, unix)) return false;
  if (!present) return out = Value(), true;
  util::CivilTime c = util::amsterdam_time(unix);
  out = Value::object({{"sec", Value::integer(c.second)},
                       {"min", Value::integer(c.minute)},
                       {"hour", Value::integer(c.hour)},
                       {"day", Value::integer(c.day)},
                       {"mon", Value::integer(c.month)},
                       {"year", Value::integer(c.year)},
                       {"isdst", Value::boolean(false)},
                       {"timezone", Value::integer(c.utc_offset_minutes)}});
  return true;
}

bool fn_now(Evaluator& ev, const Node&, const Value*, size_t, Value& out) {
  out = Value::text(util::format_iso_utc(ev.scope().now_unix));
  return true;
}

// ---- lookups, addresses, misc --------------------------------------------------------------

bool fn_lookup(Evaluator& ev, const Node& call, const Value* a, size_t n, Value& out) {
  if (!call.table) return ev.fail(call, "lookup(): the table was not resolved");
  std::vector<Value> keys(a + 1, a + n);
  Result<std::optional<Value>> found = call.table->find(keys);
  if (!found.ok()) return ev.fail_with(found.error());
  if (!found.value()) {
    std::string message = std::string(kSkipRecordPrefix) + " lookup '" + std::string(call.kids[0]->literal.as_text()) +
                          "' has no entry for ";
    for (size_t i = 0; i < keys.size(); ++i) {
      if (i) message += ", ";
      std::string k;
      message += append_text(k, keys[i]) ? "'" + k + "'" : std::string(keys[i].kind_name());
    }
    return ev.fail_with(make_error(ErrorClass::permanent, std::move(message)));
  }
  out = std::move(*found.value());
  return true;
}

// After the house number: an optional '-' or '/', then at most two words of letters and digits
// ("c", "-3", "K 1", "bis", "2 hoog").
bool is_addition(std::string_view rest) {
  size_t i = 0, n = rest.size();
  while (i < n && is_space(rest[i])) ++i;
  if (i < n && (rest[i] == '-' || rest[i] == '/')) {
    ++i;
    while (i < n && is_space(rest[i])) ++i;
  }
  for (int word = 0; word < 2 && i < n; ++word) {
    size_t start = i;
    while (i < n && is_alnum(rest[i])) ++i;
    if (i == start) return false;
    while (i < n && is_space(rest[i])) ++i;
  }
  return i == n;
}

Value opt_text(std::string_view s) { return s.empty() ? Value() : Value::text(std::string(s)); }

bool fn_split_address(Evaluator& ev, const Node& call, const Value* a, size_t n, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  std::string_view street;
  if (!want_text(ev, call, 0, a[0], street)) return false;
  street = trim_view(street);
  std::string number;
  if (n > 1 && !a[1].is_null() && !append_text(number, a[1])) {
    return ev.fail(*call.kids[1], "split_address(): the number must be text or a number, got " + describe(a[1]));
  }
  std::string_view number_view = trim_view(number);
  if (!number_view.empty()) {
    std::string_view addition;
    if (n > 2 && !a[2].is_null() && !want_text(ev, call, 2, a[2], addition)) return false;
    addition = trim_view(addition);
    std::string_view digits = number_view;
    if (addition.empty()) {
      size_t d = 0;
      while (d < number_view.size() && is_digit(number_view[d])) ++d;
      if (d > 0 && d < number_view.size()) {
        digits = number_view.substr(0, d);
        addition = trim_view(number_view.substr(d));
      }
    }
    out = Value::object({{"street", opt_text(street)}, {"number", opt_text(digits)}, {"addition", opt_text(addition)}});
    return true;
  }
  for (size_t i = 1; i < street.size(); ++i) {
    if (!is_digit(street[i]) || !(is_space(street[i - 1]) || street[i - 1] == ',')) continue;
    std::string_view name = street.substr(0, i);
    while (!name.empty() && (is_space(name.back()) || name.back() == ',')) name.remove_suffix(1);
    if (name.empty()) continue;
    size_t j = i;
    while (j < street.size() && is_digit(street[j])) ++j;
    std::string_view rest = street.substr(j);
    if (!is_addition(rest)) continue;
    out = Value::object({{"street", Value::text(std::string(name))},
                         {"number", Value::text(std::string(street.substr(i, j - i)))},
                         {"addition", opt_text(trim_view(rest))}});
    return true;
  }
  out = Value::object({{"street", opt_text(street)}, {"number", Value()}, {"addition", Value()}});
  return true;
}

bool fn_email_norm(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  std::string_view s;
  if (!want_text(ev, call, 0, a[0], s)) return false;
  s = trim_view(s);
  if (s.empty() || s.find('@') == std::string_view::npos) return out = Value(), true;
  out = Value::text(ascii_case(s, false));
  return true;
}

bool fn_first(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  if (a[0].is_null()) return out = Value(), true;
  if (a[0].kind() != Kind::array) return ev.fail(*call.kids[0], "first(): expected a list, got " + describe(a[0]));
  out = a[0].at(0);
  return true;
}

bool fn_coalesce(Evaluator& ev, const Node& call, const Value*, size_t, Value& out) {
  for (const auto& kid : call.kids) {
    if (!ev.eval(*kid, out)) return false;
    if (!out.is_null()) return true;
  }
  return true;
}

bool fn_present(Evaluator&, const Node&, const Value* a, size_t, Value& out) {
  const Value& v = a[0];
  bool absent = v.is_null() || (v.kind() == Kind::boolean && !v.as_bool()) ||
                (v.kind() == Kind::string && v.as_text().empty());
  out = Value::boolean(!absent);
  return true;
}

// Text of a part of an address: text as is, numbers canonically; absent (null, false, "") → "".
bool address_part(Evaluator& ev, const Node& call, size_t i, const Value& v, std::string& out) {
  switch (v.kind()) {
    case Kind::null: return true;
    case Kind::boolean:
      if (!v.as_bool()) return true;
      break;
    case Kind::string: out = std::string(trim_view(v.as_text())); return true;
    case Kind::number: out = v.as_number().to_string(); return true;
    default: break;
  }
  return ev.fail(arg_node(call, i), "join_address(): expected text, got " + describe(v));
}

// The inverse of split_address: "Dorpsstraat" + "546" + "K 1" → "Dorpsstraat 546 K 1". An
// addition that starts with '-' or '/' ("1-3") or is a single letter ("19c") is written
// against the number.
bool fn_join_address(Evaluator& ev, const Node& call, const Value* a, size_t count, Value& out) {
  std::string street, number, addition;
  if (!address_part(ev, call, 0, a[0], street)) return false;
  if (count > 1 && !address_part(ev, call, 1, a[1], number)) return false;
  if (count > 2 && !address_part(ev, call, 2, a[2], addition)) return false;
  std::string text = street;
  if (!number.empty()) text += (text.empty() ? "" : " ") + number;
  if (!addition.empty()) {
    bool glued = addition[0] == '-' || addition[0] == '/' ||
                 (addition.size() == 1 && std::isalpha(static_cast<unsigned char>(addition[0])));
    text += (glued || text.empty() ? "" : " ") + addition;
  }
  out = text.empty() ? Value() : Value::text(std::move(text));
  return true;
}

bool fn_empty_to_null(Evaluator&, const Node&, const Value* a, size_t, Value& out) {
  out = a[0].kind() == Kind::string && a[0].as_text().empty() ? Value() : a[0];
  return true;
}

bool fn_string(Evaluator& ev, const Node& call, const Value* a, size_t, Value& out) {
  switch (a[0].kind()) {
    case Kind::null: out = Value(); return true;
    case Kind::boolean: out = Value::text(a[0].as_bool() ? "true" : "false"); return true;
    case Kind::number: out = Value::text(a[0].as_number().to_string()); return true;
    case Kind::string: out = a[0]; return true;
    default: return ev.fail(*call.kids[0], "string(): expected a number, boolean or text, got " + describe(a[0]));
  }
}

}  // namespace

const std::vector<Builtin>& builtins() {
  static const std::vector<Builtin> table = {
      {"abs", 1, 1, fn_abs},
      {"cents", 1, 1, fn_cents},
      {"coalesce", 1, -1, fn_coalesce, true},
      {"date", 1, 1, fn_date},
      {"email_norm", 1, 1, fn_email_norm},
      {"empty_to_null", 1, 1, fn_empty_to_null},
      {"excl", 2, 2, fn_excl},
      {"first", 1, 1, fn_first},
      {"format_date", 2, 3, fn_format_date},
      {"incl", 2, 2, fn_incl},
      {"int", 1, 1, fn_int},
      {"join", 2, 2, fn_join},
      {"join_address", 1, 3, fn_join_address},
      {"len", 1, 1, fn_len},
      {"lookup", 2, -1, fn_lookup},
      {"lower", 1, 1, fn_lower},
      {"mplus_date", 1, 1, fn_mplus_date},
      {"mplus_datetime", 1, 1, fn_mplus_datetime},
      {"now", 0, 0, fn_now},
      {"number", 1, 1, fn_number},
      {"pad_left", 2, 3, fn_pad_left},
      {"present", 1, 1, fn_present},
      {"regex_capture", 2, 3, fn_regex_capture},
      {"regex_match", 2, 2, fn_regex_match},
      {"replace", 3, 3, fn_replace},
      {"round", 1, 3, fn_round},
      {"split", 2, 2, fn_split},
      {"split_address", 1, 3, fn_split_address},
      {"string", 1, 1, fn_string},
      {"substr", 2, 3, fn_substr},
      {"sum", 1, 1, fn_sum},
      {"trim", 1, 1, fn_trim},
      {"upper", 1, 1, fn_upper},
  };
  return table;
}

namespace {

class PatternNumberTooLarge : public std::regex_error {
 public:
  PatternNumberTooLarge() : std::regex_error(std::regex_constants::error_badbrace) {}
  const char* what() const noexcept override { return "a number in the pattern has more than 5 digits"; }
};

}  // namespace

std::shared_ptr<const std::regex> compile_pattern(std::string_view pattern) {
  constexpr size_t kMaxDigits = 5;
  const size_t n = pattern.size();
  bool in_braces = false;
  for (size_t i = 0; i < n; ++i) {
    char c = pattern[i];
    size_t digits = std::string_view::npos;
    if (c == '\\' && i + 1 < n && is_digit(pattern[i + 1])) {
      digits = i + 1;
    } else if (c == '\\') {
      ++i;
      in_braces = false;
      continue;
    } else if (c == '{') {
      in_braces = true;
      continue;
    } else if (in_braces && c == ',') {
      continue;
    } else if (in_braces && is_digit(c)) {
      digits = i;
    } else {
      in_braces = false;
      continue;
    }
    size_t end = digits;
    while (end < n && is_digit(pattern[end])) ++end;
    if (end - digits > kMaxDigits) throw PatternNumberTooLarge();
    i = end - 1;
  }
#if defined(__GLIBCXX__)
  // The breadth-first executor: time linear in the input times the pattern's states, so nested
  // quantifiers such as (a+)+ cannot backtrack exponentially. It has no back-references.
  constexpr auto kFlags = std::regex::ECMAScript | std::regex_constants::__polynomial;
#else
  constexpr auto kFlags = std::regex::ECMAScript;
#endif
  return std::make_shared<const std::regex>(pattern.begin(), pattern.end(), kFlags);
}

int find_builtin(std::string_view name) {
  const auto& table = builtins();
  for (size_t i = 0; i < table.size(); ++i) {
    if (table[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace lsmplus::mapping::expr
