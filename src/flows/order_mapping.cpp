#include "lsmplus/flows/order_mapping.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "lsmplus/lightspeed/records.hpp"
#include "lsmplus/util/decimal.hpp"
#include "lsmplus/util/time.hpp"

namespace lsmplus::flows {

namespace ls = lightspeed;
using rapidjson::Value;

namespace {

using Alloc = rapidjson::Document::AllocatorType;

void set_string(Value& obj, const char* key, const std::string& value, Alloc& a) {
  obj.AddMember(Value(key, a), Value(value.c_str(), static_cast<rapidjson::SizeType>(value.size()), a), a);
}

void set_int(Value& obj, const char* key, int64_t value, Alloc& a) {
  obj.AddMember(Value(key, a), Value(static_cast<int64_t>(value)), a);
}

std::string join_nonempty(const std::vector<std::optional<std::string>>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!p || p->empty()) continue;
    if (!out.empty()) out += sep;
    out += *p;
  }
  return out;
}

std::string order_label(const Value& order) {
  auto number = ls::text(order, "number");
  auto id = ls::integer(order, "id");
  return fmt::format("order {}", number ? *number : (id ? std::to_string(*id) : std::string("(no number)")));
}

std::string person_name(const Value& order) {
  return join_nonempty({ls::text(order, "firstname"), ls::text(order, "middlename"), ls::text(order, "lastname")}, " ");
}

// "Dorpsstraat" + "546" + "K 1" → "Dorpsstraat 546 K 1"; "Laan" + "1" + "-3" → "Laan 1-3".
std::string street_line(const Value& order, const std::string& prefix) {
  auto street = ls::text(order, (prefix + "Street").c_str());
  auto number = ls::text(order, (prefix + "Number").c_str());
  auto extension = ls::text(order, (prefix + "Extension").c_str());
  std::string out = street.value_or("");
  if (number) out += (out.empty() ? "" : " ") + *number;
  if (extension) {
    bool glued = (*extension)[0] == '-' || (*extension)[0] == '/' ||
                 (extension->size() == 1 && std::isalpha(static_cast<unsigned char>((*extension)[0])));
    out += (glued || out.empty() ? "" : " ") + *extension;
  }
  return out;
}

// An Mplus Address from the order's billing or shipping fields.
Value address(const Value& order, const std::string& prefix, Alloc& a) {
  Value addr(rapidjson::kObjectType);
  std::string name = ls::text(order, (prefix + "Name").c_str()).value_or(person_name(order));
  if (!name.empty()) set_string(addr, "name", name, a);
  std::string street = street_line(order, prefix);
  if (!street.empty()) set_string(addr, "address", street, a);
  if (auto zip = ls::text(order, (prefix + "Zipcode").c_str())) set_string(addr, "zipcode", *zip, a);
  if (auto city = ls::text(order, (prefix + "City").c_str())) set_string(addr, "city", *city, a);
  if (auto country = ls::country_code(order, (prefix + "Country").c_str())) set_string(addr, "country", *country, a);
  std::optional<std::string> company = prefix == "addressShipping" ? ls::text(order, "addressShippingCompany")
                                                                   : ls::text(order, "companyName");
  if (company) set_string(addr, "companyName", *company, a);
  return addr;
}

Error record_error(const Value& order, const std::string& reason) {
  return make_error(ErrorClass::permanent, fmt::format("{}: {}", order_label(order), reason));
}

// Cents from a decimal field; nullopt when absent; an error when present but not a number.
Result<std::optional<int64_t>> cents_field(const Value& record, const char* key, const Value& order) {
  auto text = ls::decimal(record, key);
  if (!text) return std::optional<int64_t>{};
  // Lightspeed keeps 4-decimal prices; round half away from zero to whole cents.
  auto cents = util::decimal_to_cents(*text, util::CentsRounding::half_away_from_zero);
  if (!cents) return record_error(order, fmt::format("{} is not a number: '{}'", key, *text));
  return std::optional<int64_t>{*cents};
}

Value service_line(int64_t article, const std::string& text, int64_t cents, Alloc& a) {
  Value line(rapidjson::kObjectType);
  set_int(line, "articleNumber", article, a);
  set_string(line, "text", text, a);
  Value data(rapidjson::kObjectType);
  set_int(data, "quantity", 1, a);
  set_int(data, "price", cents, a);
  line.AddMember("data", data, a);
  return line;
}

