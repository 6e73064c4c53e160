// Appends every request the sandbox receives to a JSON Lines file (--record).
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

#include "http_server.hpp"

namespace lsmplus::sandbox {

class Recorder {
 public:
  Recorder() = default;
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Opens `path` for appending. Returns false (with errno set) when it cannot.
  bool open(const std::string& path);

  // Writes one line {"api","method","path","query","body"} and flushes it. Query
  // values of `secret` and `ident` are written as "***"; headers (and so the
  // Authorization header) are never written. Does nothing when no file is open.
  void record(const char* api, const HttpRequest& req);

 private:
  std::mutex mu_;
  std::FILE* file_ = nullptr;
};

}  // namespace lsmplus::sandbox
