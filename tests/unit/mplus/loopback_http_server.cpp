#include "unit/mplus/loopback_http_server.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace lsmplus::testing {

namespace {

std::string percent_decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (text[i] == '+') {
      out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

bool send_all(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    default:
      return "Status";
  }
}

}  // namespace

std::string LoopbackHttpServer::Request::query_value(const std::string& name) const {
  auto question = target.find('?');
  if (question == std::string::npos) return "";
  std::string query = target.substr(question + 1);
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string pair = query.substr(start, end - start);
    auto eq = pair.find('=');
    if (eq != std::string::npos && percent_decode(pair.substr(0, eq)) == name)
      return percent_decode(pair.substr(eq + 1));
    start = end + 1;
  }
  return "";
}

LoopbackHttpServer::LoopbackHttpServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(listen_fd_ >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  REQUIRE(::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(listen_fd_, 16) == 0);
  socklen_t length = sizeof address;
  REQUIRE(::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { serve(); });
}

LoopbackHttpServer::~LoopbackHttpServer() {
  stopping_ = true;
  thread_.join();
  ::close(listen_fd_);
}

void LoopbackHttpServer::serve() {
  while (!stopping_) {
    pollfd waiting{listen_fd_, POLLIN, 0};
    if (::poll(&waiting, 1, 50) <= 0) continue;
    int connection = ::accept(listen_fd_, nullptr, nullptr);
    if (connection < 0) continue;
    answer(connection);
    ::close(connection);
  }
}

void LoopbackHttpServer::answer(int connection) {
  std::string received;
  char buffer[8192];
  size_t header_end = std::string::npos;
  auto read_more = [&] {
    ssize_t n = ::recv(connection, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    received.append(buffer, static_cast<size_t>(n));
    return true;
  };
  while ((header_end = received.find("\r\n\r\n")) == std::string::npos) {
    if (!read_more()) return;
  }
  Request request;
  std::string head = received.substr(0, header_end);
  size_t line_end = head.find("\r\n");
  std::string request_line = head.substr(0, line_end);
  auto first_space = request_line.find(' ');
  auto second_space = request_line.find(' ', first_space + 1);
  request.method = request_line.substr(0, first_space);
  request.target = request_line.substr(first_space + 1, second_space - first_space - 1);
  size_t position = line_end == std::string::npos ? head.size() : line_end + 2;
  while (position < head.size()) {
    size_t end = head.find("\r\n", position);
    if (end == std::string::npos) end = head.size();
    std::string line = head.substr(position, end - position);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      request.headers[name] = value;
    }
    position = end + 2;
  }
  size_t content_length =
      request.headers.count("content-length") ? std::stoul(request.headers["content-length"]) : 0;
  if (request.headers.count("expect") && !send_all(connection, "HTTP/1.1 100 Continue\r\n\r\n")) return;
  request.body = received.substr(header_end + 4);
  while (request.body.size() < content_length) {
    ssize_t n = ::recv(connection, buffer, sizeof buffer, 0);
    if (n <= 0) return;
    request.body.append(buffer, static_cast<size_t>(n));
  }
  Response response = handler_(request);
  send_all(connection, "HTTP/1.1 " + std::to_string(response.status) + " " + reason_phrase(response.status) +
                           "\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: " +
                           std::to_string(response.body.size()) + "\r\nConnection: close\r\n\r\n" +
                           response.body);
}

}  // namespace lsmplus::testing
