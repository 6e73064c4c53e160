// Reading Lightspeed documents: the API writes `false` (and sometimes null or "") for "not set",
// and numbers are read back as the exact decimal text the API wrote (API-LIGHTSPEED.md §2). Timestamps carry an offset:
// parse them with util::parse_time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <rapidjson/document.h>

namespace lsmplus::lightspeed {

// The string at `key`, or nullopt when absent, null, false or empty.
std::optional<std::string> text(const rapidjson::Value& object, const char* key);

// The integer at `key` (a JSON number, or numeric text), or nullopt when absent/false/null or
// not an integer.
std::optional<int64_t> integer(const rapidjson::Value& object, const char* key);

// The exact decimal text at `key` ("19.99"), or nullopt when absent/false/null.
std::optional<std::string> decimal(const rapidjson::Value& object, const char* key);

// The boolean at `key`; false when absent.
bool flag(const rapidjson::Value& object, const char* key);

// The id of a resource reference {"resource": {"id": N, ...}}, or nullopt.
std::optional<int64_t> resource_id(const rapidjson::Value& object, const char* key);

// The embedded value of a resource reference ({"resource": {"embedded": ...}}), or nullptr.
const rapidjson::Value* embedded(const rapidjson::Value& object, const char* key);

// The two-letter code of a country object {"code": "nl", ...} (or a plain code string),
// upper-cased; nullopt when absent.
std::optional<std::string> country_code(const rapidjson::Value& object, const char* key);

// Formats unix seconds as a filter value in UTC: "YYYY-MM-DD HH:MM:SS".
std::string format_filter_time(int64_t unix_seconds);

}  // namespace lsmplus::lightspeed