// A cost of the order that becomes a line on a service article.
struct CostLine {
  const char* price_key;       // "shipmentPriceIncl"
  const char* title_key;       // "shipmentTitle"
  const char* what;            // "shipping costs", for messages and as the default line text
  std::optional<int64_t> article;
  const char* setting;         // the config key that names the article
};

// Appends the cost's line (nothing when the cost is absent or zero). A cost without a
// configured article fails the record rather than dropping money silently.
Result<void> add_cost_line(const Value& order, const CostLine& cost, Value& lines, Alloc& a) {
  auto cents = cents_field(order, cost.price_key, order);
  if (!cents) return cents.error();
  if (!*cents || **cents == 0) return {};
  if (!cost.article) {
    return record_error(order, fmt::format("the order has {} of {} but flows.orders.{} is not set", cost.what,
                                           util::cents_to_decimal(**cents), cost.setting));
  }
  lines.PushBack(service_line(*cost.article, ls::text(order, cost.title_key).value_or(cost.what), **cents, a), a);
  return {};
}

}  // namespace

std::string ext_order_id(const std::string& shop_id, const std::string& order_number) {
  return fmt::format("LS{}-{}", shop_id, order_number);
}

std::optional<std::string> normalise_email(const std::string& email) {
  auto b = email.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return std::nullopt;
  auto e = email.find_last_not_of(" \t\r\n");
  std::string out = email.substr(b, e - b + 1);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  auto at = out.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == out.size()) return std::nullopt;
  return out;
}

Result<rapidjson::Document> map_relation(const Value& order, const OrderMappingSettings&) {
  rapidjson::Document rel(rapidjson::kObjectType);
  auto& a = rel.GetAllocator();
  auto email = normalise_email(ls::text(order, "email").value_or(""));
  if (!email) return record_error(order, "no usable e-mail address to find or create the customer's relation");
  std::string person = person_name(order);
  auto company = ls::text(order, "companyName");
  if (auto customer_id = ls::resource_id(order, "customer")) {
    set_string(rel, "extRelationId", fmt::format("LS-C-{}", *customer_id), a);
  }
  std::string name = company ? *company : person;
  if (name.empty()) name = *email;
  set_string(rel, "name", name, a);
  std::string street = street_line(order, "addressBilling");
  if (!street.empty()) set_string(rel, "address", street, a);
  if (auto zip = ls::text(order, "addressBillingZipcode")) set_string(rel, "zipcode", *zip, a);
  if (auto city = ls::text(order, "addressBillingCity")) set_string(rel, "city", *city, a);
  if (auto country = ls::country_code(order, "addressBillingCountry")) set_string(rel, "country", *country, a);
  if (company && !person.empty()) set_string(rel, "contact", person, a);
  if (auto phone = ls::text(order, "phone")) set_string(rel, "telephone", *phone, a);
  if (auto mobile = ls::text(order, "mobile")) set_string(rel, "mobile", *mobile, a);
  set_string(rel, "email", *email, a);
  if (company) {
    if (auto vat = ls::text(order, "companyVatNumber")) set_string(rel, "vatNumber", *vat, a);
    if (auto coc = ls::text(order, "companyCoCNumber")) set_string(rel, "commerceNumber", *coc, a);
    if (!person.empty()) {
      // INFERRED (API-MPLUS.md §3.3, §9 Q5): a company debtor carries its contact person in
      // contactList; whether createRelation stores nested contacts is not confirmed.
      Value contact(rapidjson::kObjectType);
      set_string(contact, "name", person, a);
      set_string(contact, "email", *email, a);
      if (auto phone = ls::text(order, "phone")) set_string(contact, "telephone", *phone, a);
      Value list(rapidjson::kArrayType);
      list.PushBack(contact, a);
      Value contact_list(rapidjson::kObjectType);
      contact_list.AddMember("relation", list, a);
      rel.AddMember("contactList", contact_list, a);
    }
    set_string(rel, "companyName", *company, a);
  }
  return rel;
}

