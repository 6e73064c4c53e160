// Runs the real binaries from integration tests: one-shot commands with captured output, and a
// sandbox kept running in the background for the length of a test.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <sys/types.h>

namespace lsmplus::testing {

struct CommandResult {
  int exit_code = -1;  // the process's exit status, or 128+signal
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] is a path) with extra environment variables, waits at most `timeout`
// (then kills it and fails the test) and returns its exit code and output.
CommandResult run_command(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                          std::chrono::seconds timeout = std::chrono::seconds(120),
                          const std::filesystem::path& cwd = {});

// Path of a built executable ("lsmplus", "lsmplus-sandbox").
std::filesystem::path bin(const std::string& name);

// A running lsmplus-sandbox on free ports; stopped (SIGTERM, then SIGKILL) on destruction.
class Sandbox {
 public:
  // Starts `lsmplus-sandbox --lightspeed-port 0 --mplus-port 0` plus `extra_args` and waits for
  // its first stdout line, the JSON with both base URLs. Fails the test if it does not come.
  explicit Sandbox(const std::vector<std::string>& extra_args = {"--seed", "demo"});
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  const std::string& lightspeed_url() const { return lightspeed_url_; }
  const std::string& mplus_url() const { return mplus_url_; }

  // GET /_sandbox/state on the Lightspeed or Mplus port; returns the body.
  std::string lightspeed_state() const;
  std::string mplus_state() const;

  // Environment for examples/sandbox.yaml pointing at this sandbox.
  std::map<std::string, std::string> env() const;

 private:
  pid_t pid_ = -1;
  std::string lightspeed_url_;
  std::string mplus_url_;
};

// A blocking HTTP request to localhost (tests only). Returns the status and fills `body`.
long http_request(const std::string& method, const std::string& url, std::string& body,
                  const std::string& request_body = "", const std::string& content_type = "application/json");

// A TCP port on 127.0.0.1 with nothing listening (bound, then closed).
int unused_port();

}  // namespace lsmplus::testing
