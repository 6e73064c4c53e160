#include "lsmplus/net/http_client.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <random>
#include <thread>

#include "lsmplus/net/rate_governor.hpp"
#include "lsmplus/ops/log.hpp"

namespace lsmplus::net {

namespace {

void global_curl_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlHandle {
  CURL* h = nullptr;
  CurlHandle() : h(curl_easy_init()) {}
  ~CurlHandle() {
    if (h) curl_easy_cleanup(h);
  }
};

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  void add(const std::string& line) { list = curl_slist_append(list, line.c_str()); }
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    auto b = value.find_first_not_of(" \t");
    auto e = value.find_last_not_of(" \t\r\n");
    (*headers)[name] = b == std::string::npos ? "" : value.substr(b, e - b + 1);
  } else if (line.rfind("HTTP/", 0) == 0) {
    headers->clear();  // a new response (after a redirect or 100-continue)
  }
  return size * n;
}

// Whether the request cannot have reached the server, so that even a non-idempotent write may
// be sent again.
bool never_connected(CURLcode code) {
  return code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY;
}

bool retryable_transport(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

}  // namespace

const std::string& HttpResponse::header(const std::string& name) const {
  static const std::string empty;
  auto it = headers.find(name);
  return it == headers.end() ? empty : it->second;
}

std::string url_encode(const std::string& value) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string redact_url(const std::string& url, const std::vector<std::string>& secret_params) {
  std::string out = url;
  // user:password@host
  auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    auto at = out.find('@', scheme + 3);
    auto slash = out.find('/', scheme + 3);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) out.replace(scheme + 3, at - scheme - 3, "***");
  }
  auto q = out.find('?');
  if (q == std::string::npos) return out;
  size_t pos = q + 1;
  while (pos < out.size()) {
    size_t end = out.find('&', pos);
    if (end == std::string::npos) end = out.size();
    size_t eq = out.find('=', pos);
    if (eq != std::string::npos && eq < end) {
      std::string name = out.substr(pos, eq - pos);
      if (std::find(secret_params.begin(), secret_params.end(), name) != secret_params.end()) {
        out.replace(eq + 1, end - eq - 1, "***");
        end = eq + 4;
      }
    }
    pos = end + 1;
  }
  return out;
}

struct HttpClient::Impl {
  HttpOptions options;
  std::shared_ptr<RateGovernor> governor;
  CurlHandle curl;  // reused across requests: keeps the connection alive
  std::function<void(std::chrono::milliseconds)> sleeper = [](std::chrono::milliseconds d) {
    std::this_thread::sleep_for(d);
  };
  std::mt19937_64 rng{std::random_device{}()};

  std::chrono::milliseconds backoff(int attempt) {
    auto ceiling = options.backoff_base.count() << std::min(attempt, 20);
    ceiling = std::min<long long>(ceiling, options.backoff_cap.count());
    std::uniform_int_distribution<long long> dist(ceiling / 2, std::max<long long>(ceiling, 1));
    return std::chrono::milliseconds(dist(rng));
  }
};

HttpClient::HttpClient(HttpOptions options, std::shared_ptr<RateGovernor> governor) : impl_(std::make_unique<Impl>()) {
  global_curl_init();
  impl_->options = std::move(options);
  impl_->governor = std::move(governor);
}

HttpClient::~HttpClient() = default;

void HttpClient::set_sleeper(std::function<void(std::chrono::milliseconds)> sleeper) {
  impl_->sleeper = std::move(sleeper);
}

Result<HttpResponse> HttpClient::send(const HttpRequest& request) {
  auto& o = impl_->options;
  const std::string shown_url = redact_url(request.url, o.secret_query_params);
  CURL* c = impl_->curl.h;
  if (!c) return make_error(ErrorClass::internal, "cannot initialise libcurl");
  last_attempts_ = 0;
  std::string last_problem;
  for (int attempt = 1; attempt <= std::max(1, o.max_attempts); ++attempt) {
    last_attempts_ = attempt;
    if (impl_->governor) {
      auto wait = impl_->governor->acquire();
      if (wait > impl_->governor->max_wait()) {
        return make_error(ErrorClass::temporary,
                          fmt::format("rate limit: the next request to {} may only start in {} s, longer than the "
                                      "{} s allowed (max_rate_wait_seconds)",
                                      shown_url, wait.count() / 1000, impl_->governor->max_wait().count()));
      }
      if (wait.count() > 0) {
        if (wait.count() >= 1000)
          ops::log_info("waiting for the API rate limit", {{"seconds", std::to_string(wait.count() / 1000)}});
        impl_->sleeper(wait);
      }
    }
    curl_easy_reset(c);
    HttpResponse response;
    HeaderList headers;
    for (const auto& [k, v] : request.headers) headers.add(k + ": " + v);
    headers.add("Expect:");
    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.list);
    curl_easy_setopt(c, CURLOPT_USERAGENT, o.user_agent.c_str());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(o.total_timeout.count()));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, o.verify_tls ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, o.verify_tls ? 2L : 0L);
    if (!o.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, o.ca_file.c_str());
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &response.headers);
    if (!request.basic_user.empty() || !request.basic_password.empty()) {
      curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
      curl_easy_setopt(c, CURLOPT_USERNAME, request.basic_user.c_str());
      curl_easy_setopt(c, CURLOPT_PASSWORD, request.basic_password.c_str());
    }
    if (request.method == "GET") {
      curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
    }
    auto started = std::chrono::steady_clock::now();
    ++requests_sent_;
    CURLcode rc = curl_easy_perform(c);
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (rc != CURLE_OK) {
      last_problem = curl_easy_strerror(rc);
      ops::log_debug("http request failed", {{"method", request.method}, {"url", shown_url},
                                             {"attempt", std::to_string(attempt)}, {"error", last_problem}});
      bool may_retry = retryable_transport(rc) && (request.idempotent || never_connected(rc));
      if (!may_retry || attempt == o.max_attempts) break;
      impl_->sleeper(impl_->backoff(attempt));
      continue;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
    ops::log_debug("http", {{"method", request.method}, {"url", shown_url}, {"status", std::to_string(response.status)},
                            {"ms", std::to_string(elapsed.count())}, {"attempt", std::to_string(attempt)}});
    if (impl_->governor) impl_->governor->observe(response.headers);
    if (response.status == 429 && attempt < o.max_attempts) {
      auto wait = impl_->governor ? impl_->governor->wait_after_429(response.headers) : impl_->backoff(attempt);
      if (impl_->governor && wait > impl_->governor->max_wait()) {
        return make_error(ErrorClass::temporary,
                          fmt::format("rate limit: {} answered 429 and asks for a wait of {} s, longer than the {} s "
                                      "allowed (max_rate_wait_seconds)",
                                      shown_url, std::chrono::duration_cast<std::chrono::seconds>(wait).count(),
                                      impl_->governor->max_wait().count()));
      }
      if (!impl_->governor) impl_->sleeper(wait);
      continue;  // a 429 was not processed: always safe to send again
    }
    if (response.status >= 500 && request.idempotent && attempt < o.max_attempts &&
        (!request.retry_5xx || request.retry_5xx(response))) {
      last_problem = fmt::format("HTTP {}", response.status);
      impl_->sleeper(impl_->backoff(attempt));
      continue;
    }
    return response;
  }
  return make_error(ErrorClass::unavailable, fmt::format("{} {} failed after {} attempt(s): {}", request.method,
                                                         shown_url, last_attempts_, last_problem));
}

}  // namespace lsmplus::net
