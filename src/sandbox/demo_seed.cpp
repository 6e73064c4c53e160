#include "demo_seed.hpp"

#include <cctype>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "time_util.hpp"

namespace lsmplus::sandbox {

namespace {

using Document = rapidjson::Document;

// Fluent builder for JSON objects.
class Obj {
 public:
  explicit Obj(JsonAlloc& a) : v_(rapidjson::kObjectType), a_(a) {}
  Obj& s(const char* k, std::string_view v) { return put_str(v_, k, v, a_), *this; }
  Obj& i(const char* k, int64_t v) { return put_int(v_, k, v, a_), *this; }
  Obj& n(const char* k, double v) { return put_num(v_, k, v, a_), *this; }
  Obj& b(const char* k, bool v) { return put_bool(v_, k, v, a_), *this; }
  Obj& f(const char* k) { return put_bool(v_, k, false, a_), *this; }
  Obj& null(const char* k) { return put_null(v_, k, a_), *this; }
  Obj& v(const char* k, JsonValue&& v) { return put_value(v_, k, std::move(v), a_), *this; }
  JsonValue take() { return std::move(v_); }

 private:
  JsonValue v_;
  JsonAlloc& a_;
};

JsonValue ref(JsonAlloc& a, std::optional<int64_t> id, const std::string& url) {
  JsonValue res = Obj(a).v("id", id ? JsonValue(*id) : JsonValue(false)).s("url", url).s("link", "").take();
  JsonValue r(rapidjson::kObjectType);
  put_value(r, "resource", std::move(res), a);
  return r;
}

double money(int64_t cents) { return static_cast<double>(cents) / 100.0; }
// Lightspeed stores excl. prices with four decimals (API-LIGHTSPEED.md §4.5).
double excl4(int64_t cents_incl) { return std::round(static_cast<double>(cents_incl) / 1.21 * 100.0) / 10000.0; }

struct Country {
  int64_t id;
  const char* code;
  const char* code3;
  const char* title;
};
constexpr Country kNetherlands{153, "nl", "nld", "Netherlands"};
constexpr Country kBelgium{21, "be", "bel", "Belgium"};

JsonValue country(JsonAlloc& a, const Country& c) {
  return Obj(a).i("id", c.id).s("code", c.code).s("code3", c.code3).s("title", c.title).take();
}

JsonValue language_nl(JsonAlloc& a) {
  return Obj(a).i("id", 1).s("code", "nl").s("locale", "nl_NL").s("title", "Nederlands").take();
}

struct Customer {
  const char* firstname;
  const char* middlename;
  const char* lastname;
  const char* email;
  const char* phone;
  const char* company;  // "" for persons
  const char* vat;
  const char* coc;
  const char* street;
  const char* number;
  const char* extension;
  const char* zipcode;
  const char* city;
  const Country* country;
};

const std::vector<Customer>& customers() {
  static const std::vector<Customer> c = {
      {"Jan", "", "Jansen", "jan.jansen@example.nl", "+31 6 12345001", "", "", "", "Dorpsstraat", "12", "",
       "3511 AB", "Utrecht", &kNetherlands},
      {"Pieter", "de", "Vries", "p.devries@example.nl", "+31 6 12345002", "", "", "", "Kerkweg", "5", "A",
       "1012 AB", "Amsterdam", &kNetherlands},
      {"Anna", "", "Bakker", "inkoop@goudenkorst.example.nl", "+31 15 2123456", "Bakkerij De Gouden Korst B.V.",
       "NL001234567B01", "12345678", "Marktplein", "3", "", "2611 GV", "Delft", &kNetherlands},
      {"Sophie", "", "Mulder", "sophie.mulder@example.nl", "+31 6 12345004", "", "", "", "Lindelaan", "44", "",
       "9711 AA", "Groningen", &kNetherlands},
      {"Daan", "", "Visser", "daan.visser@example.nl", "+31 6 12345005", "", "", "", "Havenstraat", "101", "bis",
       "3024 AB", "Rotterdam", &kNetherlands},
      {"Emma", "van den", "Berg", "emma.vdberg@example.nl", "+31 6 12345006", "", "", "", "Stationsweg", "7", "",
       "5611 AA", "Eindhoven", &kNetherlands},
      {"Tom", "", "Smit", "info@fietsensnel.example.nl", "+31 24 3456789", "Fietsenwinkel Snel V.O.F.",
       "NL009876543B01", "87654321", "Industrieweg", "22", "C", "6541 AB", "Nijmegen", &kNetherlands},
      {"Lotte", "de", "Boer", "lotte.deboer@example.nl", "+31 6 12345008", "", "", "", "Molenstraat", "9", "",
       "4811 AB", "Breda", &kNetherlands},
      {"Lucas", "", "Bos", "lucas.bos@example.nl", "+31 6 12345009", "", "", "", "Beukenlaan", "15", "2",
       "6821 AB", "Arnhem", &kNetherlands},
      {"Mila", "", "Peters", "hallo@vormenkleur.example.nl", "+31 30 2345678", "Studio Vorm & Kleur",
       "NL005555555B01", "55555555", "Oudegracht", "200", "", "3511 NR", "Utrecht", &kNetherlands},
      {"Noah", "", "Peeters", "noah.peeters@example.be", "+32 3 1234567", "", "", "", "Meir", "50", "",
       "2000", "Antwerpen", &kBelgium},
      {"Julia", "", "Hendriks", "julia.hendriks@example.nl", "+31 6 12345012", "", "", "", "Zeeweg", "3", "",
       "2041 AB", "Zandvoort", &kNetherlands},
  };
  return c;
}

constexpr int64_t kCustomerBase = 5000000;
constexpr int64_t kProductBase = 20000000;
constexpr int64_t kVariantBase = 30000000;
constexpr int64_t kOrderBase = 10000000;
constexpr int64_t kOrderLineBase = 40000000;

struct Article {
  int product;  // index into products()
  int64_t article_number;
  const char* sku;  // webshop SKU; numeric = articleNumber, otherwise Mplus extArticleId
  const char* ean;
  const char* title;  // variant title
  const char* colour;
  const char* size;
  int64_t price_cents;
};

struct ProductDef {
  int64_t product_number;
  const char* title;
  int group;
};

const std::vector<ProductDef>& products() {
  static const std::vector<ProductDef> p = {
      {101, "Koffiemok", 10},    {102, "Theeglas set", 10}, {103, "T-shirt Basic", 20}, {104, "Hoodie", 20},
      {105, "Notitieboek A5", 30}, {106, "Pennenset", 30},  {107, "Canvas tas", 40},    {108, "Sokken", 20},
      {109, "Poster", 50},       {110, "Cadeaubon", 60},
  };
  return p;
}

const std::vector<Article>& articles() {
  static const std::vector<Article> a = {
      {0, 1001, "1001", "8712345000017", "Wit", "wit", "", 895},
      {1, 1002, "1002", "", "Set van 4", "", "", 1450},
      {2, 1003, "TS-RED-M", "8712345000031", "Rood / M", "rood", "M", 1999},
      {2, 1004, "TS-RED-L", "", "Rood / L", "rood", "L", 1999},
      {2, 1005, "TS-BLU-M", "8712345000055", "Blauw / M", "blauw", "M", 1999},
      {3, 1006, "HD-GRY-M", "", "Grijs / M", "grijs", "M", 4995},
      {3, 1007, "HD-GRY-L", "8712345000079", "Grijs / L", "grijs", "L", 4995},
      {4, 1008, "1008", "8712345000086", "Gelinieerd", "", "", 649},
      {5, 1009, "1009", "", "Zwart", "zwart", "", 1299},
      {6, 1010, "BAG-CNV", "8712345000109", "Naturel", "naturel", "", 999},
      {7, 1011, "SOCK-39-42", "", "Maat 39-42", "", "39-42", 795},
      {7, 1012, "SOCK-43-46", "", "Maat 43-46", "", "43-46", 795},
      {8, 1013, "1013", "", "30x40 cm", "", "30x40", 2400},
      {8, 1014, "1014", "", "50x70 cm", "", "50x70", 3400},
      {9, 1015, "1015", "8712345000154", "EUR 25", "", "", 2500},
      {9, 1016, "", "8712345000161", "EUR 50", "", "", 5000},
  };
  return a;
}

bool numeric(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

std::string order_status(int i) {
  switch (i) {
    case 3:
    case 8: return "completed_shipped";
    case 14:
    case 26: return "cancelled";
    case 21: return "processing_awaiting_payment";
    default: return "processing_awaiting_shipment";
  }
}

void add_address_fields(Obj& o, const Customer& c, bool with_region_data) {
  std::string name = fmt::format("{}{}{} {}", c.firstname, *c.middlename ? " " : "", c.middlename, c.lastname);
  for (const char* kind : {"Billing", "Shipping"}) {
    std::string p = std::string("address") + kind;
    if (std::string(kind) == "Shipping") {
      if (*c.company) {
        o.s("addressShippingCompany", c.company);
      } else {
        o.f("addressShippingCompany");
      }
    }
    o.s((p + "Name").c_str(), name)
        .s((p + "Street").c_str(), c.street)
        .s((p + "Street2").c_str(), "")
        .s((p + "Number").c_str(), c.number)
        .s((p + "Extension").c_str(), c.extension)
        .s((p + "Zipcode").c_str(), c.zipcode)
        .s((p + "City").c_str(), c.city)
        .s((p + "Region").c_str(), "");
    o.v((p + "Country").c_str(), JsonValue());
    if (with_region_data) o.f((p + "RegionData").c_str());
  }
}

JsonValue customer_json(JsonAlloc& a, int index) {
  const Customer& c = customers()[static_cast<size_t>(index)];
  int64_t id = kCustomerBase + index + 1;
  int64_t created = epoch_from_civil(2026, 9, 1 + index, 10, 0, 0);
  Obj o(a);
  o.i("id", id)
      .s("createdAt", format_lightspeed_time(created))
      .s("updatedAt", format_lightspeed_time(created + 3600))
      .b("isConfirmed", true)
      .s("type", "registered")
      .null("lastOnlineAt")
      .f("remoteIp")
      .f("userAgent")
      .f("referralId")
      .f("gender")
      .f("birthDate")
      .s("nationalId", "")
      .s("email", c.email)
      .s("firstname", c.firstname)
      .s("middlename", c.middlename)
      .s("lastname", c.lastname)
      .s("phone", c.phone)
      .s("mobile", "")
      .b("isCompany", *c.company != '\0')
      .s("companyName", c.company)
      .s("companyCoCNumber", c.coc)
      .s("companyVatNumber", c.vat);
  add_address_fields(o, c, false);
  o.s("memo", "").f("doNotifyRegistered").f("doNotifyConfirmed").f("doNotifyPassword");
  o.v("language", language_nl(a));
  o.v("groups", ref(a, std::nullopt, fmt::format("groups/customers?customer={}", id)));
  o.v("invoices", ref(a, std::nullopt, fmt::format("invoices?customer={}", id)));
  o.v("orders", ref(a, std::nullopt, fmt::format("orders?customer={}", id)));
  o.v("shipments", ref(a, std::nullopt, fmt::format("shipments?customer={}", id)));
  o.v("metafields", ref(a, std::nullopt, fmt::format("customers/{}/metafields", id)));
  JsonValue v = o.take();
  put_value(v, "addressBillingCountry", country(a, *c.country), a);
  put_value(v, "addressShippingCountry", country(a, *c.country), a);
  return v;
}

JsonValue tax_rates(JsonAlloc& a, double amount) {
  JsonValue arr(rapidjson::kArrayType);
  arr.PushBack(Obj(a).s("name", "BTW hoog").n("rate", 0.21).n("amount", amount).take(), a);
  return arr;
}

void seed_lightspeed(EmulatorState& state) {
  LightspeedState& ls = state.lightspeed;
  // Products and variants.
  for (size_t p = 0; p < products().size(); ++p) {
    Document d(rapidjson::kObjectType);
    auto& a = d.GetAllocator();
    int64_t id = kProductBase + static_cast<int64_t>(p) + 1;
    int64_t created = epoch_from_civil(2026, 8, 1 + static_cast<int>(p), 9, 0, 0);
    std::string title = products()[p].title;
    std::string slug;
    for (char ch : title) slug += ch == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    Obj o(a);
    o.i("id", id)
        .s("createdAt", format_lightspeed_time(created))
        .s("updatedAt", format_lightspeed_time(created + 600))
        .b("isVisible", true)
        .s("visibility", "visible")
        .b("hasMatrix", false)
        .s("data01", "")
        .s("data02", "")
        .s("data03", "")
        .s("url", slug)
        .s("title", title)
        .s("fulltitle", title)
        .s("description", "")
        .s("content", "")
        .f("set")
        .f("brand")
        .v("categories", ref(a, std::nullopt, fmt::format("categories/products?product={}", id)))
        .f("deliverydate")
        .f("image")
        .v("images", ref(a, std::nullopt, fmt::format("products/{}/images", id)))
        .v("metafields", ref(a, std::nullopt, fmt::format("products/{}/metafields", id)))
        .f("type")
        .f("supplier")
        .v("variants", ref(a, std::nullopt, fmt::format("variants?product={}", id)));
    ls.products[id].CopyFrom(o.take(), ls.products[id].GetAllocator());
  }
  for (size_t k = 0; k < articles().size(); ++k) {
    const Article& art = articles()[k];
    Document d(rapidjson::kObjectType);
    auto& a = d.GetAllocator();
    int64_t id = kVariantBase + static_cast<int64_t>(k) + 1;
    int64_t product_id = kProductBase + art.product + 1;
    bool first = k == 0 || articles()[k - 1].product != art.product;
    int64_t created = epoch_from_civil(2026, 8, 1 + art.product, 9, 5, 0);
    Obj o(a);
    o.i("id", id)
        .s("createdAt", format_lightspeed_time(created))
        .s("updatedAt", format_lightspeed_time(created + 600))
        .b("isDefault", first)
        .i("sortOrder", 1)
        .s("articleCode", art.sku)
        .s("ean", art.ean)
        .s("sku", art.sku)
        .s("hs", "")
        .n("unitPrice", 0)
        .null("unitUnit")
        .n("priceExcl", excl4(art.price_cents))
        .n("priceIncl", money(art.price_cents))
        .n("priceCost", 0)
        .n("oldPriceExcl", 0)
        .n("oldPriceIncl", 0)
        .s("stockTracking", "enabled")
        .i("stockLevel", static_cast<int64_t>(5 + (k * 7) % 20))
        .i("stockAlert", 0)
        .i("stockMinimum", 0)
        .i("stockSold", 0)
        .i("stockBuyMininum", 1)
        .i("stockBuyMinimum", 1)
        .i("stockBuyMaximum", 10000)
        .n("weight", 0)
        .s("weightValue", "0.000")
        .s("weightUnit", "kg")
        .f("matrix")
        .s("title", art.title)
        .s("taxType", "auto")
        .f("image")
        .f("tax")
        .v("product", ref(a, product_id, fmt::format("products/{}", product_id)))
        .v("movements", ref(a, std::nullopt, fmt::format("variants/movements?variant={}", id)))
        .v("metafields", ref(a, std::nullopt, fmt::format("variants/{}/metafields", id)))
        .f("additionalcost")
        .v("options", JsonValue(rapidjson::kArrayType));
    ls.variants[id].CopyFrom(o.take(), ls.variants[id].GetAllocator());
  }

  // Orders, each with its customer embedded; ingesting also stores every customer.
  for (int i = 1; i <= 30; ++i) {
    Document d(rapidjson::kObjectType);
    auto& a = d.GetAllocator();
    int cust_index = (i * 7) % 12;
    const Customer& c = customers()[static_cast<size_t>(cust_index)];
    int64_t cust_id = kCustomerBase + cust_index + 1;
    int64_t id = kOrderBase + i;
    std::string status = order_status(i);
    int64_t created = epoch_from_civil(2026, 10, 1, 8, 0, 0) + int64_t{i - 1} * 40 * 3600 + ((i * 37) % 60) * 60 +
                      (i * 13) % 60;
    int64_t updated = created + (status == "completed_shipped" ? 2 * 86400
                                 : status == "cancelled"       ? 86400
                                 : status == "processing_awaiting_payment" ? 300
                                                                           : 900);
    const bool paid = status == "completed_shipped" || status == "processing_awaiting_shipment";
    const bool shipped = status == "completed_shipped";
    std::string payment_status = paid ? "paid" : status == "cancelled" ? "cancelled" : "not_paid";
    std::string shipment_status = shipped ? "shipped" : status == "cancelled" ? "cancelled" : "not_shipped";

    JsonValue lines(rapidjson::kArrayType);
    int64_t lines_cents = 0;
    int n_lines = 1 + i % 4;
    for (int j = 0; j < n_lines; ++j) {
      size_t k = static_cast<size_t>((i * 7 + j * 5) % 16);
      const Article& art = articles()[k];
      int64_t qty = 1 + (i + j) % 3;
      int64_t total = art.price_cents * qty;
      lines_cents += total;
      int64_t product_id = kProductBase + art.product + 1;
      int64_t variant_id = kVariantBase + static_cast<int64_t>(k) + 1;
      double line_excl = excl4(total);
      Obj l(a);
      l.i("id", kOrderLineBase + i * 10 + j)
          .s("supplierTitle", "")
          .s("brandTitle", "")
          .s("productTitle", products()[static_cast<size_t>(art.product)].title)
          .s("variantTitle", art.title)
          .n("taxRate", 0.21)
          .v("taxRates", tax_rates(a, std::round((money(total) - line_excl) * 100.0) / 100.0))
          .i("quantityOrdered", qty)
          .i("quantityInvoiced", paid ? qty : 0)
          .i("quantityShipped", shipped ? qty : 0)
          .i("quantityRefunded", 0)
          .i("quantityReturned", 0)
          .s("articleCode", art.sku)
          .s("ean", art.ean)
          .s("sku", art.sku)
          .n("weight", 0)
          .n("volume", 0)
          .n("colli", 0)
          .n("sizeX", 0)
          .n("sizeY", 0)
          .n("sizeZ", 0)
          .n("priceCost", 0)
          .n("customExcl", 0)
          .n("customIncl", 0)
          .n("basePriceExcl", excl4(art.price_cents))
          .n("basePriceIncl", money(art.price_cents))
          .n("priceExcl", line_excl)
          .n("priceIncl", money(total))
          .n("discountExcl", 0)
          .n("discountIncl", 0)
          .f("customFields")
          .v("product", ref(a, product_id, fmt::format("products/{}", product_id)))
          .v("variant", ref(a, variant_id, fmt::format("variants/{}", variant_id)));
      lines.PushBack(l.take(), a);
    }
    int64_t ship_cents = i % 3 == 0 ? 0 : 495;
    int64_t total_cents = lines_cents + ship_cents;
    static const char* kPaymentIds[] = {"ideal", "paypal", "invoice"};
    static const char* kPaymentTitles[] = {"iDEAL", "PayPal", "Op rekening"};
    const char* payment_id = kPaymentIds[i % 3];

    JsonValue customer_ref = ref(a, cust_id, fmt::format("customers/{}", cust_id));
    put_value(customer_ref["resource"], "embedded", customer_json(a, cust_index), a);
    JsonValue products_ref = ref(a, std::nullopt, fmt::format("orders/{}/products", id));
    put_value(products_ref["resource"], "embedded", std::move(lines), a);

    Obj o(a);
    o.i("id", id)
        .s("createdAt", format_lightspeed_time(created))
        .s("updatedAt", format_lightspeed_time(updated))
        .s("number", fmt::format("ORD{:05}", i))
        .s("status", status)
        .null("customStatusId")
        .s("channel", "main")
        .s("remoteIp", fmt::format("192.0.2.{}", i))
        .s("userAgent", "Mozilla/5.0 (X11; Linux x86_64) lsmplus-sandbox")
        .f("referralId")
        .n("priceCost", 0)
        .n("priceExcl", excl4(total_cents))
        .n("priceIncl", money(total_cents))
        .n("weight", 0)
        .n("volume", 0)
        .n("colli", 0)
        .f("gender")
        .f("birthDate")
        .s("nationalId", "")
        .s("email", c.email)
        .s("firstname", c.firstname)
        .s("middlename", c.middlename)
        .s("lastname", c.lastname)
        .s("phone", c.phone)
        .s("mobile", "")
        .b("newsletterSubscribed", false)
        .b("isCompany", *c.company != '\0')
        .s("companyName", c.company)
        .s("companyCoCNumber", c.coc)
        .s("companyVatNumber", c.vat);
    add_address_fields(o, c, true);
    o.s("paymentId", payment_id)
        .s("paymentStatus", payment_status)
        .b("paymentIsPost", false)
        .b("paymentIsInvoiceExternal", false)
        .n("paymentTaxRate", 0)
        .v("paymentTaxRates", JsonValue(rapidjson::kArrayType))
        .n("paymentBasePriceExcl", 0)
        .n("paymentBasePriceIncl", 0)
        .n("paymentPriceExcl", 0)
        .n("paymentPriceIncl", 0)
        .s("paymentTitle", kPaymentTitles[i % 3])
        .v("paymentData", Obj(a).s("method", payment_id).take())
        .s("shipmentId", ship_cents ? "core|1001|2001" : "core|1001|2002")
        .s("shipmentStatus", shipment_status)
        .b("shipmentIsCashOnDelivery", false)
        .b("shipmentIsPickup", false)
        .n("shipmentTaxRate", 0.21)
        .v("shipmentTaxRates", tax_rates(a, ship_cents ? std::round((money(ship_cents) - excl4(ship_cents)) * 100) / 100 : 0))
        .n("shipmentBasePriceExcl", excl4(ship_cents))
        .n("shipmentBasePriceIncl", money(ship_cents))
        .n("shipmentPriceExcl", excl4(ship_cents))
        .n("shipmentPriceIncl", money(ship_cents))
        .n("shipmentDiscountExcl", 0)
        .n("shipmentDiscountIncl", 0)
        .s("shipmentTitle", ship_cents ? "PostNL pakket" : "PostNL pakket (gratis)")
        .v("shipmentData",
           Obj(a).s("method", "default").i("shipment_id", 1001).i("shipping_value_id", ship_cents ? 2001 : 2002).take())
        .null("shippingDate")
        .null("deliveryDate")
        .b("isDiscounted", false)
        .s("discountType", "amount")
        .n("discountAmount", 0)
        .n("discountPercentage", 0)
        .s("discountCouponCode", "")
        .v("taxRates", tax_rates(a, std::round((money(total_cents) - excl4(total_cents)) * 100) / 100))
        .b("isNewCustomer", false)
        .s("comment", i % 5 == 0 ? "Graag bezorgen na 17:00." : "")
        .s("memo", "")
        .b("allowNotifications", true)
        .b("doNotifyNew", false)
        .b("doNotifyReminder", false)
        .b("doNotifyCancelled", false)
        .v("language", language_nl(a))
        .v("customer", std::move(customer_ref))
        .v("invoices", ref(a, std::nullopt, fmt::format("invoices?order={}", id)))
        .v("shipments", ref(a, std::nullopt, fmt::format("shipments?order={}", id)))
        .v("products", std::move(products_ref))
        .v("metafields", ref(a, std::nullopt, fmt::format("orders/{}/metafields", id)))
        .v("events", ref(a, std::nullopt, fmt::format("orders/events?order={}", id)));
    JsonValue order = o.take();
    put_value(order, "addressBillingCountry", country(a, *c.country), a);
    put_value(order, "addressShippingCountry", country(a, *c.country), a);
    put_value(d, "order", std::move(order), a);
    std::string error = ingest_lightspeed_order(ls, d, updated);
    if (!error.empty()) throw std::logic_error("demo seed: " + error);
  }
  // Customers without orders would be missing otherwise.
  for (int k = 0; k < 12; ++k) {
    int64_t id = kCustomerBase + k + 1;
    if (ls.customers.count(id)) continue;
    Document& doc = ls.customers[id];
    doc.CopyFrom(customer_json(doc.GetAllocator(), k), doc.GetAllocator());
  }
}

void seed_mplus(EmulatorState& state) {
  MplusState& mp = state.mplus;
  for (size_t p = 0; p < products().size(); ++p) {
    Document d(rapidjson::kObjectType);
    auto& a = d.GetAllocator();
    JsonValue list(rapidjson::kArrayType);
    for (const Article& art : articles()) {
      if (static_cast<size_t>(art.product) != p) continue;
      Obj o(a);
      o.i("articleNumber", art.article_number);
      if (*art.sku && !numeric(art.sku)) o.s("extArticleId", art.sku);
      o.b("active", true).s("description", fmt::format("{} {}", products()[p].title, art.title));
      if (*art.colour) o.s("colour", art.colour);
      if (*art.size) o.s("size", art.size);
      if (*art.ean) o.s("barcode", art.ean);
      o.i("turnoverGroup", products()[p].group)
          .i("vatCode", 2)
          .i("vatPercentage", 21)
          .i("priceIncl", art.price_cents)
          .i("priceExcl", static_cast<int64_t>(std::round(static_cast<double>(art.price_cents) / 1.21)))
          .b("webshop", true)
          .b("stockArticle", true);
      list.PushBack(o.take(), a);
    }
    JsonValue groups(rapidjson::kArrayType);
    groups.PushBack(products()[p].group, a);
    JsonValue product = Obj(a)
                            .i("productNumber", products()[p].product_number)
                            .s("description", products()[p].title)
                            .v("articleList", std::move(list))
                            .v("groupNumbers", std::move(groups))
                            .take();
    std::string error = ingest_mplus_product(mp, std::move(product));
    if (!error.empty()) throw std::logic_error("demo seed: " + error);
  }
  {
    Document d(rapidjson::kObjectType);
    auto& a = d.GetAllocator();
    JsonValue list(rapidjson::kArrayType);
    list.PushBack(Obj(a)
                      .i("articleNumber", 900001)
                      .b("active", true)
                      .s("description", "Verzendkosten")
                      .i("turnoverGroup", 90)
                      .i("vatCode", 2)
                      .i("vatPercentage", 21)
                      .i("priceIncl", 495)
                      .i("priceExcl", 409)
                      .b("webshop", false)
                      .b("stockArticle", false)
                      .take(),
                  a);
    JsonValue product = Obj(a)
                            .i("productNumber", 900)
                            .s("description", "Verzendkosten")
                            .v("articleList", std::move(list))
                            .take();
    ingest_mplus_product(mp, std::move(product));
  }
  struct RelationSeed {
    int customer_index;
    const char* email;
  };
  const RelationSeed seeds[] = {{0, "jan.jansen@example.nl"},
                                {1, "P.deVries@Example.NL"},
                                {2, "inkoop@goudenkorst.example.nl"},
                                {4, "daan.visser@example.nl"}};
  int64_t number = 1001;
  for (const RelationSeed& s : seeds) {
    const Customer& c = customers()[static_cast<size_t>(s.customer_index)];
    Document d(rapidjson::kObjectType);
    auto& a = d.GetAllocator();
    std::string person = fmt::format("{}{}{} {}", c.firstname, *c.middlename ? " " : "", c.middlename, c.lastname);
    std::string address =
        fmt::format("{} {}{}{}", c.street, c.number, *c.extension ? " " : "", c.extension);
    Obj o(a);
    o.i("relationNumber", number++)
        .b("active", true)
        .s("name", *c.company ? c.company : person)
        .s("address", address)
        .s("zipcode", c.zipcode)
        .s("city", c.city)
        .s("country", "NL")
        .s("contact", person)
        .s("telephone", c.phone)
        .s("email", s.email);
    if (*c.company) {
      o.s("vatNumber", c.vat).s("commerceNumber", c.coc);
      JsonValue contacts(rapidjson::kArrayType);
      contacts.PushBack(Obj(a).s("name", person).s("email", s.email).s("telephone", c.phone).take(), a);
      o.v("contactList", std::move(contacts)).s("companyName", c.company);
    }
    ingest_mplus_relation(mp, o.take());
  }
}

}  // namespace

void install_base_records(EmulatorState& state) {
  Document& shop = state.lightspeed.shop;
  shop.SetObject();
  auto& a = shop.GetAllocator();
  Obj o(a);
  o.s("id", "000001")
      .s("createdAt", format_lightspeed_time(epoch_from_civil(2026, 1, 5, 9, 0, 0)))
      .s("status", "test")
      .b("isB2b", false)
      .b("isRetail", true)
      .s("subDomain", "sandbox")
      .s("mainDomain", "sandbox.example.nl")
      .s("email", "info@sandbox.example.nl")
      .s("phone", "+31 30 1234567")
      .s("fax", "")
      .s("street", "Oudegracht 1")
      .s("street2", "")
      .s("zipcode", "3511 AA")
      .s("city", "Utrecht")
      .s("region", "Utrecht")
      .v("country", country(a, kNetherlands))
      .s("vatNumber", "NL000099998B57")
      .s("cocNumber", "99998888")
      .s("industry", "")
      .v("currency", Obj(a)
                         .s("shortcode", "EUR")
                         .s("symbol", "€")
                         .s("title", "Euro")
                         .b("isDefault", true)
                         .s("currencyRate", "1.000000")
                         .take())
      .v("language", language_nl(a))
      .v("company", ref(a, std::nullopt, "shop/company"))
      .v("limits", ref(a, std::nullopt, "shop/limits"))
      .v("website", ref(a, std::nullopt, "shop/website"))
      .v("metafields", ref(a, std::nullopt, "shop/metafields"));
  JsonValue v = o.take();
  static_cast<JsonValue&>(shop).Swap(v);
}

void load_demo_seed(EmulatorState& state) {
  seed_mplus(state);
  seed_lightspeed(state);
}

}  // namespace lsmplus::sandbox
