// Logging for people (text) and machines (JSON Lines), on stderr. Every line passes through the
// redactor, so registered secret values never reach the output whatever the caller formats.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lsmplus::ops {

enum class LogLevel { debug = 0, info = 1, warn = 2, error = 3 };
enum class LogFormat { text, json };

// Global logger settings; set once at start-up from the CLI and the config.
void set_log_level(LogLevel level);
void set_log_format(LogFormat format);
LogLevel log_level();

// Registers a secret value (API key, secret, ident): it is replaced by "***" in every later log
// line. Empty values are ignored.
void register_secret(const std::string& value);

// Replaces every registered secret in `text` by "***".
std::string redact(std::string text);

// Parses "debug", "info", "warn", "error"; returns false for anything else.
bool parse_log_level(std::string_view text, LogLevel& out);

// Extra structured fields of a log line (key, value); values are strings.
using LogFields = std::vector<std::pair<std::string, std::string>>;

// Writes one line if `level` is enabled. In text format: "LEVEL message key=value ..."; in JSON
// format: {"ts":…,"level":…,"msg":…,key:value,…}.
void log(LogLevel level, std::string_view message, const LogFields& fields = {});

inline void log_debug(std::string_view m, const LogFields& f = {}) { log(LogLevel::debug, m, f); }
inline void log_info(std::string_view m, const LogFields& f = {}) { log(LogLevel::info, m, f); }
inline void log_warn(std::string_view m, const LogFields& f = {}) { log(LogLevel::warn, m, f); }
inline void log_error(std::string_view m, const LogFields& f = {}) { log(LogLevel::error, m, f); }

}  // namespace lsmplus::ops
