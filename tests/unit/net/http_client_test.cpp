#include <catch2/catch.hpp>
#include <httplib.h>

#include <atomic>

#include "lsmplus/net/http_client.hpp"
#include "lsmplus/net/rate_governor.hpp"
#include "support/local_server.hpp"
#include "support/process.hpp"

using namespace lsmplus;
using namespace std::chrono_literals;

namespace {

using testing::LocalServer;

net::HttpRequest request(const std::string& method, const std::string& url) {
  net::HttpRequest r;
  r.method = method;
  r.url = url;
  return r;
}

net::HttpOptions fast_options() {
  net::HttpOptions o;
  o.max_attempts = 4;
  o.connect_timeout = 2000ms;
  o.total_timeout = 5000ms;
  return o;
}

}  // namespace

TEST_CASE("5xx answers are retried with backoff until one succeeds", "[net]") {
  std::atomic<int> calls{0};
  LocalServer server([&](httplib::Server& s) {
    s.Get("/flaky", [&](const httplib::Request&, httplib::Response& res) {
      if (++calls < 3) {
        res.status = 503;
        return;
      }
      res.set_content("ok", "text/plain");
    });
  });
  net::HttpClient client(fast_options());
  std::vector<std::chrono::milliseconds> sleeps;
  client.set_sleeper([&](std::chrono::milliseconds d) { sleeps.push_back(d); });
  auto res = client.send(request("GET", server.url("/flaky")));
  REQUIRE(res.ok());
  CHECK(res->status == 200);
  CHECK(res->body == "ok");
  CHECK(calls == 3);
  CHECK(client.last_attempts() == 3);
  REQUIRE(sleeps.size() == 2);
  CHECK(sleeps[0] <= 30000ms);
}

TEST_CASE("a non-idempotent request is not sent again after a 5xx", "[net]") {
  std::atomic<int> calls{0};
  LocalServer server([&](httplib::Server& s) {
    s.Post("/write", [&](const httplib::Request&, httplib::Response& res) {
      ++calls;
      res.status = 500;
    });
  });
  net::HttpClient client(fast_options());
  client.set_sleeper([](std::chrono::milliseconds) {});
  net::HttpRequest req = request("POST", server.url("/write"));
  req.body = "x";
  req.idempotent = false;
  auto res = client.send(req);
  REQUIRE(res.ok());
  CHECK(res->status == 500);
  CHECK(calls == 1);
}

TEST_CASE("a 429 is retried after the wait the rate-limit headers ask for", "[net]") {
  std::atomic<int> calls{0};
  LocalServer server([&](httplib::Server& s) {
    s.Get("/limited", [&](const httplib::Request&, httplib::Response& res) {
      res.set_header("X-RateLimit-Limit", "300/3000/12000");
      res.set_header("X-RateLimit-Reset", "0/100/1000");
      if (++calls == 1) {
        res.status = 429;
        res.set_header("X-RateLimit-Remaining", "-1/100/1000");
        return;
      }
      res.set_header("X-RateLimit-Remaining", "299/100/1000");
      res.set_content("{}", "application/json");
    });
  });
  auto governor = std::make_shared<net::RateGovernor>(10, std::chrono::seconds(900));
  net::HttpClient client(fast_options(), governor);
  std::vector<std::chrono::milliseconds> sleeps;
  client.set_sleeper([&](std::chrono::milliseconds d) { sleeps.push_back(d); });
  auto res = client.send(request("GET", server.url("/limited")));
  REQUIRE(res.ok());
  CHECK(res->status == 200);
  CHECK(calls == 2);
  // The -1 slot resets in 0 s: the governor waits that plus one second before the retry.
  REQUIRE_FALSE(sleeps.empty());
  CHECK(sleeps.back() >= 900ms);
}

TEST_CASE("a rate-limit wait longer than allowed ends with a temporary error", "[net]") {
  LocalServer server([&](httplib::Server& s) {
    s.Get("/limited", [&](const httplib::Request&, httplib::Response& res) {
      res.status = 429;
      res.set_header("X-RateLimit-Remaining", "5/-1/1000");
      res.set_header("X-RateLimit-Reset", "10/3000/10000");
    });
  });
  auto governor = std::make_shared<net::RateGovernor>(10, std::chrono::seconds(60));
  net::HttpClient client(fast_options(), governor);
  client.set_sleeper([](std::chrono::milliseconds) {});
  auto res = client.send(request("GET", server.url("/limited")));
  REQUIRE_FALSE(res.ok());
  CHECK(res.error().cls == ErrorClass::temporary);
  CHECK_THAT(res.error().message, Catch::Contains("max_rate_wait_seconds"));
}

TEST_CASE("no server at all is `unavailable` after the retries, with the secret masked", "[net]") {
  int port = testing::unused_port();
  net::HttpClient client(fast_options());
  int sleeps = 0;
  client.set_sleeper([&](std::chrono::milliseconds) { ++sleeps; });
  auto res = client.send(request("POST", "http://127.0.0.1:" + std::to_string(port) + "/?ident=shop&secret=hunter2"));
  REQUIRE_FALSE(res.ok());
  CHECK(res.error().cls == ErrorClass::unavailable);
  CHECK(client.last_attempts() == 4);
  CHECK(sleeps == 3);
  CHECK_THAT(res.error().message, !Catch::Contains("hunter2"));
  CHECK_THAT(res.error().message, Catch::Contains("secret=***"));
}

TEST_CASE("basic auth travels in the Authorization header", "[net]") {
  std::string seen;
  LocalServer server([&](httplib::Server& s) {
    s.Get("/auth", [&](const httplib::Request& req, httplib::Response& res) {
      seen = req.get_header_value("Authorization");
      res.set_content("{}", "application/json");
    });
  });
  net::HttpClient client(fast_options());
  net::HttpRequest req = request("GET", server.url("/auth"));
  req.basic_user = "key";
  req.basic_password = "secret";
  auto res = client.send(req);
  REQUIRE(res.ok());
  CHECK(seen == "Basic a2V5OnNlY3JldA==");
}

TEST_CASE("redact_url masks credentials in query and userinfo", "[net]") {
  CHECK(net::redact_url("https://h:1/?ident=a&secret=b&x=1", {"ident", "secret"}) == "https://h:1/?ident=***&secret=***&x=1");
  CHECK(net::redact_url("https://user:pw@h/x", {}) == "https://***@h/x");
  CHECK(net::url_encode("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9");
}

TEST_CASE("a 5xx the caller marks as final is not retried", "[net]") {
  std::atomic<int> calls{0};
  LocalServer server([&](httplib::Server& s) {
    s.Post("/soap", [&](const httplib::Request&, httplib::Response& res) {
      ++calls;
      res.status = 500;
      res.set_content("<faultcode>SOAP-ENV:Client</faultcode>", "text/xml");
    });
  });
  net::HttpClient client(fast_options());
  client.set_sleeper([](std::chrono::milliseconds) {});
  net::HttpRequest req = request("POST", server.url("/soap"));
  req.retry_5xx = [](const net::HttpResponse& r) { return r.body.find("Client") == std::string::npos; };
  auto res = client.send(req);
  REQUIRE(res.ok());
  CHECK(res->status == 500);
  CHECK(calls == 1);
}
