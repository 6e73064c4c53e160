#include "lsmplus/ops/log.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace lsmplus::ops {

namespace {

struct LoggerState {
  std::mutex mu;
  LogLevel level = LogLevel::info;
  LogFormat format = LogFormat::text;
  std::vector<std::string> secrets;
};

LoggerState& state() {
  static LoggerState s;
  return s;
}

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warn: return "warn";
    case LogLevel::error: return "error";
  }
  return "info";
}

std::string utc_timestamp() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

std::string redact_locked(std::string text, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    for (size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 3)) {
      text.replace(pos, secret.size(), "***");
    }
  }
  return text;
}

}  // namespace

void set_log_level(LogLevel level) { state().level = level; }
void set_log_format(LogFormat format) { state().format = format; }
LogLevel log_level() { return state().level; }

void register_secret(const std::string& value) {
  if (value.empty()) return;
  auto& s = state();
  std::lock_guard lock(s.mu);
  for (const auto& existing : s.secrets)
    if (existing == value) return;
  s.secrets.push_back(value);
  // Longer secrets first, so a secret that contains another is masked whole.
  std::sort(s.secrets.begin(), s.secrets.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string redact(std::string text) {
  auto& s = state();
  std::lock_guard lock(s.mu);
  return redact_locked(std::move(text), s.secrets);
}

bool parse_log_level(std::string_view text, LogLevel& out) {
  if (text == "debug") out = LogLevel::debug;
  else if (text == "info") out = LogLevel::info;
  else if (text == "warn") out = LogLevel::warn;
  else if (text == "error") out = LogLevel::error;
  else return false;
  return true;
}

void log(LogLevel level, std::string_view message, const LogFields& fields) {
  auto& s = state();
  if (level < s.level) return;
  std::lock_guard lock(s.mu);
  std::string line;
  if (s.format == LogFormat::json) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key("ts");
    w.String(utc_timestamp().c_str());
    w.Key("level");
    w.String(level_name(level));
    w.Key("msg");
    w.String(redact_locked(std::string(message), s.secrets));
    for (const auto& [k, v] : fields) {
      w.Key(k.c_str(), static_cast<rapidjson::SizeType>(k.size()));
      w.String(redact_locked(v, s.secrets));
    }
    w.EndObject();
    line = buf.GetString();
  } else {
    line = std::string(level_name(level)) + " " + std::string(message);
    for (const auto& [k, v] : fields) {
      bool quote = v.find(' ') != std::string::npos || v.empty();
      line += " " + k + "=" + (quote ? "\"" + v + "\"" : v);
    }
    line = redact_locked(std::move(line), s.secrets);
  }
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace lsmplus::ops
