#include "recorder.hpp"

#include <rapidjson/document.h>

#include "json_util.hpp"

namespace lsmplus::sandbox {

Recorder::~Recorder() {
  if (file_) std::fclose(file_);
}

bool Recorder::open(const std::string& path) {
  file_ = std::fopen(path.c_str(), "a");
  return file_ != nullptr;
}

void Recorder::record(const char* api, const HttpRequest& req) {
  if (!file_) return;
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  put_str(doc, "api", api, a);
  put_str(doc, "method", req.method, a);
  put_str(doc, "path", req.path, a);
  JsonValue query(rapidjson::kObjectType);
  for (const auto& [k, v] : req.query) {
    put_str(query, k, (k == "secret" || k == "ident") ? std::string("***") : v, a);
  }
  put_value(doc, "query", std::move(query), a);
  put_str(doc, "body", req.body, a);
  std::string line = to_json(doc) + "\n";
  std::lock_guard lock(mu_);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace lsmplus::sandbox
