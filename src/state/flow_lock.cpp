#include "lsmplus/state/flow_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lsmplus::state {

namespace {

// Flow names become part of a file name; keep them to a safe alphabet.
bool valid_flow_name(const std::string& flow) {
  if (flow.empty()) return false;
  for (char c : flow) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<FlowLock>> FlowLock::acquire(const std::string& state_path, const std::string& flow) {
  if (!valid_flow_name(flow)) {
    return make_error(ErrorClass::internal, fmt::format("invalid flow name '{}' for a lock file", flow));
  }
  std::string path = fmt::format("{}.{}.lock", state_path, flow);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return make_error(ErrorClass::state_io, fmt::format("cannot create lock file {}: {}", path, std::strerror(errno)));
  }
  // Owned from here on, so every early return closes the descriptor.
  std::unique_ptr<FlowLock> lock(new FlowLock(fd, path));
  int rc;
  do {
    rc = ::flock(fd, LOCK_EX | LOCK_NB);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    if (errno == EWOULDBLOCK) {
      return make_error(ErrorClass::temporary,
                        fmt::format("another `lsmplus sync {}` is running (lock {} held)", flow, path));
    }
    return make_error(ErrorClass::state_io, fmt::format("cannot lock {}: {}", path, std::strerror(errno)));
  }
  // The pid is for people looking at the file; the kernel's lock is what counts, so a failed
  // write does not matter.
  std::string pid = fmt::format("{}\n", ::getpid());
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] ssize_t written = ::pwrite(fd, pid.data(), pid.size(), 0);
  }
  return lock;
}

FlowLock::~FlowLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace lsmplus::state
