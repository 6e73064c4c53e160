#include "lsmplus/lightspeed/records.hpp"

#include "lsmplus/util/decimal.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <ctime>

namespace lsmplus::lightspeed {

namespace {

const rapidjson::Value* member(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return nullptr;
  const auto& v = it->value;
  if (v.IsNull() || v.IsFalse()) return nullptr;
  return &v;
}

}  // namespace

std::optional<std::string> text(const rapidjson::Value& object, const char* key) {
  const auto* v = member(object, key);
  if (!v || !v->IsString() || v->GetStringLength() == 0) return std::nullopt;
  return std::string(v->GetString(), v->GetStringLength());
}

std::optional<int64_t> integer(const rapidjson::Value& object, const char* key) {
  const auto* v = member(object, key);
  if (!v) return std::nullopt;
  if (v->IsInt64()) return v->GetInt64();
  if (!v->IsString()) return std::nullopt;
  int64_t out = 0;
  const char* b = v->GetString();
  const char* e = b + v->GetStringLength();
  auto [p, ec] = std::from_chars(b, e, out);
  if (ec != std::errc() || p != e || b == e) return std::nullopt;
  return out;
}

std::optional<std::string> decimal(const rapidjson::Value& object, const char* key) {
  const auto* v = member(object, key);
  if (!v) return std::nullopt;
  if (v->IsString() && v->GetStringLength() > 0) return std::string(v->GetString(), v->GetStringLength());
  if (v->IsInt64()) return std::to_string(v->GetInt64());
  if (v->IsUint64()) return std::to_string(v->GetUint64());
  if (v->IsDouble()) return util::shortest_decimal_text(v->GetDouble());
  return std::nullopt;
}

bool flag(const rapidjson::Value& object, const char* key) {
  const auto* v = member(object, key);
  return v && v->IsTrue();
}

std::optional<int64_t> resource_id(const rapidjson::Value& object, const char* key) {
  const auto* v = member(object, key);
  if (!v || !v->IsObject()) return std::nullopt;
  const auto* resource = member(*v, "resource");
  if (!resource) return std::nullopt;
  return integer(*resource, "id");
}

const rapidjson::Value* embedded(const rapidjson::Value& object, const char* key) {
  const auto* v = member(object, key);
  if (!v || !v->IsObject()) return nullptr;
  const auto* resource = member(*v, "resource");
  if (!resource) return nullptr;
  return member(*resource, "embedded");
}

std::optional<std::string> country_code(const rapidjson::Value& object, const char* key) {
  const auto* v = member(object, key);
  if (!v) return std::nullopt;
  std::optional<std::string> code;
  if (v->IsString()) code = text(object, key);
  else if (v->IsObject()) code = text(*v, "code");
  if (!code) return std::nullopt;
  for (auto& c : *code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return code;
}

std::string format_filter_time(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace lsmplus::lightspeed
