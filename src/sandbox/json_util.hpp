// Small helpers around RapidJSON used by both emulated APIs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

namespace lsmplus::sandbox {

using JsonValue = rapidjson::Value;
using JsonAlloc = rapidjson::Document::AllocatorType;

// Serialises `v` compactly.
std::string to_json(const JsonValue& v);

// Member setters: add `key` to the object `obj`, replacing an existing member.
void put_value(JsonValue& obj, std::string_view key, JsonValue&& v, JsonAlloc& a);
void put_str(JsonValue& obj, std::string_view key, std::string_view s, JsonAlloc& a);
void put_int(JsonValue& obj, std::string_view key, int64_t n, JsonAlloc& a);
void put_num(JsonValue& obj, std::string_view key, double n, JsonAlloc& a);
void put_bool(JsonValue& obj, std::string_view key, bool b, JsonAlloc& a);
void put_null(JsonValue& obj, std::string_view key, JsonAlloc& a);

JsonValue json_str(std::string_view s, JsonAlloc& a);

// Member lookups that return nullptr / nullopt when the member is absent or of another type.
const JsonValue* member(const JsonValue& obj, std::string_view key);
std::optional<std::string> member_str(const JsonValue& obj, std::string_view key);
std::optional<int64_t> member_int(const JsonValue& obj, std::string_view key);

// Returns the text of a JSON scalar as a query filter would compare it ("" for false/null).
std::string scalar_text(const JsonValue& v);

// Case-insensitive ASCII comparison helpers.
std::string ascii_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);

}  // namespace lsmplus::sandbox