Result<rapidjson::Document> map_order(const Value& order, int64_t relation_number, const ArticleResolver& resolve,
                                      const OrderMappingSettings& settings) {
  rapidjson::Document out(rapidjson::kObjectType);
  auto& a = out.GetAllocator();
  auto number = ls::text(order, "number");
  if (!number) return record_error(order, "the order has no number");
  auto created = ls::text(order, "createdAt");
  auto created_at = created ? util::parse_time(*created) : std::nullopt;
  if (!created_at) return record_error(order, fmt::format("createdAt is not a timestamp: '{}'", created.value_or("")));

  set_string(out, "extOrderId", ext_order_id(settings.shop_id, *number), a);
  set_int(out, "entryBranchNumber", settings.branch, a);
  set_int(out, "employeeNumber", settings.employee_number, a);
  util::CivilTime local = util::amsterdam_time(*created_at);
  Value entry(rapidjson::kObjectType);
  set_int(entry, "sec", local.second, a);
  set_int(entry, "min", local.minute, a);
  set_int(entry, "hour", local.hour, a);
  set_int(entry, "day", local.day, a);
  set_int(entry, "mon", local.month, a);
  set_int(entry, "year", local.year, a);
  entry.AddMember("isdst", false, a);
  set_int(entry, "timezone", local.utc_offset_minutes, a);
  out.AddMember("entryTimestamp", entry, a);
  set_int(out, "relationNumber", relation_number, a);
  out.AddMember("deliveryAddress", address(order, "addressShipping", a), a);
  out.AddMember("invoiceAddress", address(order, "addressBilling", a), a);
  Value financial(rapidjson::kObjectType);
  set_int(financial, "day", local.day, a);
  set_int(financial, "mon", local.month, a);
  set_int(financial, "year", local.year, a);
  out.AddMember("financialDate", financial, a);
  set_int(out, "financialBranchNumber", settings.branch, a);
  if (settings.workplace) set_int(out, "workplaceNumber", *settings.workplace, a);
  set_string(out, "reference", *number, a);
  set_string(out, "vatMethod", "VAT-METHOD-INCLUSIVE", a);

  Value lines(rapidjson::kArrayType);
  const Value* products = ls::embedded(order, "products");
  if (!products || !products->IsArray() || products->Empty()) {
    return record_error(order, "the order has no lines (products.resource.embedded is empty or missing)");
  }
  int line_no = 0;
  for (const auto& item : products->GetArray()) {
    ++line_no;
    LineKeys keys{ls::text(item, "sku").value_or(""), ls::text(item, "ean").value_or(""),
                  ls::text(item, "articleCode").value_or("")};
    std::string title = join_nonempty({ls::text(item, "productTitle"), ls::text(item, "variantTitle")}, " - ");
    auto resolved = resolve(keys);
    if (!resolved) return resolved.error();
    if (!*resolved) {
      return record_error(order, fmt::format("line {} ('{}', sku '{}', ean '{}'): no Mplus article has this number, "
                                             "extArticleId or barcode",
                                             line_no, title, keys.sku, keys.ean));
    }
    auto quantity = ls::integer(item, "quantityOrdered");
    if (!quantity || *quantity <= 0) {
      return record_error(order, fmt::format("line {} ('{}'): quantityOrdered is missing or not a positive whole "
                                             "number",
                                             line_no, title));
    }
    auto unit_price = cents_field(item, "basePriceIncl", order);
    if (!unit_price) return unit_price.error();
    if (!*unit_price) return record_error(order, fmt::format("line {} ('{}'): basePriceIncl is missing", line_no, title));
    auto discount = cents_field(item, "discountIncl", order);
    if (!discount) return discount.error();

    Value line(rapidjson::kObjectType);
    set_int(line, "articleNumber", **resolved, a);
    if (!title.empty()) set_string(line, "text", title, a);
    Value data(rapidjson::kObjectType);
    set_int(data, "quantity", *quantity, a);
    set_int(data, "price", **unit_price, a);
    // INFERRED: LineData.discountAmount holds the line's total discount in cents, like the
    // webshop's discountIncl (API-MPLUS.md §3.4 documents the field, not its scope).
    if (*discount && **discount != 0) set_int(data, "discountAmount", **discount, a);
    line.AddMember("data", data, a);
    lines.PushBack(line, a);
  }

  const CostLine costs[] = {
      {"shipmentPriceIncl", "shipmentTitle", "shipping costs", settings.shipping_article, "shipping_article"},
      {"paymentPriceIncl", "paymentTitle", "payment costs", settings.payment_article, "payment_article"},
  };
  for (const auto& cost : costs) {
    if (auto r = add_cost_line(order, cost, lines, a); !r) return r.error();
  }
  Value line_list(rapidjson::kObjectType);
  line_list.AddMember("line", lines, a);
  out.AddMember("lineList", line_list, a);
  return out;
}

}  // namespace lsmplus::flows
