#include "emulator_state.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "time_util.hpp"

namespace lsmplus::sandbox {

namespace {

rapidjson::Document copy_of(const JsonValue& v) {
  rapidjson::Document d;
  d.CopyFrom(v, d.GetAllocator());
  return d;
}

JsonValue resource_ref(JsonValue id, const std::string& url, JsonAlloc& a) {
  JsonValue res(rapidjson::kObjectType);
  put_value(res, "id", std::move(id), a);
  put_str(res, "url", url, a);
  put_str(res, "link", "", a);
  JsonValue ref(rapidjson::kObjectType);
  put_value(ref, "resource", std::move(res), a);
  return ref;
}

// Returns the resource object inside a ref member ({"resource": {...}}), or nullptr.
JsonValue* resource_of(JsonValue& obj, const char* key) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsObject()) return nullptr;
  auto res = it->value.FindMember("resource");
  if (res == it->value.MemberEnd() || !res->value.IsObject()) return nullptr;
  return &res->value;
}

}  // namespace

const JsonValue* MplusState::find_article(int64_t article_number) const {
  for (const auto& [number, product] : products) {
    const JsonValue* list = member(product, "articleList");
    if (!list || !list->IsArray()) continue;
    for (const auto& article : list->GetArray()) {
      if (member_int(article, "articleNumber") == article_number) return &article;
    }
  }
  return nullptr;
}

std::string ingest_lightspeed_order(LightspeedState& state, const JsonValue& document, int64_t default_time) {
  const JsonValue* inner = member(document, "order");
  if (!inner || !inner->IsObject()) return "expected a JSON object {\"order\": {...}}";
  auto id = member_int(*inner, "id");
  if (!id || *id <= 0) return "order has no positive integer \"id\"";

  LightspeedOrder rec;
  rec.order.CopyFrom(*inner, rec.order.GetAllocator());
  auto& a = rec.order.GetAllocator();
  rec.lines.SetArray();

  if (JsonValue* products = resource_of(rec.order, "products")) {
    auto emb = products->FindMember("embedded");
    if (emb != products->MemberEnd()) {
      if (!emb->value.IsArray()) return "order products.resource.embedded is not an array";
      for (const auto& line : emb->value.GetArray()) {
        if (!line.IsObject() || !member_int(line, "id")) return "an order line has no integer \"id\"";
        JsonValue copy(line, rec.lines.GetAllocator());
        rec.lines.PushBack(copy, rec.lines.GetAllocator());
      }
      products->RemoveMember("embedded");
    }
  } else {
    put_value(rec.order, "products",
              resource_ref(JsonValue(false), fmt::format("orders/{}/products", *id), a), a);
  }

  if (JsonValue* customer = resource_of(rec.order, "customer")) {
    auto emb = customer->FindMember("embedded");
    if (emb != customer->MemberEnd()) {
      if (!emb->value.IsObject() || !member_int(emb->value, "id")) {
        return "order customer.resource.embedded has no integer \"id\"";
      }
      int64_t cid = *member_int(emb->value, "id");
      state.customers[cid] = copy_of(emb->value);
      customer->RemoveMember("embedded");
    }
  }

  if (!member_str(rec.order, "updatedAt")) {
    put_str(rec.order, "updatedAt", format_lightspeed_time(default_time), a);
  } else if (!parse_iso_time(*member_str(rec.order, "updatedAt"))) {
    return "order updatedAt is not an ISO-8601 timestamp";
  }
  if (!member_str(rec.order, "createdAt")) {
    put_str(rec.order, "createdAt", *member_str(rec.order, "updatedAt"), a);
  } else if (!parse_iso_time(*member_str(rec.order, "createdAt"))) {
    return "order createdAt is not an ISO-8601 timestamp";
  }
  state.orders[*id] = std::move(rec);
  return "";
}

