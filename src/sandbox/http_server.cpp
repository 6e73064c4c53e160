#include "http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fmt/core.h>

namespace lsmplus::sandbox {

namespace {

constexpr size_t kMaxHeaderBytes = 64 * 1024;
constexpr size_t kMaxBodyBytes = 64 * 1024 * 1024;
constexpr int kIdleTimeoutMs = 30000;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

const char* reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
  }
}

bool send_all(int fd, const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

// Reads more bytes into `buf`. Returns false on EOF, error, timeout or shutdown.
bool read_more(int fd, std::string& buf, const std::atomic<bool>& stopping) {
  int waited = 0;
  while (!stopping) {
    pollfd p{fd, POLLIN, 0};
    int r = ::poll(&p, 1, 200);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return false;
    if (r == 0) {
      waited += 200;
      if (waited >= kIdleTimeoutMs) return false;
      continue;
    }
    char tmp[16384];
    ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buf.append(tmp, static_cast<size_t>(n));
    return true;
  }
  return false;
}

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string url_decode(const std::string& s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size() && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_urlencoded(const std::string& s) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t amp = s.find('&', pos);
    if (amp == std::string::npos) amp = s.size();
    std::string part = s.substr(pos, amp - pos);
    if (!part.empty()) {
      size_t eq = part.find('=');
      if (eq == std::string::npos) {
        out.emplace_back(url_decode(part, true), "");
      } else {
        out.emplace_back(url_decode(part.substr(0, eq), true), url_decode(part.substr(eq + 1), true));
      }
    }
    pos = amp + 1;
  }
  return out;
}

const std::string* HttpRequest::query_value(const std::string& name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return &v;
  }
  return nullptr;
}

std::string HttpRequest::header(const std::string& name) const {
  auto it = headers.find(lower(name));
  return it == headers.end() ? std::string() : it->second;
}

HttpServer::HttpServer(HttpHandler handler) : handler_(std::move(handler)) {}

HttpServer::~HttpServer() { stop(); }

int HttpServer::listen(int port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error(fmt::format("socket(): {}", std::strerror(errno)));
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    throw std::runtime_error(fmt::format("cannot bind 127.0.0.1:{}: {}", port, std::strerror(errno)));
  }
  if (::listen(listen_fd_, 128) != 0) {
    throw std::runtime_error(fmt::format("listen(): {}", std::strerror(errno)));
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  return ntohs(addr.sin_port);
}

void HttpServer::start() {
  accept_thread_ = std::thread([this] { accept_loop(); });
}

void HttpServer::stop() {
  if (stopping_.exchange(true)) return;
  if (accept_thread_.joinable()) accept_thread_.join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  listen_fd_ = -1;
  {
    std::lock_guard lock(conns_mu_);
    for (auto& c : conns_) {
      if (c->fd >= 0) ::shutdown(c->fd, SHUT_RDWR);
    }
  }
  reap(true);
}

void HttpServer::reap(bool all) {
  std::list<std::unique_ptr<Connection>> finished;
  {
    std::lock_guard lock(conns_mu_);
    for (auto it = conns_.begin(); it != conns_.end();) {
      if (all || (*it)->done) {
        finished.push_back(std::move(*it));
        it = conns_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& c : finished) {
    if (c->thread.joinable()) c->thread.join();
  }
}

void HttpServer::accept_loop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    int r = ::poll(&p, 1, 200);
    reap(false);
    if (r <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto conn = std::make_unique<Connection>();
    conn->fd = fd;
    Connection* raw = conn.get();
    std::lock_guard lock(conns_mu_);
    conns_.push_back(std::move(conn));
    raw->thread = std::thread([this, raw] { serve(raw); });
  }
}

void HttpServer::serve(Connection* conn) {
  const int fd = conn->fd;
  std::string buf;
  bool keep_alive = true;
  while (keep_alive && !stopping_) {
    size_t header_end;
    while ((header_end = buf.find("\r\n\r\n")) == std::string::npos) {
      if (buf.size() > kMaxHeaderBytes || !read_more(fd, buf, stopping_)) goto done;
    }
    {
      HttpRequest req;
      std::string head = buf.substr(0, header_end);
      buf.erase(0, header_end + 4);
      size_t line_end = head.find("\r\n");
      std::string request_line = head.substr(0, line_end);
      size_t sp1 = request_line.find(' ');
      size_t sp2 = request_line.rfind(' ');
      if (sp1 == std::string::npos || sp2 == sp1) goto done;
      req.method = request_line.substr(0, sp1);
      std::string target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
      std::string version = request_line.substr(sp2 + 1);
      size_t q = target.find('?');
      req.path = url_decode(target.substr(0, q), false);
      if (q != std::string::npos) {
        req.raw_query = target.substr(q + 1);
        req.query = parse_urlencoded(req.raw_query);
      }
      size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
      while (pos < head.size()) {
        size_t e = head.find("\r\n", pos);
        if (e == std::string::npos) e = head.size();
        std::string line = head.substr(pos, e - pos);
        size_t colon = line.find(':');
        if (colon != std::string::npos) {
          req.headers[lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
        }
        pos = e + 2;
      }
      std::string connection = lower(req.header("connection"));
      keep_alive = version == "HTTP/1.1" ? connection != "close" : connection == "keep-alive";
      if (lower(req.header("expect")) == "100-continue") {
        if (!send_all(fd, "HTTP/1.1 100 Continue\r\n\r\n")) goto done;
      }
      if (lower(req.header("transfer-encoding")).find("chunked") != std::string::npos) {
        while (true) {
          size_t le;
          while ((le = buf.find("\r\n")) == std::string::npos) {
            if (!read_more(fd, buf, stopping_)) goto done;
          }
          size_t chunk = std::strtoul(buf.substr(0, le).c_str(), nullptr, 16);
          if (req.body.size() + chunk > kMaxBodyBytes) goto done;
          while (buf.size() < le + 2 + chunk + 2) {
            if (!read_more(fd, buf, stopping_)) goto done;
          }
          req.body.append(buf, le + 2, chunk);
          buf.erase(0, le + 2 + chunk + 2);
          if (chunk == 0) break;
        }
      } else {
        size_t length = std::strtoull(req.header("content-length").c_str(), nullptr, 10);
        if (length > kMaxBodyBytes) goto done;
        while (buf.size() < length) {
          if (!read_more(fd, buf, stopping_)) goto done;
        }
        req.body = buf.substr(0, length);
        buf.erase(0, length);
      }

      HttpResponse res;
      try {
        handler_(req, res);
      } catch (const std::exception& e) {
        res = HttpResponse{};
        res.status = 500;
        res.content_type = "text/plain";
        res.body = std::string("sandbox internal error: ") + e.what();
      }
      if (res.drop) goto done;
      std::string out = fmt::format("HTTP/1.1 {} {}\r\n", res.status, reason_phrase(res.status));
      if (!res.content_type.empty()) out += "Content-Type: " + res.content_type + "\r\n";
      for (const auto& [k, v] : res.headers) out += k + ": " + v + "\r\n";
      out += fmt::format("Content-Length: {}\r\n", res.body.size());
      if (!keep_alive) out += "Connection: close\r\n";
      out += "\r\n";
      if (req.method != "HEAD") out += res.body;
      if (!send_all(fd, out)) goto done;
    }
  }
done:
  std::lock_guard lock(conns_mu_);
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
  conn->fd = -1;
  conn->done = true;
}

}  // namespace lsmplus::sandbox
