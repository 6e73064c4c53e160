#include "mplus_api.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include <fmt/core.h>
#include <pugixml.hpp>

#include "mplus_schema.hpp"
#include "time_util.hpp"

namespace lsmplus::sandbox {

namespace {

using mplus::child;
using mplus::SoapFault;
using mplus::XmlWriter;
using Document = rapidjson::Document;

constexpr int64_t kDefaultSyncMarkerLimit = 1000;
constexpr const char* kServiceVersion = "67.1.3";

// Sync-marker paging shared by the get-list operations: with a syncMarker element the
// read starts at that marker (inclusive; <= 0 = from the start) and is capped at
// syncMarkerLimit (default 1000). Without one every record is returned.
struct SyncWindow {
  bool sync_mode = false;
  int64_t from = 0;
  int64_t limit = 0;
};

SyncWindow sync_window(const JsonValue& request, bool limit_without_marker) {
  SyncWindow w;
  auto marker = member_int(request, "syncMarker");
  auto limit = member_int(request, "syncMarkerLimit");
  w.sync_mode = marker.has_value();
  w.from = marker.value_or(0);
  if (w.sync_mode || limit_without_marker) w.limit = limit && *limit > 0 ? *limit : kDefaultSyncMarkerLimit;
  return w;
}

std::vector<int64_t> int_list(const JsonValue& obj, const char* key) {
  std::vector<int64_t> out;
  const JsonValue* v = member(obj, key);
  if (v && v->IsArray()) {
    for (const auto& item : v->GetArray()) {
      if (item.IsInt64()) out.push_back(item.GetInt64());
    }
  }
  return out;
}

bool contains(const std::vector<int64_t>& v, std::optional<int64_t> x) {
  return x && std::find(v.begin(), v.end(), *x) != v.end();
}

bool flag(const JsonValue& obj, const char* key, bool fallback) {
  const JsonValue* v = member(obj, key);
  return v && v->IsBool() ? v->GetBool() : fallback;
}

// The request/parameter element of an operation, parsed with `type`; an absent
// element gives an empty object.
Document parse_child(const pugi::xml_node& op, const char* name, const mplus::TypeDef& type) {
  Document d(rapidjson::kObjectType);
  if (pugi::xml_node n = child(op, name)) mplus::parse_struct(n, type, d, d.GetAllocator());
  return d;
}

std::string op_get_api_version(MplusState&, const pugi::xml_node&) {
  XmlWriter w;
  w.open("getApiVersionResponse");
  w.leaf("majorNumber", int64_t{1});
  w.leaf("minorNumber", int64_t{0});
  w.leaf("revisionNumber", int64_t{0});
  w.leaf("serviceMajorNumber", int64_t{67});
  w.leaf("serviceMinorNumber", int64_t{1});
  w.leaf("serviceRevisionNumber", int64_t{3});
  w.leaf_bool("inDebugMode", false);
  w.leaf_bool("isSlaveApi", false);
  w.leaf("serviceVersionDisplayString", kServiceVersion);
  w.close("getApiVersionResponse");
  return w.str();
}

std::string op_get_current_sync_markers(MplusState& st, const pugi::xml_node&) {
  XmlWriter w;
  w.open("getCurrentSyncMarkersResponse");
  w.leaf("articleSyncMarker", st.article_sync_marker);
  w.leaf("articleGroupSyncMarker", int64_t{0});
  w.leaf("relationSyncMarker", st.relation_sync_marker);
  w.leaf("employeeSyncMarker", int64_t{1});
  w.leaf("invoiceSyncMarker", int64_t{0});
  w.leaf("receiptSyncMarker", int64_t{0});
  w.leaf("orderSyncMarker", st.order_sync_marker);
  w.leaf("stockId", int64_t{0});
  w.close("getCurrentSyncMarkersResponse");
  return w.str();
}

std::string op_get_products(MplusState& st, const pugi::xml_node& op) {
  Document req = parse_child(op, "request", mplus::kGetProductsRequest);
  SyncWindow win = sync_window(req, false);
  std::vector<int64_t> article_numbers = int_list(req, "articleNumbers");
  std::vector<int64_t> product_numbers = int_list(req, "productNumbers");
  std::vector<int64_t> group_numbers = int_list(req, "groupNumbers");
  bool only_active = flag(req, "onlyActive", false);
  bool only_webshop = flag(req, "onlyWebshop", false);
  bool all_articles = flag(req, "includeAllArticlesOfSelectedProducts", false);

  std::vector<const JsonValue*> products;
  for (const auto& [number, product] : st.products) products.push_back(&product);
  std::stable_sort(products.begin(), products.end(), [](const JsonValue* x, const JsonValue* y) {
    return member_int(*x, "syncMarker").value_or(0) < member_int(*y, "syncMarker").value_or(0);
  });

  Document scratch(rapidjson::kArrayType);
  auto& a = scratch.GetAllocator();
  int64_t emitted_articles = 0;
  bool any = false;
  XmlWriter list;
  for (const JsonValue* product : products) {
    if (win.sync_mode && win.from > 0 && member_int(*product, "syncMarker").value_or(0) < win.from) continue;
    if (!product_numbers.empty() && !contains(product_numbers, member_int(*product, "productNumber"))) continue;
    if (!group_numbers.empty()) {
      std::vector<int64_t> groups = int_list(*product, "groupNumbers");
      bool hit = std::any_of(groups.begin(), groups.end(), [&](int64_t g) { return contains(group_numbers, g); });
      if (!hit) continue;
    }
    JsonValue copy(*product, a);
    JsonValue kept(rapidjson::kArrayType);
    bool selected_by_article = article_numbers.empty();
    if (const JsonValue* articles = member(*product, "articleList"); articles && articles->IsArray()) {
      for (const auto& article : articles->GetArray()) {
        if (contains(article_numbers, member_int(article, "articleNumber"))) selected_by_article = true;
      }
      for (const auto& article : articles->GetArray()) {
        if (only_active && !flag(article, "active", true)) continue;
        if (only_webshop && !flag(article, "webshop", false)) continue;
        if (!article_numbers.empty() && !all_articles &&
            !contains(article_numbers, member_int(article, "articleNumber"))) {
          continue;
        }
        kept.PushBack(JsonValue(article, a), a);
      }
    }
    if (!selected_by_article || kept.Empty()) continue;
    int64_t n = kept.Size();
    if (win.limit > 0 && any && emitted_articles + n > win.limit) break;
    put_value(copy, "articleList", std::move(kept), a);
    list.structure("product", copy, mplus::kProduct);
    emitted_articles += n;
    any = true;
  }
  std::string body = any ? "<ns:productList>" + list.str() + "</ns:productList>" : "<ns:productList/>";
  return "<ns:GetProductsResponse>" + body + "</ns:GetProductsResponse>";
}

std::vector<const JsonValue*> relations_by_marker(const MplusState& st) {
  std::vector<const JsonValue*> out;
  for (const auto& [number, rel] : st.relations) out.push_back(&rel);
  std::stable_sort(out.begin(), out.end(), [](const JsonValue* x, const JsonValue* y) {
    return member_int(*x, "syncMarker").value_or(0) < member_int(*y, "syncMarker").value_or(0);
  });
  return out;
}

std::string op_get_relations(MplusState& st, const pugi::xml_node& op) {
  Document req = parse_child(op, "request", mplus::kGetRelationsRequest);
  SyncWindow win = sync_window(req, true);
  std::vector<int64_t> numbers = int_list(req, "relationNumbers");
  XmlWriter items;
  int64_t count = 0;
  for (const JsonValue* rel : relations_by_marker(st)) {
    if (win.sync_mode && win.from > 0 && member_int(*rel, "syncMarker").value_or(0) < win.from) continue;
    if (!numbers.empty() && !contains(numbers, member_int(*rel, "relationNumber"))) continue;
    if (member_int(req, "categoryId") && member_int(*rel, "categoryId") != member_int(req, "categoryId")) continue;
    if (count >= win.limit) break;
    items.structure("relation", *rel, mplus::kRelation);
    ++count;
  }
  std::string body = count ? "<ns:relationList>" + items.str() + "</ns:relationList>" : "<ns:relationList/>";
  return "<ns:GetRelationsResponse>" + body + "</ns:GetRelationsResponse>";
}

std::string op_get_relation(MplusState& st, const pugi::xml_node& op) {
  pugi::xml_node n = child(op, "relationNumber");
  if (!n) throw SoapFault("SOAP-ENV:Client", "Validation constraint violation: missing element 'relationNumber'");
  int64_t number = mplus::parse_long(n);
  XmlWriter w;
  w.open("GetRelationResponse");
  auto it = st.relations.find(number);
  if (it == st.relations.end()) {
    w.leaf("result", "GET-RELATION-RESULT-NOT-FOUND");
    w.empty("relation");
  } else {
    w.leaf("result", "GET-RELATION-RESULT-OK");
    w.structure("relation", it->second, mplus::kRelation);
  }
  w.close("GetRelationResponse");
  return w.str();
}

// Shared by findRelation (partial match) and findRelationV2 (exactMatch). Every
// non-empty string field of the template must match, case-insensitively; among several
// matches the lowest relationNumber wins. A template without string fields matches nothing.
std::string find_relation(MplusState& st, const pugi::xml_node& template_node, bool exact,
                          const char* response_name) {
  if (template_node && child(template_node, "relationNumber")) {
    throw SoapFault("SOAP-ENV:Client",
                    "Do not use relationNumber when trying to find a relation. Use getRelation instead.");
  }
  Document tmpl(rapidjson::kObjectType);
  if (template_node) mplus::parse_struct(template_node, mplus::kRelation, tmpl, tmpl.GetAllocator());
  std::vector<std::pair<std::string, std::string>> criteria;
  for (const auto& m : tmpl.GetObject()) {
    if (m.value.IsString() && m.value.GetStringLength() > 0) {
      criteria.emplace_back(m.name.GetString(), ascii_lower(m.value.GetString()));
    }
  }
  const JsonValue* found = nullptr;
  if (!criteria.empty()) {
    for (const auto& [number, rel] : st.relations) {
      bool ok = true;
      for (const auto& [field, want] : criteria) {
        auto have = member_str(rel, field);
        std::string h = have ? ascii_lower(*have) : "";
        ok = ok && (exact ? h == want : (have && h.find(want) != std::string::npos));
      }
      if (ok) {
        found = &rel;
        break;
      }
    }
  }
  XmlWriter w;
  w.open(response_name);
  if (found) {
    w.leaf("result", "FIND-RELATION-RESULT-OK");
    w.structure("relation", *found, mplus::kRelation);
  } else {
    w.leaf("result", "FIND-RELATION-RESULT-NOT-FOUND");
  }
  w.close(response_name);
  return w.str();
}

std::string op_find_relation(MplusState& st, const pugi::xml_node& op) {
  return find_relation(st, child(op, "relation"), false, "FindRelationResponse");
}

std::string op_find_relation_v2(MplusState& st, const pugi::xml_node& op) {
  pugi::xml_node request = child(op, "request");
  bool exact = false;
  if (pugi::xml_node e = child(request, "exactMatch")) exact = mplus::parse_bool(e);
  return find_relation(st, child(request, "relation"), exact, "FindRelationV2Response");
}

std::string op_create_relation(MplusState& st, const pugi::xml_node& op) {
  Document rel = parse_child(op, "relation", mplus::kRelation);
  auto& a = rel.GetAllocator();
  XmlWriter w;
  w.open("CreateRelationResponse");
  auto requested = member_int(rel, "relationNumber");
  if (requested && *requested > 0 && st.relations.count(*requested)) {
    w.leaf("result", "CREATE-RELATION-RESULT-FAILED-RELATION-NUMBER-ALREADY-TAKEN");
    w.leaf("relationNumber", *requested);
    w.leaf("errorMessage", fmt::format("Relation number {} is already taken.", *requested));
    w.close("CreateRelationResponse");
    return w.str();
  }
  int64_t number = requested && *requested > 0 ? *requested : st.next_relation_number;
  st.next_relation_number = std::max(st.next_relation_number, number + 1);
  int64_t marker = ++st.relation_sync_marker;
  put_int(rel, "relationNumber", number, a);
  put_int(rel, "syncMarker", marker, a);
  if (!member(rel, "active")) put_bool(rel, "active", true, a);
  st.relations[number] = std::move(rel);
  w.leaf("result", "CREATE-RELATION-RESULT-OK");
  w.leaf("relationNumber", number);
  w.leaf("syncMarker", marker);
  w.leaf("errorMessage", "");
  w.close("CreateRelationResponse");
  return w.str();
}

std::string create_order_response(const std::string& result, const std::string& order_id,
                                  const std::string& order_string, const std::string& error) {
  XmlWriter w;
  w.open("CreateOrderResponse");
  w.leaf("result", result);
  w.open("info");
  w.leaf("orderId", order_id);
  w.leaf("orderString", order_string);
  w.close("info");
  w.leaf("errorMessage", error);
  w.close("CreateOrderResponse");
  return w.str();
}

std::string op_create_order(MplusState& st, const pugi::xml_node& op) {
  if (!child(op, "order")) return create_order_response("CREATE-ORDER-RESULT-FAILED", "", "", "No order given.");
  Document order = parse_child(op, "order", mplus::kOrder);
  auto& a = order.GetAllocator();
  std::string ext = member_str(order, "extOrderId").value_or("");
  if (!ext.empty()) {
    for (const auto& existing : st.orders) {
      if (member_str(existing, "extOrderId") == ext) {
        return create_order_response("CREATE-ORDER-RESULT-EXT-ORDER-ID-ALREADY-EXISTS", "", "",
                                     fmt::format("An order with extOrderId {} already exists.", ext));
      }
    }
  }
  std::vector<std::string> errors;
  int64_t employee = member_int(order, "employeeNumber").value_or(0);
  if (!st.employees.count(employee)) errors.push_back(fmt::format("Employee {} not found.", employee));
  int64_t relation = member_int(order, "relationNumber").value_or(0);
  if (!st.relations.count(relation)) errors.push_back(fmt::format("Relation {} not found.", relation));
  if (auto branch = member_int(order, "entryBranchNumber"); branch && !st.branches.count(*branch)) {
    errors.push_back(fmt::format("Branch {} not found.", *branch));
  }
  if (const JsonValue* lines = member(order, "lineList"); lines && lines->IsArray()) {
    int index = 0;
    for (const auto& line : lines->GetArray()) {
      ++index;
      auto article = member_int(line, "articleNumber");
      if (!article) {
        errors.push_back(fmt::format("Line {} has no articleNumber.", index));
      } else if (!st.find_article(*article)) {
        errors.push_back(fmt::format("Article {} not found.", *article));
      }
    }
  }
  if (!errors.empty()) {
    std::string message;
    for (const auto& e : errors) message += (message.empty() ? "" : " ") + e;
    return create_order_response("CREATE-ORDER-RESULT-FAILED", "", "", message);
  }
  int64_t n = ++st.order_counter;
  int64_t marker = ++st.order_sync_marker;
  std::string order_id = fmt::format("5a4d{:028x}", n);
  int year = amsterdam_civil(now_epoch()).year;
  if (const JsonValue* fd = member(order, "financialDate")) {
    if (auto y = member_int(*fd, "year"); y && *y > 0) year = static_cast<int>(*y);
  }
  std::string order_string = fmt::format("{}-{:05}", year, n);
  put_str(order, "orderId", order_id, a);
  put_int(order, "syncMarker", marker, a);
  JsonValue number(rapidjson::kObjectType);
  put_int(number, "year", year, a);
  put_int(number, "number", n, a);
  put_value(order, "orderNumber", std::move(number), a);
  mplus::fill_companions(order, mplus::kOrder, a);
  st.orders.push_back(std::move(order));
  return create_order_response("CREATE-ORDER-RESULT-OK", order_id, order_string, "");
}

std::string get_order_response(const JsonValue* order) {
  XmlWriter w;
  w.open("GetOrderResponse");
  if (order) {
    w.leaf("result", "GET-ORDER-RESULT-OK");
    w.structure("order", *order, mplus::kOrder);
  } else {
    w.leaf("result", "GET-ORDER-RESULT-NOT-FOUND");
  }
  w.close("GetOrderResponse");
  return w.str();
}

const JsonValue* order_by(const MplusState& st, const char* field, const std::string& value) {
  if (value.empty()) return nullptr;
  for (const auto& o : st.orders) {
    if (member_str(o, field) == value) return &o;
  }
  return nullptr;
}

std::string op_get_order(MplusState& st, const pugi::xml_node& op) {
  return get_order_response(order_by(st, "orderId", child(op, "orderId").text().get()));
}

std::string op_find_order(MplusState& st, const pugi::xml_node& op) {
  return get_order_response(order_by(st, "extOrderId", child(op, "extOrderId").text().get()));
}

std::string op_get_orders(MplusState& st, const pugi::xml_node& op) {
  Document req = parse_child(op, "request", mplus::kGetOrdersRequest);
  SyncWindow win = sync_window(req, false);
  std::vector<int64_t> relations = int_list(req, "relationNumbers");
  std::vector<int64_t> articles = int_list(req, "articleNumbers");
  std::vector<std::string> ids;
  if (const JsonValue* v = member(req, "orderIds"); v && v->IsArray()) {
    for (const auto& id : v->GetArray()) ids.push_back(scalar_text(id));
  }
  bool include_lines = flag(req, "includeLineList", true);
  std::vector<const JsonValue*> orders;
  for (const auto& o : st.orders) orders.push_back(&o);
  std::stable_sort(orders.begin(), orders.end(), [](const JsonValue* x, const JsonValue* y) {
    return member_int(*x, "syncMarker").value_or(0) < member_int(*y, "syncMarker").value_or(0);
  });
  XmlWriter items;
  int64_t count = 0;
  Document scratch;
  for (const JsonValue* o : orders) {
    if (win.sync_mode && win.from > 0 && member_int(*o, "syncMarker").value_or(0) < win.from) continue;
    if (!relations.empty() && !contains(relations, member_int(*o, "relationNumber"))) continue;
    if (!ids.empty() && std::find(ids.begin(), ids.end(), member_str(*o, "orderId").value_or("")) == ids.end()) {
      continue;
    }
    if (!articles.empty()) {
      bool hit = false;
      if (const JsonValue* lines = member(*o, "lineList"); lines && lines->IsArray()) {
        for (const auto& line : lines->GetArray()) hit = hit || contains(articles, member_int(line, "articleNumber"));
      }
      if (!hit) continue;
    }
    if (win.limit > 0 && count >= win.limit) break;
    if (include_lines) {
      items.structure("order", *o, mplus::kOrder);
    } else {
      JsonValue copy(*o, scratch.GetAllocator());
      copy.RemoveMember("lineList");
      items.structure("order", copy, mplus::kOrder);
    }
    ++count;
  }
  std::string body = count ? "<ns:orderList>" + items.str() + "</ns:orderList>" : "<ns:orderList/>";
  return "<ns:GetOrdersResponse>" + body + "</ns:GetOrdersResponse>";
}

using Operation = std::function<std::string(MplusState&, const pugi::xml_node&)>;

const std::map<std::string, Operation, std::less<>>& operations() {
  static const std::map<std::string, Operation, std::less<>> ops = {
      {"getApiVersion", op_get_api_version},
      {"getCurrentSyncMarkers", op_get_current_sync_markers},
      {"getProducts", op_get_products},
      {"getRelations", op_get_relations},
      {"getRelation", op_get_relation},
      {"findRelation", op_find_relation},
      {"findRelationV2", op_find_relation_v2},
      {"createRelation", op_create_relation},
      {"createOrder", op_create_order},
      {"getOrder", op_get_order},
      {"findOrder", op_find_order},
      {"getOrders", op_get_orders},
  };
  return ops;
}

void set_fault(HttpResponse& res, int status, const std::string& code, const std::string& message) {
  res.status = status;
  res.content_type = "text/xml; charset=utf-8";
  res.body = mplus::soap_fault_envelope(code, message);
}

}  // namespace

MplusApi::MplusApi(EmulatorState& state, FaultInjector& faults, Recorder& recorder, MplusConfig config)
    : state_(state), faults_(faults), recorder_(recorder), config_(std::move(config)) {}

void MplusApi::handle(const HttpRequest& req, HttpResponse& res) {
  recorder_.record("mplus", req);
  res.headers.emplace_back("mplus-service-version", kServiceVersion);
  if (req.path == "/_sandbox/state" && req.method == "GET") {
    std::lock_guard lock(state_.mu);
    res.content_type = "application/json";
    res.body = mplus_state_json(state_.mplus);
    return;
  }
  if (req.path != "/") {
    res.status = 404;
    res.content_type = "text/plain";
    res.body = "Not found\n";
    return;
  }
  if (req.method != "POST") {
    res.status = 405;
    res.content_type = "text/plain";
    res.body = "Method Not Allowed\n";
    return;
  }

  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(req.body.data(), req.body.size());
  if (!parsed) {
    set_fault(res, 500, "SOAP-ENV:Client",
              fmt::format("Malformed XML: {} at offset {}", parsed.description(), parsed.offset));
    return;
  }
  pugi::xml_node envelope = doc.document_element();
  pugi::xml_node body = mplus::local_name(envelope) == "Envelope" ? child(envelope, "Body") : pugi::xml_node();
  pugi::xml_node op = body ? body.find_child([](const pugi::xml_node& n) { return n.type() == pugi::node_element; })
                           : pugi::xml_node();
  if (!op) {
    set_fault(res, 500, "SOAP-ENV:Client", "Not a SOAP 1.1 envelope with an operation element in its Body");
    return;
  }
  std::string op_name(mplus::local_name(op));

  std::optional<FaultAction> fault = faults_.take(Side::kMplus, op_name);
  if (fault && fault->kind == FaultAction::Kind::kDrop) {
    res.drop = true;
    return;
  }
  if (fault && fault->kind == FaultAction::Kind::kStatus) {
    if (fault->status == 500) {
      set_fault(res, 500, "SOAP-ENV:Server", "Sandbox fault: simulated server error");
    } else {
      res.status = fault->status;
      res.content_type = "text/plain";
      res.body = fmt::format("Sandbox fault: HTTP {}\n", fault->status);
    }
    return;
  }

  const std::string* ident = req.query_value("ident");
  const std::string* secret = req.query_value("secret");
  if (!ident || !secret || *ident != config_.ident || *secret != config_.secret) {
    // The real answer to bad credentials is OPEN (API-MPLUS.md §9 Q3); both shapes
    // below are the sandbox's invention, selected with --mplus-auth-failure.
    if (config_.auth_failure == "http401") {
      res.status = 401;
      res.content_type = "text/plain";
      res.body = "Unauthorized\n";
    } else {
      set_fault(res, 500, "SOAP-ENV:Client", "Authentication failed: invalid ident or secret");
    }
    return;
  }

  auto it = operations().find(op_name);
  if (it == operations().end()) {
    set_fault(res, 500, "SOAP-ENV:Client",
              fmt::format("Method '{}' not implemented: method name or namespace not recognized", op_name));
    return;
  }
  try {
    std::lock_guard lock(state_.mu);
    std::string response = it->second(state_.mplus, op);
    res.status = 200;
    res.content_type = "text/xml; charset=utf-8";
    res.body = mplus::soap_envelope(response);
  } catch (const SoapFault& f) {
    set_fault(res, 500, f.code, f.what());
  }
  if (fault && fault->kind == FaultAction::Kind::kDropAfter) res.drop = true;
}

std::string mplus_state_json(const MplusState& st) {
  Document d(rapidjson::kObjectType);
  auto& a = d.GetAllocator();
  JsonValue orders(rapidjson::kArrayType);
  for (const auto& o : st.orders) orders.PushBack(JsonValue(o, a), a);
  put_value(d, "orders", std::move(orders), a);
  JsonValue relations(rapidjson::kArrayType);
  for (const auto& [n, r] : st.relations) relations.PushBack(JsonValue(r, a), a);
  put_value(d, "relations", std::move(relations), a);
  JsonValue products(rapidjson::kArrayType);
  for (const auto& [n, p] : st.products) products.PushBack(JsonValue(p, a), a);
  put_value(d, "products", std::move(products), a);
  JsonValue markers(rapidjson::kObjectType);
  put_int(markers, "articleSyncMarker", st.article_sync_marker, a);
  put_int(markers, "relationSyncMarker", st.relation_sync_marker, a);
  put_int(markers, "orderSyncMarker", st.order_sync_marker, a);
  put_value(d, "syncMarkers", std::move(markers), a);
  JsonValue employees(rapidjson::kArrayType);
  for (int64_t e : st.employees) employees.PushBack(JsonValue(e), a);
  put_value(d, "employees", std::move(employees), a);
  JsonValue branches(rapidjson::kArrayType);
  for (int64_t b : st.branches) branches.PushBack(JsonValue(b), a);
  put_value(d, "branches", std::move(branches), a);
  return to_json(d);
}

}  // namespace lsmplus::sandbox
