// The Lightspeed eCom (C-Series) connector: JSON over HTTPS with Basic auth, page/limit paging
// and one-key envelopes (API-LIGHTSPEED.md §1-8). It speaks the wire protocol and nothing else:
// records come out as JSON trees exactly as the API sent them, unwrapped from their envelope.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <rapidjson/document.h>

#include "lsmplus/core/error.hpp"

namespace lsmplus::net {
class HttpClient;
}

namespace lsmplus::lightspeed {

struct Endpoint {
  std::string base_url;  // https://api.webshopapp.com, or the sandbox's URL; no trailing '/'
  std::string language;  // two letters
  std::string api_key;
  std::string api_secret;
};

using Query = std::vector<std::pair<std::string, std::string>>;

// The largest page the API serves (API-LIGHTSPEED.md §5).
inline constexpr int kMaxPageSize = 250;

// Numbers stay JSON numbers; read money with lightspeed::decimal() (records.hpp), which gives the
// exact decimal text the API wrote (a double's shortest round-trip form), never a float.
//
// Errors: 401/403 → `auth`; 404 → `permanent` (the record is gone); 429 that outlasts the
// retries → `temporary`; 5xx or no connection after retries → `unavailable`; a body that is not
// the expected envelope, or another 4xx → `protocol`. Messages carry the API's error message and
// the request path, never credentials.
class Client {
 public:
  Client(net::HttpClient& http, Endpoint endpoint);

  // GET /{lang}/{path}.json?query and returns the value under the envelope's single key.
  Result<rapidjson::Document> get(const std::string& path, const Query& query = {});

  // Walks the pages of a list resource (`limit=250`, `page=1..n`, stopping at a short or empty
  // page) under fixed filters, calling `on_page` with each page's array; `on_page` returns
  // whether to fetch the next page. Stops at the first error, from the API or from `on_page`.
  Result<void> for_each_page(const std::string& path, const Query& filters,
                             const std::function<Result<bool>(const rapidjson::Value& items)>& on_page);

  // GET /orders/{id}.json: the order with its customer and lines embedded.
  Result<rapidjson::Document> get_order(int64_t id);

  // GET /shop.json.
  Result<rapidjson::Document> get_shop();

 private:
  net::HttpClient& http_;
  Endpoint endpoint_;
};

}  // namespace lsmplus::lightspeed
