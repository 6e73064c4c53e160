#include "lsmplus/lightspeed/client.hpp"

#include <fmt/format.h>

#include "lsmplus/net/http_client.hpp"

namespace lsmplus::lightspeed {

namespace {

// Numbers stay JSON numbers (so a mapping can tell 20 from "20"); money is read back exactly
// through util::shortest_decimal_text.
constexpr auto kParseFlags = rapidjson::kParseDefaultFlags;

std::string build_query(const Query& query) {
  std::string out;
  for (const auto& [k, v] : query) {
    out += out.empty() ? "?" : "&";
    out += net::url_encode(k) + "=" + net::url_encode(v);
  }
  return out;
}

// The API's own message from {"error": {"message": ...}}, or a short excerpt of the body.
std::string api_message(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse<kParseFlags>(body.c_str(), body.size());
  if (!doc.HasParseError() && doc.IsObject() && doc.HasMember("error")) {
    const auto& e = doc["error"];
    if (e.IsObject() && e.HasMember("message") && e["message"].IsString()) return e["message"].GetString();
    if (e.IsString()) return e.GetString();
  }
  return body.substr(0, 200);
}

Error classify(long status, const std::string& what, const std::string& body) {
  std::string msg = fmt::format("Lightspeed {}: HTTP {}: {}", what, status, api_message(body));
  if (status == 401 || status == 403) {
    return make_error(ErrorClass::auth, msg + " (check lightspeed.api_key, api_secret and the key's permissions)");
  }
  if (status == 404) return make_error(ErrorClass::permanent, msg);
  if (status == 429) return make_error(ErrorClass::temporary, msg);
  if (status >= 500) return make_error(ErrorClass::unavailable, msg);
  return make_error(ErrorClass::protocol, msg);
}

}  // namespace

Client::Client(net::HttpClient& http, Endpoint endpoint) : http_(http), endpoint_(std::move(endpoint)) {}

Result<rapidjson::Document> Client::get(const std::string& path, const Query& query) {
  net::HttpRequest req;
  req.method = "GET";
  req.url = fmt::format("{}/{}/{}.json{}", endpoint_.base_url, endpoint_.language, path, build_query(query));
  req.basic_user = endpoint_.api_key;
  req.basic_password = endpoint_.api_secret;
  req.headers.emplace_back("Accept", "application/json");
  auto res = http_.send(req);
  const std::string what = fmt::format("GET /{}/{}.json", endpoint_.language, path);
  if (!res) return res.error();
  if (res->status < 200 || res->status > 299) return classify(res->status, what, res->body);
  rapidjson::Document doc;
  doc.Parse<kParseFlags>(res->body.c_str(), res->body.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return make_error(ErrorClass::protocol, fmt::format("Lightspeed {}: the answer is not a JSON object", what));
  }
  if (doc.HasMember("error")) return classify(res->status, what, res->body);
  if (doc.MemberCount() != 1) {
    return make_error(ErrorClass::protocol,
                      fmt::format("Lightspeed {}: expected a one-key envelope, got {} keys", what, doc.MemberCount()));
  }
  rapidjson::Document inner;
  inner.CopyFrom(doc.MemberBegin()->value, inner.GetAllocator());
  return inner;
}

Result<void> Client::for_each_page(const std::string& path, const Query& filters,
                                   const std::function<Result<bool>(const rapidjson::Value&)>& on_page) {
  for (int page = 1;; ++page) {
    Query query = filters;
    query.emplace_back("limit", std::to_string(kMaxPageSize));
    query.emplace_back("page", std::to_string(page));
    auto items = get(path, query);
    if (!items) return items.error();
    if (!items->IsArray()) {
      return make_error(ErrorClass::protocol, fmt::format("Lightspeed GET /{}.json: expected a list", path));
    }
    if (items->Empty()) return {};
    auto more = on_page(*items);
    if (!more) return more.error();
    if (!*more || items->Size() < static_cast<rapidjson::SizeType>(kMaxPageSize)) return {};
  }
}

Result<rapidjson::Document> Client::get_order(int64_t id) {
  auto order = get(fmt::format("orders/{}", id));
  if (order && !order->IsObject()) {
    return make_error(ErrorClass::protocol, fmt::format("Lightspeed GET order {}: expected an object", id));
  }
  return order;
}

Result<rapidjson::Document> Client::get_shop() { return get("shop"); }

}  // namespace lsmplus::lightspeed
