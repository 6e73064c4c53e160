#include "json_util.hpp"

#include <cctype>
#include <cmath>

#include <fmt/core.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace lsmplus::sandbox {

std::string to_json(const JsonValue& v) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  v.Accept(w);
  return std::string(sb.GetString(), sb.GetSize());
}

JsonValue json_str(std::string_view s, JsonAlloc& a) {
  return JsonValue(s.data(), static_cast<rapidjson::SizeType>(s.size()), a);
}

void put_value(JsonValue& obj, std::string_view key, JsonValue&& v, JsonAlloc& a) {
  auto it = obj.FindMember(JsonValue(rapidjson::StringRef(key.data(), key.size())));
  if (it != obj.MemberEnd()) {
    it->value = std::move(v);
    return;
  }
  obj.AddMember(json_str(key, a), v, a);
}

void put_str(JsonValue& obj, std::string_view key, std::string_view s, JsonAlloc& a) {
  put_value(obj, key, json_str(s, a), a);
}
void put_int(JsonValue& obj, std::string_view key, int64_t n, JsonAlloc& a) {
  put_value(obj, key, JsonValue(static_cast<int64_t>(n)), a);
}
void put_num(JsonValue& obj, std::string_view key, double n, JsonAlloc& a) {
  // Lightspeed writes whole amounts without a fraction ("priceCost": 0, "basePriceExcl": 7).
  if (std::floor(n) == n && std::fabs(n) < 1e15) {
    put_value(obj, key, JsonValue(static_cast<int64_t>(n)), a);
  } else {
    put_value(obj, key, JsonValue(n), a);
  }
}
void put_bool(JsonValue& obj, std::string_view key, bool b, JsonAlloc& a) {
  put_value(obj, key, JsonValue(b), a);
}
void put_null(JsonValue& obj, std::string_view key, JsonAlloc& a) { put_value(obj, key, JsonValue(), a); }

const JsonValue* member(const JsonValue& obj, std::string_view key) {
  if (!obj.IsObject()) return nullptr;
  auto it = obj.FindMember(JsonValue(rapidjson::StringRef(key.data(), key.size())));
  return it == obj.MemberEnd() ? nullptr : &it->value;
}

std::optional<std::string> member_str(const JsonValue& obj, std::string_view key) {
  const JsonValue* v = member(obj, key);
  if (!v || !v->IsString()) return std::nullopt;
  return std::string(v->GetString(), v->GetStringLength());
}

std::optional<int64_t> member_int(const JsonValue& obj, std::string_view key) {
  const JsonValue* v = member(obj, key);
  if (!v) return std::nullopt;
  if (v->IsInt64()) return v->GetInt64();
  if (v->IsDouble()) return static_cast<int64_t>(v->GetDouble());
  return std::nullopt;
}

std::string scalar_text(const JsonValue& v) {
  if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
  if (v.IsInt64()) return std::to_string(v.GetInt64());
  if (v.IsUint64()) return std::to_string(v.GetUint64());
  if (v.IsDouble()) return fmt::format("{}", v.GetDouble());
  if (v.IsTrue()) return "true";
  return "";
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view b) { return ascii_lower(a) == ascii_lower(b); }

}  // namespace lsmplus::sandbox
