// The MplusKASSA connector: SOAP 1.1 over HTTPS with ident/secret query parameters
// (API-MPLUS.md §1-2). It speaks the wire protocol and nothing else: records go in and come out
// as JSON trees whose shape mirrors the WSDL types (see soap_codec.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "lsmplus/core/error.hpp"

namespace lsmplus::net {
class HttpClient;
}

namespace lsmplus::mplus {

struct Endpoint {
  std::string url;  // https://host:port; a trailing slash is dropped, a missing scheme means https
  std::string ident;
  std::string secret;
};

struct ApiVersion {
  int64_t major = 0, minor = 0, revision = 0;
  int64_t service_major = 0, service_minor = 0, service_revision = 0;
};

struct CreateOrderOutcome {
  bool already_existed = false;  // the extOrderId was taken; order_id then comes from findOrder
  std::string order_id;
};

// One page of getProducts: the products (JSON shaped like the WSDL Product type) and the
// highest syncMarker seen on the products and their articles (0 when the page is empty).
struct ProductPage {
  rapidjson::Document products{rapidjson::kArrayType};
  int64_t max_sync_marker = 0;
};

// Errors: HTTP 401/403 → `auth`; a SOAP Fault → `protocol` (Client.*) or `unavailable`
// (Server.*, after the HTTP layer's retries), except that a fault that speaks of credentials
// (ident, secret, authentication) → `auth`; another non-200 status without a fault → `unavailable`
// for 5xx, `protocol` otherwise; a body that is not SOAP or does not fit the WSDL → `protocol`;
// a business result other than OK → `permanent` with the result enum and errorMessage in the
// message; a request JSON that does not fit the WSDL → see encode_request in soap_codec.hpp.
// Messages never contain the ident or secret.
class Client {
 public:
  Client(net::HttpClient& http, Endpoint endpoint);

  Result<ApiVersion> get_api_version();

  // findOrder by extOrderId: the Mplus orderId, or nullopt when GET-ORDER-RESULT-NOT-FOUND.
  Result<std::optional<std::string>> find_order(const std::string& ext_order_id);

  // createOrder. `order` is a JSON object shaped like the WSDL Order type (orderId may be
  // absent; the client sends it empty). EXT-ORDER-ID-ALREADY-EXISTS is not an error: it is
  // resolved with findOrder and reported as already_existed.
  Result<CreateOrderOutcome> create_order(const rapidjson::Value& order);

  // findRelationV2 with exactMatch=true on the e-mail address: the relation number, or nullopt.
  Result<std::optional<int64_t>> find_relation_by_email(const std::string& email);

  // createRelation; `relation` is shaped like the WSDL Relation type. Returns the new number.
  Result<int64_t> create_relation(const rapidjson::Value& relation);

  // getProducts with a sync marker (inclusive) and a page limit in articles.
  Result<ProductPage> get_products(int64_t sync_marker, int limit);

  // Any operation by name: `request` holds the operation element's children as JSON (shaped
  // per the WSDL), the result is the response element as JSON. The building block of the above.
  Result<rapidjson::Document> call(const std::string& operation, const rapidjson::Value& request);

  // The request body (whole SOAP envelope) the client would send; for tests and `--format xml`.
  Result<std::string> build_envelope(const std::string& operation, const rapidjson::Value& request) const;

  // Checks a response's `result` enum: ok when absent or ending in "-OK"; otherwise a `permanent`
  // Error naming the operation, the enum and the response's errorMessage (or message). call()
  // leaves this to its caller because some non-OK results are answers (…-NOT-FOUND).
  static Result<void> check_result(const std::string& operation, const rapidjson::Value& response);

 private:
  net::HttpClient& http_;
  Endpoint endpoint_;
};

}  // namespace lsmplus::mplus
