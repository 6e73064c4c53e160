// The only code that touches libcurl (DESIGN.md §2 "Net"): one reused connection per client,
// timeouts, TLS verification, retries with capped exponential backoff and jitter, and an
// optional rate governor that paces requests.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lsmplus/core/error.hpp"

namespace lsmplus::net {

class RateGovernor;

struct HttpResponse;

struct HttpRequest {
  std::string method = "GET";  // GET, POST, PUT, DELETE
  std::string url;             // full URL, may carry credentials in the query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Basic auth, sent as an Authorization header and never logged.
  std::string basic_user;
  std::string basic_password;
  // Whether a retry after the request may have reached the server is safe. Non-idempotent
  // requests are retried only when the connection was never made, or when the caller knows the
  // write is keyed (for example an Mplus createOrder with its unique extOrderId).
  bool idempotent = true;
  // Decides whether a 5xx answer is worth another attempt (for example not a SOAP Client fault,
  // which will fail the same way again). Unset: every 5xx is, for idempotent requests.
  std::function<bool(const HttpResponse&)> retry_5xx;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased

  // Returns the header's value, or an empty string when absent. `name` must be lower case.
  const std::string& header(const std::string& name) const;
};

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{120'000};
  bool verify_tls = true;
  std::string ca_file;  // empty: the system's CA bundle
  int max_attempts = 5;  // first try included
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds backoff_cap{30'000};
  std::string user_agent = "lsmplus/" LSMPLUS_VERSION;
  // Names of query parameters whose values are masked in logs and error messages.
  std::vector<std::string> secret_query_params{"secret", "ident"};
};

// A blocking HTTP client. Not thread-safe: use one per thread.
class HttpClient {
 public:
  // `governor` may be null; when set, every request waits for its permission and feeds it the
  // response headers.
  explicit HttpClient(HttpOptions options, std::shared_ptr<RateGovernor> governor = nullptr);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends the request, retrying 429, 5xx and connection errors (see HttpRequest::idempotent)
  // with capped exponential backoff and full jitter. Returns the final response for any HTTP
  // status that is not retried or ran out of retries (the caller interprets 4xx/5xx), or an
  // Error of class `unavailable` when no response could be had (connection refused, timeout,
  // TLS failure). Every attempt is logged at debug level with credentials masked.
  Result<HttpResponse> send(const HttpRequest& request);

  // Replaces the sleep function (tests use it to run retries without waiting).
  void set_sleeper(std::function<void(std::chrono::milliseconds)> sleeper);

  // How many attempts the last send() made (1 = no retry).
  int last_attempts() const { return last_attempts_; }

  // How many HTTP requests this client has sent in all, retries included.
  int64_t requests_sent() const { return requests_sent_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int last_attempts_ = 0;
  int64_t requests_sent_ = 0;
};

// Masks the values of the named query parameters and any user:password@ part of a URL.
std::string redact_url(const std::string& url, const std::vector<std::string>& secret_params);

// Percent-encodes a query value.
std::string url_encode(const std::string& value);

}  // namespace lsmplus::net
