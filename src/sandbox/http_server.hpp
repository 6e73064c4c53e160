// A small HTTP/1.1 server for the sandbox, bound to 127.0.0.1 only.
//
// Why not cpp-httplib: the packaged cpp-httplib is a compiled library that the
// lsmplus-sandbox target does not link, and it cannot close a connection without
// writing a response, which the `drop` faults need.
#pragma once

#include <atomic>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace lsmplus::sandbox {

struct HttpRequest {
  std::string method;
  std::string path;                             // percent-decoded path without the query
  std::string raw_query;                        // the query string as received, without '?'
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> headers;   // keys lower-cased
  std::string body;

  // Returns the first query value named `name`, or nullptr when absent.
  const std::string* query_value(const std::string& name) const;
  // Returns the header value (name is case-insensitive), or "" when absent.
  std::string header(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the connection is closed without writing anything.
  bool drop = false;
};

using HttpHandler = std::function<void(const HttpRequest&, HttpResponse&)>;

// Decodes %XX escapes; with `plus_is_space`, '+' becomes ' ' (form/query encoding).
std::string url_decode(const std::string& s, bool plus_is_space);
// Splits "a=1&b=2" into decoded pairs.
std::vector<std::pair<std::string, std::string>> parse_urlencoded(const std::string& s);

class HttpServer {
 public:
  explicit HttpServer(HttpHandler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens on 127.0.0.1:`port` (0 picks a free port). Returns the bound
  // port. Throws std::runtime_error when the socket cannot be bound.
  int listen(int port);
  // Starts the accept thread. Each connection is served on its own thread with
  // keep-alive; the handler may run concurrently on several threads.
  void start();
  // Stops accepting, shuts down open connections and joins every thread.
  void stop();

 private:
  struct Connection {
    int fd = -1;
    std::thread thread;
    std::atomic<bool> done{false};
  };

  void accept_loop();
  void serve(Connection* conn);
  void reap(bool all);

  HttpHandler handler_;
  int listen_fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::thread accept_thread_;
  std::mutex conns_mu_;
  std::list<std::unique_ptr<Connection>> conns_;
};

}  // namespace lsmplus::sandbox
