#include "lsmplus/mplus/client.hpp"

#include <algorithm>
#include <cctype>
#include <random>

#include <fmt/format.h>

#include "lsmplus/mplus/soap_codec.hpp"
#include "lsmplus/net/http_client.hpp"
#include "lsmplus/ops/log.hpp"

namespace lsmplus::mplus {

namespace {

const rapidjson::Value* member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

std::string string_member(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value* value = member(object, name);
  return value && value->IsString() ? std::string(value->GetString(), value->GetStringLength())
                                    : std::string();
}

std::optional<int64_t> integer_member(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value* value = member(object, name);
  if (!value || !value->IsInt64()) return std::nullopt;
  return value->GetInt64();
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string request_id() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return fmt::format("lsmplus_{:016x}", generator());
}

// Whether a retry after the request may have reached the server is safe. Reads are; createOrder
// is because its extOrderId is a unique key (a repeat answers EXT-ORDER-ID-ALREADY-EXISTS, which
// create_order resolves); other writes are not.
bool retry_is_safe(std::string_view operation) {
  return operation.starts_with("get") || operation.starts_with("find") || operation == "createOrder";
}

// Whether a SOAP fault means the ident/secret were refused. What Mplus really answers to bad
// credentials is OPEN (API-MPLUS.md §9 Q3: HTTP 401/403 or a Client fault, text unknown); this
// guess follows the recommendation there and is the one place to change once a sandbox shows it.
bool fault_means_bad_credentials(const SoapFault& fault) {
  std::string code = lowercase(std::string(fault_code_local_part(fault)));
  if (!code.starts_with("client")) return false;
  std::string text = code + " " + lowercase(fault.message);
  for (const char* word : {"authenticat", "ident", "secret", "credential", "unauthori"}) {
    if (text.find(word) != std::string::npos) return true;
  }
  return false;
}

Error error_for_fault(const std::string& operation, const SoapFault& fault) {
  std::string message = fmt::format("{}: SOAP fault {}: {}", operation, fault.code, fault.message);
  if (fault_means_bad_credentials(fault)) return make_error(ErrorClass::auth, message);
  if (fault_code_local_part(fault).starts_with("Server")) return make_error(ErrorClass::unavailable, message);
  return make_error(ErrorClass::protocol, message);
}

}  // namespace

Client::Client(net::HttpClient& http, Endpoint endpoint) : http_(http), endpoint_(std::move(endpoint)) {
  while (!endpoint_.url.empty() && endpoint_.url.back() == '/') endpoint_.url.pop_back();
  if (endpoint_.url.find("://") == std::string::npos) endpoint_.url = "https://" + endpoint_.url;
}

Result<std::string> Client::build_envelope(const std::string& operation,
                                           const rapidjson::Value& request) const {
  return encode_request(operation, request);
}

Result<rapidjson::Document> Client::call(const std::string& operation, const rapidjson::Value& request) {
  auto envelope = encode_request(operation, request);
  if (!envelope) return envelope.error();

  net::HttpRequest http_request;
  http_request.method = "POST";
  http_request.url = endpoint_.url + "/?ident=" + net::url_encode(endpoint_.ident) +
                     "&secret=" + net::url_encode(endpoint_.secret);
  http_request.headers = {
      {"Content-Type", "text/xml; charset=utf-8"}, {"SOAPAction", operation}, {"X-Request-Id", request_id()}};
  http_request.body = std::move(*envelope);
  http_request.idempotent = retry_is_safe(operation);
  // A Client fault (bad request, refused credentials) fails the same way every time.
  http_request.retry_5xx = [&operation](const net::HttpResponse& r) {
    auto decoded = decode_response(operation, r.body);
    return !(decoded && decoded->fault && fault_code_local_part(*decoded->fault).starts_with("Client"));
  };

  auto response = http_.send(http_request);
  if (!response) return response.error();
  const long status = response->status;
  if (status == 401 || status == 403) {
    return make_error(ErrorClass::auth,
                      fmt::format("{}: HTTP {}: the Mplus API refused the ident/secret", operation, status));
  }

  auto decoded = decode_response(operation, response->body);
  if (decoded && decoded->fault) return error_for_fault(operation, *decoded->fault);
  if (status != 200) {
    ErrorClass cls = status >= 500 ? ErrorClass::unavailable : ErrorClass::protocol;
    return make_error(cls,
                      fmt::format("{}: unexpected HTTP status {} without a SOAP fault", operation, status));
  }
  if (!decoded) return decoded.error();
  if (decoded->unknown_elements > 0) {
    ops::log_debug("mplus response has elements the schema tables do not know; skipped",
                   {{"operation", operation}, {"count", std::to_string(decoded->unknown_elements)}});
  }
  return std::move(decoded->body);
}

Result<void> Client::check_result(const std::string& operation, const rapidjson::Value& response) {
  std::string result = string_member(response, "result");
  if (result.empty() || result.ends_with("-OK")) return {};
  std::string detail = string_member(response, "errorMessage");
  if (detail.empty()) detail = string_member(response, "message");
  return make_error(ErrorClass::permanent, detail.empty()
                                               ? fmt::format("{}: {}", operation, result)
                                               : fmt::format("{}: {}: {}", operation, result, detail));
}

Result<ApiVersion> Client::get_api_version() {
  rapidjson::Value no_children(rapidjson::kObjectType);
  auto response = call("getApiVersion", no_children);
  if (!response) return response.error();
  ApiVersion version;
  version.major = integer_member(*response, "majorNumber").value_or(0);
  version.minor = integer_member(*response, "minorNumber").value_or(0);
  version.revision = integer_member(*response, "revisionNumber").value_or(0);
  version.service_major = integer_member(*response, "serviceMajorNumber").value_or(0);
  version.service_minor = integer_member(*response, "serviceMinorNumber").value_or(0);
  version.service_revision = integer_member(*response, "serviceRevisionNumber").value_or(0);
  return version;
}

Result<std::optional<std::string>> Client::find_order(const std::string& ext_order_id) {
  rapidjson::Document request(rapidjson::kObjectType);
  request.AddMember("extOrderId", rapidjson::Value(ext_order_id, request.GetAllocator()),
                    request.GetAllocator());
  auto response = call("findOrder", request);
  if (!response) return response.error();
  std::string result = string_member(*response, "result");
  if (result == "GET-ORDER-RESULT-NOT-FOUND") return std::optional<std::string>{};
  if (auto ok = check_result("findOrder", *response); !ok) return ok.error();
  const rapidjson::Value* order = member(*response, "order");
  std::string order_id = order ? string_member(*order, "orderId") : std::string();
  if (order_id.empty()) {
    return make_error(ErrorClass::protocol, "findOrder: " + result + " without an order.orderId");
  }
  return std::optional<std::string>{std::move(order_id)};
}

Result<CreateOrderOutcome> Client::create_order(const rapidjson::Value& order) {
  if (!order.IsObject())
    return make_error(ErrorClass::internal, "createOrder: the order must be a JSON object");
  std::string ext_order_id = string_member(order, "extOrderId");
  if (ext_order_id.empty()) {
    return make_error(ErrorClass::permanent,
                      "createOrder: the order has no extOrderId, the key that makes a retry safe");
  }
  rapidjson::Document request(rapidjson::kObjectType);
  request.AddMember("order", rapidjson::Value(order, request.GetAllocator()), request.GetAllocator());
  auto response = call("createOrder", request);
  if (!response) return response.error();

  CreateOrderOutcome outcome;
  if (string_member(*response, "result") == "CREATE-ORDER-RESULT-EXT-ORDER-ID-ALREADY-EXISTS") {
    auto existing = find_order(ext_order_id);
    if (!existing) return existing.error();
    if (!existing->has_value()) {
      return make_error(ErrorClass::protocol, "createOrder: the extOrderId " + ext_order_id +
                                                  " already exists, but findOrder does not find it");
    }
    outcome.already_existed = true;
    outcome.order_id = std::move(**existing);
    return outcome;
  }
  if (auto ok = check_result("createOrder", *response); !ok) return ok.error();
  const rapidjson::Value* info = member(*response, "info");
  outcome.order_id = info ? string_member(*info, "orderId") : std::string();
  if (outcome.order_id.empty())
    return make_error(ErrorClass::protocol, "createOrder: OK without an info.orderId");
  return outcome;
}

Result<std::optional<int64_t>> Client::find_relation_by_email(const std::string& email) {
  if (email.empty()) {
    return make_error(ErrorClass::permanent,
                      "findRelationV2: an empty e-mail address would match any relation");
  }
  rapidjson::Document request(rapidjson::kObjectType);
  auto& allocator = request.GetAllocator();
  rapidjson::Value relation(rapidjson::kObjectType);  // a search template: never a relationNumber (§3.3)
  relation.AddMember("email", rapidjson::Value(email, allocator), allocator);
  rapidjson::Value find(rapidjson::kObjectType);
  find.AddMember("relation", relation, allocator);
  find.AddMember("exactMatch", true, allocator);
  request.AddMember("request", find, allocator);

  auto response = call("findRelationV2", request);
  if (!response) return response.error();
  std::string result = string_member(*response, "result");
  if (result == "FIND-RELATION-RESULT-NOT-FOUND") return std::optional<int64_t>{};
  if (auto ok = check_result("findRelationV2", *response); !ok) return ok.error();
  const rapidjson::Value* found = member(*response, "relation");
  std::optional<int64_t> number = found ? integer_member(*found, "relationNumber") : std::nullopt;
  if (!number)
    return make_error(ErrorClass::protocol, "findRelationV2: " + result + " without a relationNumber");
  std::string found_email = string_member(*found, "email");
  if (!found_email.empty() && lowercase(found_email) != lowercase(email)) {
    // Which fields exactMatch covers is OPEN (API-MPLUS.md §9 Q6); never accept a different address.
    return make_error(
        ErrorClass::permanent,
        fmt::format("findRelationV2: relation {} came back for another e-mail address", *number));
  }
  return std::optional<int64_t>{*number};
}

Result<int64_t> Client::create_relation(const rapidjson::Value& relation) {
  if (!relation.IsObject())
    return make_error(ErrorClass::internal, "createRelation: the relation must be a JSON object");
  rapidjson::Document request(rapidjson::kObjectType);
  request.AddMember("relation", rapidjson::Value(relation, request.GetAllocator()), request.GetAllocator());
  auto response = call("createRelation", request);
  if (!response) return response.error();
  if (auto ok = check_result("createRelation", *response); !ok) return ok.error();
  auto number = integer_member(*response, "relationNumber");
  if (!number) return make_error(ErrorClass::protocol, "createRelation: OK without a relationNumber");
  return *number;
}

Result<ProductPage> Client::get_products(int64_t sync_marker, int limit) {
  rapidjson::Document request(rapidjson::kObjectType);
  auto& allocator = request.GetAllocator();
  rapidjson::Value filter(rapidjson::kObjectType);
  filter.AddMember("syncMarker", sync_marker, allocator);
  filter.AddMember("syncMarkerLimit", limit, allocator);
  request.AddMember("request", filter, allocator);
  auto response = call("getProducts", request);
  if (!response) return response.error();

  ProductPage page;
  const rapidjson::Value* list = member(*response, "productList");
  const rapidjson::Value* products = list ? member(*list, "product") : nullptr;
  if (!products) return page;
  page.products.CopyFrom(*products, page.products.GetAllocator());
  // Articles carry their own syncMarker, which can be ahead of the product's (§9 Q4).
  for (const rapidjson::Value& product : page.products.GetArray()) {
    page.max_sync_marker = std::max(page.max_sync_marker, integer_member(product, "syncMarker").value_or(0));
    const rapidjson::Value* articles = member(product, "articleList");
    const rapidjson::Value* items = articles ? member(*articles, "article") : nullptr;
    if (!items) continue;
    for (const rapidjson::Value& article : items->GetArray()) {
      page.max_sync_marker =
          std::max(page.max_sync_marker, integer_member(article, "syncMarker").value_or(0));
    }
  }
  return page;
}

}  // namespace lsmplus::mplus
