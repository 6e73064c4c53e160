// One run per flow at a time (DESIGN.md §3 "No overlap"): an flock(2) on a file next to the
// state database. The lock is released when the FlowLock is destroyed or the process dies.
#pragma once

#include <memory>
#include <string>

#include "lsmplus/core/error.hpp"

namespace lsmplus::state {

class FlowLock {
 public:
  // Takes the lock for `flow` on "<state_path>.<flow>.lock" without waiting. Returns an Error of
  // class `temporary` (exit 75) naming the flow and the lock file when another process holds
  // it, or `state_io` when the file cannot be created.
  static Result<std::unique_ptr<FlowLock>> acquire(const std::string& state_path, const std::string& flow);
  ~FlowLock();
  FlowLock(const FlowLock&) = delete;
  FlowLock& operator=(const FlowLock&) = delete;

  const std::string& path() const { return path_; }

 private:
  FlowLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
};

}  // namespace lsmplus::state