std::string ingest_lightspeed_resource(LightspeedState& state, const JsonValue& document) {
  if (!document.IsObject() || document.MemberCount() != 1) {
    return "expected a one-key JSON object such as {\"customer\": {...}}";
  }
  const auto& m = *document.MemberBegin();
  std::string key(m.name.GetString(), m.name.GetStringLength());
  if (!m.value.IsObject()) return fmt::format("\"{}\" is not an object", key);
  if (key == "shop") {
    state.shop = copy_of(m.value);
    return "";
  }
  std::map<int64_t, rapidjson::Document>* target = nullptr;
  if (key == "customer") target = &state.customers;
  if (key == "product") target = &state.products;
  if (key == "variant") target = &state.variants;
  if (!target) return fmt::format("unsupported resource \"{}\" (expected order, customer, product, variant or shop)", key);
  auto id = member_int(m.value, "id");
  if (!id || *id <= 0) return fmt::format("{} has no positive integer \"id\"", key);
  (*target)[*id] = copy_of(m.value);
  return "";
}

std::string ingest_mplus_product(MplusState& state, JsonValue&& product) {
  auto number = member_int(product, "productNumber");
  if (!number) return "product has no productNumber";
  rapidjson::Document doc;
  doc.CopyFrom(product, doc.GetAllocator());
  auto& a = doc.GetAllocator();
  int64_t product_marker = member_int(doc, "syncMarker").value_or(0);
  auto list = doc.FindMember("articleList");
  if (list != doc.MemberEnd() && list->value.IsArray()) {
    for (auto& article : list->value.GetArray()) {
      auto an = member_int(article, "articleNumber");
      if (!an) return fmt::format("an article of product {} has no articleNumber", *number);
      if (state.find_article(*an)) {
        bool same_product = false;
        if (auto it = state.products.find(*number); it != state.products.end()) {
          for (const auto& art : (*member(it->second, "articleList")).GetArray()) {
            same_product = same_product || member_int(art, "articleNumber") == an;
          }
        }
        if (!same_product) return fmt::format("article {} already belongs to another product", *an);
      }
      auto marker = member_int(article, "syncMarker");
      if (!marker) {
        marker = ++state.article_sync_marker;
        put_int(article, "syncMarker", *marker, a);
      }
      state.article_sync_marker = std::max(state.article_sync_marker, *marker);
      product_marker = std::max(product_marker, *marker);
    }
  }
  if (product_marker == 0) product_marker = ++state.article_sync_marker;
  state.article_sync_marker = std::max(state.article_sync_marker, product_marker);
  put_int(doc, "syncMarker", product_marker, a);
  state.products[*number] = std::move(doc);
  return "";
}

std::string ingest_mplus_relation(MplusState& state, JsonValue&& relation) {
  auto number = member_int(relation, "relationNumber");
  if (!number || *number <= 0) return "relation has no positive relationNumber";
  rapidjson::Document doc;
  doc.CopyFrom(relation, doc.GetAllocator());
  auto marker = member_int(doc, "syncMarker");
  if (!marker) {
    marker = ++state.relation_sync_marker;
    put_int(doc, "syncMarker", *marker, doc.GetAllocator());
  }
  state.relation_sync_marker = std::max(state.relation_sync_marker, *marker);
  state.next_relation_number = std::max(state.next_relation_number, *number + 1);
  state.relations[*number] = std::move(doc);
  return "";
}

std::string ingest_mplus_order(MplusState& state, JsonValue&& order) {
  auto order_id = member_str(order, "orderId");
  if (!order_id || order_id->empty()) return "order has no orderId";
  rapidjson::Document doc;
  doc.CopyFrom(order, doc.GetAllocator());
  auto marker = member_int(doc, "syncMarker");
  if (!marker) {
    marker = ++state.order_sync_marker;
    put_int(doc, "syncMarker", *marker, doc.GetAllocator());
  }
  state.order_sync_marker = std::max(state.order_sync_marker, *marker);
  ++state.order_counter;
  for (auto& existing : state.orders) {
    if (member_str(existing, "orderId") == order_id) {
      existing = std::move(doc);
      return "";
    }
  }
  state.orders.push_back(std::move(doc));
  return "";
}

}  // namespace lsmplus::sandbox
