#include "lightspeed_api.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <vector>

#include <fmt/core.h>
#include <rapidjson/error/en.h>

#include "time_util.hpp"

namespace lsmplus::sandbox {

namespace {

using Document = rapidjson::Document;

const std::set<std::string> kLanguages = {"nl", "en", "de", "fr", "us"};
const std::set<std::string> kOrderStatuses = {"on_hold",
                                              "processing_awaiting_payment",
                                              "processing_awaiting_shipment",
                                              "processing_awaiting_pickup",
                                              "processing_ready_for_pickup",
                                              "completed",
                                              "completed_shipped",
                                              "completed_picked_up",
                                              "cancelled"};
const std::set<std::string> kPaymentStatuses = {"not_paid", "partially_paid", "paid", "cancelled"};
const std::set<std::string> kShipmentStatuses = {"not_shipped", "partially_shipped", "shipped", "cancelled"};
const std::set<std::string> kStockTracking = {"disabled", "enabled", "indicator"};

constexpr int64_t kDefaultLimit = 50;
constexpr int64_t kMaxLimit = 250;

// Thrown inside request handling; becomes the standard {"error": {...}} envelope.
struct ApiError {
  int status;
  std::string message;
};

std::string base64_decode(const std::string& in) {
  static const std::string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -8;
  for (char c : in) {
    if (c == '=') break;
    size_t pos = chars.find(c);
    if (pos == std::string::npos) return "";
    val = ((val << 6) + static_cast<int>(pos)) & 0xFFFFFF;
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((val >> bits) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

void set_json(HttpResponse& res, int status, const JsonValue& body) {
  res.status = status;
  res.content_type = "application/json";
  res.body = to_json(body);
}

void set_error(HttpResponse& res, const HttpRequest& req, int code, const std::string& message) {
  Document d(rapidjson::kObjectType);
  auto& a = d.GetAllocator();
  JsonValue err(rapidjson::kObjectType);
  put_int(err, "code", code, a);
  put_str(err, "method", req.method, a);
  put_str(err, "request", req.path, a);
  put_str(err, "message", message, a);
  put_value(d, "error", std::move(err), a);
  set_json(res, code, d);
}

// Rewrites every resource ref's `link` to point at this sandbox under `lang`; with
// `strip`, drops `embedded` relations (list GETs never embed).
void fix_links(JsonValue& v, JsonAlloc& a, const std::string& base, const std::string& lang, bool strip) {
  if (v.IsArray()) {
    for (auto& item : v.GetArray()) fix_links(item, a, base, lang, strip);
    return;
  }
  if (!v.IsObject()) return;
  auto res = v.FindMember("resource");
  if (res != v.MemberEnd() && res->value.IsObject()) {
    if (auto url = member_str(res->value, "url")) {
      size_t q = url->find('?');
      std::string link = fmt::format("{}/{}/{}.json{}", base, lang, url->substr(0, q),
                                     q == std::string::npos ? "" : url->substr(q));
      put_str(res->value, "link", link, a);
    }
    if (strip) res->value.RemoveMember("embedded");
  }
  for (auto& m : v.GetObject()) fix_links(m.value, a, base, lang, strip);
}

std::optional<int64_t> as_int(const JsonValue& v) {
  if (v.IsInt64()) return v.GetInt64();
  if (v.IsDouble() && std::floor(v.GetDouble()) == v.GetDouble()) return static_cast<int64_t>(v.GetDouble());
  if (v.IsString()) {
    std::string s = v.GetString();
    size_t start = (!s.empty() && s[0] == '-') ? 1 : 0;
    if (s.size() > start && s.size() < 19 && s.find_first_not_of("0123456789", start) == std::string::npos) {
      return std::strtoll(s.c_str(), nullptr, 10);
    }
  }
  return std::nullopt;
}

std::optional<double> as_double(const JsonValue& v) {
  if (v.IsNumber()) return v.GetDouble();
  if (v.IsString()) {
    std::string s = v.GetString();
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && *end == '\0' && std::isfinite(d)) return d;
  }
  return std::nullopt;
}

std::optional<bool> as_bool(const JsonValue& v) {
  if (v.IsBool()) return v.GetBool();
  if (v.IsString()) {
    std::string s = v.GetString();
    if (s == "true" || s == "1") return true;
    if (s == "false" || s == "0") return false;
  }
  if (v.IsInt64()) return v.GetInt64() != 0;
  return std::nullopt;
}

double round_to(double v, int decimals) {
  double f = std::pow(10.0, decimals);
  return std::round(v * f) / f;
}

// Reads the fields of a write body: JSON {"<wrapper>": {...}} or a form body with
// "<wrapper>[field]=value" pairs. Throws ApiError(400) when neither fits.
Document parse_write_body(const HttpRequest& req, const std::string& wrapper) {
  Document fields(rapidjson::kObjectType);
  std::string body = req.body;
  size_t first = body.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && body[first] == '{') {
    Document d;
    d.Parse(body.c_str(), body.size());
    if (d.HasParseError()) {
      throw ApiError{400, fmt::format("Invalid JSON body: {} at offset {}.",
                                      rapidjson::GetParseError_En(d.GetParseError()), d.GetErrorOffset())};
    }
    const JsonValue* inner = member(d, wrapper);
    if (!inner || !inner->IsObject()) throw ApiError{400, fmt::format("Body must be {{\"{}\": {{...}}}}.", wrapper)};
    fields.CopyFrom(*inner, fields.GetAllocator());
    return fields;
  }
  for (const auto& [k, v] : parse_urlencoded(body)) {
    std::string prefix = wrapper + "[";
    if (k.rfind(prefix, 0) == 0 && k.back() == ']') {
      put_str(fields, k.substr(prefix.size(), k.size() - prefix.size() - 1), v, fields.GetAllocator());
    }
  }
  if (fields.MemberCount() == 0) throw ApiError{400, fmt::format("No {} fields in the request body.", wrapper)};
  return fields;
}

// Paging and the filters shared by every list endpoint.
struct ListParams {
  int64_t limit = kDefaultLimit;
  int64_t page = 1;
  std::optional<int64_t> since_id;
  std::optional<int64_t> created_min, created_max, updated_min, updated_max;
};

std::optional<int64_t> int_param(const HttpRequest& req, const std::string& name) {
  const std::string* v = req.query_value(name);
  if (!v || v->empty()) return std::nullopt;
  auto n = as_int(JsonValue(rapidjson::StringRef(v->c_str())));
  if (!n) throw ApiError{400, fmt::format("Invalid value for parameter '{}'.", name)};
  return n;
}

// Filter values "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DD" carry no zone, and whether eu1 reads
// them as UTC or as Amsterdam time is unverified (API-LIGHTSPEED.md §14 Q5). The sandbox
// reads them as UTC; a value with an explicit offset is honoured.
std::optional<int64_t> time_param(const HttpRequest& req, const std::string& name) {
  const std::string* v = req.query_value(name);
  if (!v || v->empty()) return std::nullopt;
  auto t = parse_filter_time(*v);
  if (!t) throw ApiError{400, fmt::format("Invalid value for parameter '{}' (expected YYYY-MM-DD HH:MM:SS).", name)};
  if (v->size() == 10 && (name == "created_at_max" || name == "updated_at_max")) *t += 86399;
  return t;
}

ListParams list_params(const HttpRequest& req) {
  ListParams p;
  if (auto limit = int_param(req, "limit")) p.limit = std::clamp<int64_t>(*limit, 1, kMaxLimit);
  if (auto page = int_param(req, "page")) p.page = std::max<int64_t>(*page, 1);
  p.since_id = int_param(req, "since_id");
  p.created_min = time_param(req, "created_at_min");
  p.created_max = time_param(req, "created_at_max");
  p.updated_min = time_param(req, "updated_at_min");
  p.updated_max = time_param(req, "updated_at_max");
  return p;
}

bool passes_common(const JsonValue& obj, const ListParams& p) {
  int64_t id = member_int(obj, "id").value_or(0);
  if (p.since_id && id <= *p.since_id) return false;
  auto check = [&](const char* field, const std::optional<int64_t>& min, const std::optional<int64_t>& max) {
    if (!min && !max) return true;
    auto text = member_str(obj, field);
    auto t = text ? parse_iso_time(*text) : std::nullopt;
    if (!t) return false;
    return (!min || *t >= *min) && (!max || *t <= *max);
  };
  return check("createdAt", p.created_min, p.created_max) && check("updatedAt", p.updated_min, p.updated_max);
}

std::optional<int64_t> ref_id(const JsonValue& obj, const char* key) {
  const JsonValue* ref = member(obj, key);
  if (!ref) return std::nullopt;
  if (ref->IsInt64()) return ref->GetInt64();
  const JsonValue* res = member(*ref, "resource");
  return res ? member_int(*res, "id") : std::nullopt;
}

bool str_equals(const JsonValue& obj, const char* key, const std::string& want) {
  const JsonValue* v = member(obj, key);
  return v && scalar_text(*v) == want;
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t e = path.find('/', pos);
    if (e == std::string::npos) e = path.size();
    out.push_back(path.substr(pos, e - pos));
    pos = e + 1;
  }
  return out;
}

bool is_id(const std::string& s) {
  return !s.empty() && s.size() < 19 && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

LightspeedApi::LightspeedApi(EmulatorState& state, FaultInjector& faults, Recorder& recorder,
                             LightspeedConfig config)
    : state_(state), faults_(faults), recorder_(recorder), config_(std::move(config)), limiter_(config_.limits) {}

bool LightspeedApi::authenticated(const HttpRequest& req) const {
  std::string auth = req.header("authorization");
  if (auth.size() < 6 || ascii_lower(auth.substr(0, 6)) != "basic ") return false;
  return base64_decode(auth.substr(6)) == config_.key + ":" + config_.secret;
}

void LightspeedApi::handle(const HttpRequest& req, HttpResponse& res) {
  recorder_.record("lightspeed", req);
  if (req.path.rfind("/_sandbox/", 0) == 0) {
    handle_sandbox(req, res);
    return;
  }
  std::optional<FaultAction> fault = faults_.take(Side::kLightspeed, req.path);
  if (fault && fault->kind == FaultAction::Kind::kDrop) {
    res.drop = true;
    return;
  }
  std::lock_guard lock(state_.mu);
  int64_t now = now_epoch();
  if (fault && fault->kind == FaultAction::Kind::kStatus) {
    res.headers = limiter_.peek(now);
    set_error(res, req, fault->status,
              fault->status == 429 ? "Too many requests." : fmt::format("Sandbox fault: HTTP {}.", fault->status));
    return;
  }
  if (!authenticated(req)) {
    res.headers = limiter_.peek(now);
    set_error(res, req, 401, "Could not authenticate you.");
    return;
  }
  RateLimiter::Decision decision = limiter_.admit(now);
  res.headers = decision.headers;
  if (!decision.allowed) {
    set_error(res, req, 429, "Too many requests.");
    return;
  }
  try {
    handle_api(req, res);
  } catch (const ApiError& e) {
    set_error(res, req, e.status, e.message);
  }
  if (fault && fault->kind == FaultAction::Kind::kDropAfter) res.drop = true;
}

void LightspeedApi::handle_api(const HttpRequest& req, HttpResponse& res) {
  const std::string& path = req.path;
  if (path.size() < 10 || path[0] != '/' || path[3] != '/' || path.substr(path.size() - 5) != ".json") {
    throw ApiError{404, "Not found."};
  }
  const std::string lang = path.substr(1, 2);
  if (!kLanguages.count(lang)) throw ApiError{404, "Unknown or inactive language."};
  std::vector<std::string> seg = split_path(path.substr(4, path.size() - 9));
  const bool get = req.method == "GET" || req.method == "HEAD";
  const bool put = req.method == "PUT";
  LightspeedState& ls = state_.lightspeed;
  Document out(rapidjson::kObjectType);
  auto& a = out.GetAllocator();
  auto render = [&](const JsonValue& src, bool strip) {
    JsonValue v(src, a);
    fix_links(v, a, base_url_, lang, strip);
    return v;
  };
  auto render_order = [&](const LightspeedOrder& rec) {
    JsonValue v = render(rec.order, false);
    if (auto cid = ref_id(rec.order, "customer")) {
      auto it = ls.customers.find(*cid);
      JsonValue* res_obj = nullptr;
      if (auto c = v.FindMember("customer"); c != v.MemberEnd() && c->value.IsObject()) {
        if (auto r = c->value.FindMember("resource"); r != c->value.MemberEnd()) res_obj = &r->value;
      }
      if (it != ls.customers.end() && res_obj) put_value(*res_obj, "embedded", render(it->second, true), a);
    }
    if (auto p = v.FindMember("products"); p != v.MemberEnd() && p->value.IsObject()) {
      if (auto r = p->value.FindMember("resource"); r != p->value.MemberEnd() && r->value.IsObject()) {
        put_value(r->value, "embedded", render(rec.lines, true), a);
      }
    }
    return v;
  };
  // Lists `items` (ascending by id) newest first, with paging and the common filters.
  auto list = [&](const char* envelope, std::vector<const JsonValue*> items, bool count_only) {
    ListParams p = list_params(req);
    std::vector<const JsonValue*> kept;
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
      if (passes_common(**it, p)) kept.push_back(*it);
    }
    if (count_only) {
      put_int(out, "count", static_cast<int64_t>(kept.size()), a);
    } else {
      JsonValue arr(rapidjson::kArrayType);
      for (size_t i = static_cast<size_t>((p.page - 1) * p.limit);
           i < kept.size() && i < static_cast<size_t>(p.page * p.limit); ++i) {
        arr.PushBack(render(*kept[i], true), a);
      }
      put_value(out, envelope, std::move(arr), a);
    }
    set_json(res, 200, out);
  };
  auto lookup = [&](std::map<int64_t, Document>& m, const std::string& id, const char* what) -> Document& {
    auto it = is_id(id) ? m.find(std::stoll(id)) : m.end();
    if (it == m.end()) throw ApiError{404, fmt::format("{} not found.", what)};
    return it->second;
  };
  auto method_check = [&](bool ok) {
    if (!ok) throw ApiError{405, "Method not allowed."};
  };

  const std::string& r = seg[0];
  if (r == "shop" && seg.size() == 1) {
    method_check(get);
    put_value(out, "shop", render(ls.shop, true), a);
    set_json(res, 200, out);
    return;
  }
  if (r == "orders") {
    if (seg.size() == 1 || (seg.size() == 2 && seg[1] == "count")) {
      method_check(get);
      std::vector<const JsonValue*> items;
      const std::string* status = req.query_value("status");
      const std::string* number = req.query_value("number");
      auto customer = int_param(req, "customer");
      for (const auto& [id, rec] : ls.orders) {
        if (status && !status->empty() && !str_equals(rec.order, "status", *status)) continue;
        if (number && !number->empty() && !str_equals(rec.order, "number", *number)) continue;
        if (customer && ref_id(rec.order, "customer") != customer) continue;
        items.push_back(&rec.order);
      }
      list("orders", std::move(items), seg.size() == 2);
      return;
    }
    auto it = is_id(seg[1]) ? ls.orders.find(std::stoll(seg[1])) : ls.orders.end();
    if (it == ls.orders.end()) throw ApiError{404, "Order not found."};
    LightspeedOrder& rec = it->second;
    if (seg.size() == 2) {
      method_check(get || put);
      if (put) {
        Document fields = parse_write_body(req, "order");
        auto& oa = rec.order.GetAllocator();
        auto set_enum = [&](const char* key, const std::set<std::string>& allowed) {
          const JsonValue* v = member(fields, key);
          if (!v) return;
          if (!v->IsString() || !allowed.count(v->GetString())) {
            throw ApiError{400, fmt::format("Invalid value for {}.", key)};
          }
          put_str(rec.order, key, v->GetString(), oa);
        };
        set_enum("status", kOrderStatuses);
        set_enum("paymentStatus", kPaymentStatuses);
        set_enum("shipmentStatus", kShipmentStatuses);
        if (const JsonValue* memo = member(fields, "memo")) put_str(rec.order, "memo", scalar_text(*memo), oa);
        put_str(rec.order, "updatedAt", format_lightspeed_time(now_epoch()), oa);
      }
      put_value(out, "order", render_order(rec), a);
      set_json(res, 200, out);
      return;
    }
    if (seg[2] == "products" && (seg.size() == 3 || (seg.size() == 4 && seg[3] == "count"))) {
      method_check(get);
      if (seg.size() == 4) {
        put_int(out, "count", rec.lines.Size(), a);
      } else {
        JsonValue arr(rapidjson::kArrayType);
        for (auto line = rec.lines.End(); line != rec.lines.Begin();) {
          --line;
          arr.PushBack(render(*line, true), a);
        }
        put_value(out, "orderProducts", std::move(arr), a);
      }
      set_json(res, 200, out);
      return;
    }
    throw ApiError{404, "Not found."};
  }
  if (r == "customers" || r == "products" || r == "variants") {
    std::map<int64_t, Document>& m =
        r == "customers" ? ls.customers : r == "products" ? ls.products : ls.variants;
    const char* singular = r == "customers" ? "customer" : r == "products" ? "product" : "variant";
    if (seg.size() == 1 || (seg.size() == 2 && seg[1] == "count")) {
      method_check(get);
      std::vector<const JsonValue*> items;
      const std::string* email = req.query_value("email");
      auto product = r == "variants" ? int_param(req, "product") : std::nullopt;
      std::vector<std::pair<const char*, const std::string*>> exact;
      if (r == "variants") {
        for (const char* k : {"sku", "ean", "articleCode"}) {
          if (const std::string* v = req.query_value(k)) exact.emplace_back(k, v);
        }
      }
      for (const auto& [id, doc] : m) {
        if (r == "customers" && email && !email->empty()) {
          auto e = member_str(doc, "email");
          if (!e || !iequals(*e, *email)) continue;
        }
        if (product && ref_id(doc, "product") != product) continue;
        bool ok = true;
        for (const auto& [k, v] : exact) ok = ok && str_equals(doc, k, *v);
        if (!ok) continue;
        items.push_back(&doc);
      }
      list(r.c_str(), std::move(items), seg.size() == 2);
      return;
    }
    if (seg.size() != 2) throw ApiError{404, "Not found."};
    Document& doc = lookup(m, seg[1], r == "customers" ? "Customer" : r == "products" ? "Product" : "Variant");
    if (put && r == "variants") {
      Document fields = parse_write_body(req, "variant");
      auto& va = doc.GetAllocator();
      bool excl_set = false, incl_set = false;
      for (auto& f : fields.GetObject()) {
        std::string key = f.name.GetString();
        const JsonValue& v = f.value;
        auto bad = [&] { return ApiError{400, fmt::format("Invalid value for {}.", key)}; };
        if (key == "stockLevel" || key == "stockAlert" || key == "stockMinimum" || key == "sortOrder" ||
            key == "stockBuyMinimum" || key == "stockBuyMaximum") {
          auto n = as_int(v);
          if (!n) throw bad();
          put_int(doc, key, *n, va);
        } else if (key == "priceExcl" || key == "priceIncl" || key == "priceCost" || key == "oldPriceExcl" ||
                   key == "oldPriceIncl" || key == "unitPrice") {
          auto d = as_double(v);
          if (!d) throw bad();
          put_num(doc, key, *d, va);
          excl_set = excl_set || key == "priceExcl";
          incl_set = incl_set || key == "priceIncl";
        } else if (key == "stockTracking") {
          if (!v.IsString() || !kStockTracking.count(v.GetString())) throw bad();
          put_str(doc, key, v.GetString(), va);
        } else if (key == "isDefault") {
          auto b = as_bool(v);
          if (!b) throw bad();
          put_bool(doc, key, *b, va);
        } else if (key == "sku" || key == "ean" || key == "articleCode" || key == "title" || key == "hs") {
          put_str(doc, key, scalar_text(v), va);
        }
      }
      // The sandbox has no tax records; it derives the other price at 21 % VAT.
      if (excl_set && !incl_set) {
        put_num(doc, "priceIncl", round_to(member(doc, "priceExcl")->GetDouble() * 1.21, 2), va);
      } else if (incl_set && !excl_set) {
        put_num(doc, "priceExcl", round_to(member(doc, "priceIncl")->GetDouble() / 1.21, 4), va);
      }
      put_str(doc, "updatedAt", format_lightspeed_time(now_epoch()), va);
    } else {
      method_check(get);
    }
    put_value(out, singular, render(doc, true), a);
    set_json(res, 200, out);
    return;
  }
  throw ApiError{404, "Not found."};
}

void LightspeedApi::handle_sandbox(const HttpRequest& req, HttpResponse& res) {
  std::lock_guard lock(state_.mu);
  LightspeedState& ls = state_.lightspeed;
  Document out(rapidjson::kObjectType);
  auto& a = out.GetAllocator();
  auto render = [&](const JsonValue& src) {
    JsonValue v(src, a);
    fix_links(v, a, base_url_, "nl", true);
    return v;
  };
  if (req.path == "/_sandbox/state" && req.method == "GET") {
    put_value(out, "shop", render(ls.shop), a);
    JsonValue orders(rapidjson::kArrayType);
    for (const auto& [id, rec] : ls.orders) {
      JsonValue o = render(rec.order);
      put_value(o, "products", render(rec.lines), a);
      orders.PushBack(o, a);
    }
    put_value(out, "orders", std::move(orders), a);
    for (auto [name, map] : {std::pair{"customers", &ls.customers}, std::pair{"products", &ls.products},
                             std::pair{"variants", &ls.variants}}) {
      JsonValue arr(rapidjson::kArrayType);
      for (const auto& [id, doc] : *map) arr.PushBack(render(doc), a);
      put_value(out, name, std::move(arr), a);
    }
    set_json(res, 200, out);
    return;
  }
  const std::string prefix = "/_sandbox/lightspeed/";
  if (req.method == "POST" && req.path.rfind(prefix, 0) == 0) {
    std::string kind = req.path.substr(prefix.size());
    Document doc;
    doc.Parse(req.body.c_str(), req.body.size());
    std::string error;
    if (doc.HasParseError()) {
      error = fmt::format("invalid JSON: {} at offset {}", rapidjson::GetParseError_En(doc.GetParseError()),
                          doc.GetErrorOffset());
    } else if (kind == "orders") {
      error = ingest_lightspeed_order(ls, doc, now_epoch());
    } else if (kind == "customers" || kind == "products" || kind == "variants") {
      std::string key = kind.substr(0, kind.size() - 1);
      error = member(doc, key) ? ingest_lightspeed_resource(ls, doc)
                               : fmt::format("expected {{\"{}\": {{...}}}}", key);
    } else {
      set_error(res, req, 404, "Not found.");
      return;
    }
    if (!error.empty()) {
      set_error(res, req, 400, error);
      return;
    }
    res.status = 201;
    res.body = to_json(doc);
    return;
  }
  set_error(res, req, 404, "Not found.");
}

}  // namespace lsmplus::sandbox
