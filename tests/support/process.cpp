#include "support/process.hpp"

#include <catch2/catch.hpp>
#include <curl/curl.h>
#include <rapidjson/document.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

extern char** environ;

namespace lsmplus::testing {

namespace fs = std::filesystem;

fs::path bin(const std::string& name) { return fs::path(LSMPLUS_BIN_DIR) / name; }

namespace {

std::vector<char*> make_argv(const std::vector<std::string>& argv) {
  std::vector<char*> out;
  for (const auto& a : argv) out.push_back(const_cast<char*>(a.c_str()));
  out.push_back(nullptr);
  return out;
}

// The current environment with `extra` added or replaced.
std::vector<std::string> make_env(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> out;
  for (char** e = environ; *e; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string::npos && extra.count(entry.substr(0, eq))) continue;
    out.push_back(entry);
  }
  for (const auto& [k, v] : extra) out.push_back(k + "=" + v);
  return out;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                          std::chrono::seconds timeout, const fs::path& cwd) {
  int out_pipe[2], err_pipe[2];
  REQUIRE(pipe(out_pipe) == 0);
  REQUIRE(pipe(err_pipe) == 0);
  auto envs = make_env(env);
  std::vector<char*> envp;
  for (auto& e : envs) envp.push_back(e.data());
  envp.push_back(nullptr);
  auto args = make_argv(argv);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    close(out_pipe[0]);
    close(err_pipe[0]);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
    execve(args[0], args.data(), envp.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  CommandResult result;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  bool timed_out = false;
  char buf[65536];
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    int rc = poll(fds, 2, static_cast<int>(left.count()));
    if (rc < 0 && errno == EINTR) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        (i == 0 ? result.out : result.err).append(buf, static_cast<size_t>(n));
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) close(f.fd);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = decode_status(status);
  if (timed_out) FAIL("command timed out: " << argv[0] << "\nstdout:\n" << result.out << "\nstderr:\n" << result.err);
  return result;
}

Sandbox::Sandbox(const std::vector<std::string>& extra_args) {
  std::vector<std::string> argv{bin("lsmplus-sandbox").string(), "--lightspeed-port", "0", "--mplus-port", "0"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  int out_pipe[2];
  REQUIRE(pipe(out_pipe) == 0);
  auto args = make_argv(argv);
  pid_ = fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    dup2(out_pipe[1], 1);
    close(out_pipe[0]);
    execv(args[0], args.data());
    _exit(127);
  }
  close(out_pipe[1]);
  std::string line;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  pollfd pfd{out_pipe[0], POLLIN, 0};
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    if (poll(&pfd, 1, 200) > 0) {
      char c[512];
      ssize_t n = read(out_pipe[0], c, sizeof c);
      if (n <= 0) break;
      line.append(c, static_cast<size_t>(n));
    }
  }
  close(out_pipe[0]);  // later output of the sandbox goes nowhere; it only logs to stderr
  rapidjson::Document doc;
  doc.Parse(line.substr(0, line.find('\n')).c_str());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("lightspeed") || !doc.HasMember("mplus")) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    FAIL("lsmplus-sandbox did not print its URLs; first line was: " << line);
  }
  lightspeed_url_ = doc["lightspeed"].GetString();
  mplus_url_ = doc["mplus"].GetString();
}

Sandbox::~Sandbox() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 50; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

std::string Sandbox::lightspeed_state() const {
  std::string body;
  REQUIRE(http_request("GET", lightspeed_url_ + "/_sandbox/state", body) == 200);
  return body;
}

std::string Sandbox::mplus_state() const {
  std::string body;
  REQUIRE(http_request("GET", mplus_url_ + "/_sandbox/state", body) == 200);
  return body;
}

std::map<std::string, std::string> Sandbox::env() const {
  return {{"LSMPLUS_SANDBOX_LIGHTSPEED_URL", lightspeed_url_}, {"LSMPLUS_SANDBOX_MPLUS_URL", mplus_url_}};
}

static size_t collect(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

long http_request(const std::string& method, const std::string& url, std::string& body,
                  const std::string& request_body, const std::string& content_type) {
  CURL* curl = curl_easy_init();
  REQUIRE(curl != nullptr);
  body.clear();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_slist* headers = nullptr;
  if (!request_body.empty()) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request_body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request_body.size()));
    headers = curl_slist_append(headers, ("Content-Type: " + content_type).c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  }
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) FAIL("HTTP " << method << " " << url << " failed: " << curl_easy_strerror(rc));
  return status;
}

int unused_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

}  // namespace lsmplus::testing
