// A minimal HTTP/1.1 server on 127.0.0.1 for client tests: one request per connection, answered
// by a handler on a background thread. (The packaged cpp-httplib is a compiled library the unit
// test target does not link, so the tests carry this small one.)
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <thread>

namespace lsmplus::testing {

class LoopbackHttpServer {
 public:
  struct Request {
    std::string method;
    std::string target;                          // path and query as received
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
    // The percent-decoded value of a query parameter, or "" when absent.
    std::string query_value(const std::string& name) const;
  };
  struct Response {
    int status = 200;
    std::string body;
  };
  using Handler = std::function<Response(const Request&)>;

  // Listens on a free port at once; fails the test when it cannot.
  explicit LoopbackHttpServer(Handler handler);
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  void serve();
  void answer(int connection);

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace lsmplus::testing
