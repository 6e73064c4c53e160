#include "mapping/catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <limits>
#include <map>

namespace lsmplus::mapping {

namespace {

namespace schema = mplus::schema;

// How a Lightspeed member is written down below.
enum class F { value, boolean, any, object, resource, list };

struct FieldSpec {
  std::string_view name;
  F kind = F::value;
  const Shape* shape = nullptr;  // F::object, F::resource (embedded), F::list (items)
};

class Catalog {
 public:
  Catalog() {
    build_mplus();
    build_lightspeed();
  }

  const Shape* source(std::string_view name) const { return find(sources_, name); }
  const Shape* target(std::string_view name) const { return find(targets_, name); }
  const Shape& any() const { return *any_; }
  const Shape& value(bool boolean) const { return boolean ? *boolean_ : *value_; }
  const Shape& mplus(const schema::ComplexTypeDef& type) const { return *mplus_by_type_.at(&type); }

 private:
  static const Shape* find(const std::map<std::string, const Shape*, std::less<>>& table,
                           std::string_view name) {
    auto it = table.find(name);
    return it == table.end() ? nullptr : it->second;
  }

  Shape* make(Shape::Kind kind, std::string description) {
    Shape& s = storage_.emplace_back();
    s.kind = kind;
    s.description = std::move(description);
    return &s;
  }

  Shape* object(std::string description, std::initializer_list<FieldSpec> specs) {
    Shape* s = make(Shape::Kind::object, std::move(description));
    add(*s, specs);
    return s;
  }

  void add(Shape& s, std::initializer_list<FieldSpec> specs) {
    for (const FieldSpec& spec : specs) {
      ShapeField field{std::string(spec.name), nullptr, false};
      switch (spec.kind) {
        case F::value:
          field.shape = value_;
          break;
        case F::boolean:
          field.shape = boolean_;
          break;
        case F::any:
          field.shape = any_;
          break;
        case F::object:
          field.shape = spec.shape;
          break;
        case F::resource:
          field.shape = resource(spec.shape);
          break;
        case F::list:
          field.shape = spec.shape;
          field.list = true;
          break;
      }
      s.fields.push_back(std::move(field));
    }
  }

  // {"resource": {"id", "url", "link", "embedded": X}}; the embedded value's shape is X (a list
  // of X for to-many relations, which paths do not distinguish).
  const Shape* resource(const Shape* embedded) {
    if (!embedded) embedded = any_;
    auto it = resources_.find(embedded);
    if (it != resources_.end()) return it->second;
    Shape* inner = object("a resource", {{"id"}, {"url"}, {"link"}, {"embedded", F::object, embedded}});
    Shape* outer = object("a resource reference", {{"resource", F::object, inner}});
    resources_[embedded] = outer;
    return outer;
  }

  void build_mplus() {
    any_ = make(Shape::Kind::any, "a value of unknown shape");
    value_ = make(Shape::Kind::value, "a single value");
    boolean_ = make(Shape::Kind::value, "a boolean");
    boolean_->boolean = true;
    for (const auto& type : schema::complex_types()) {
      Shape* s = make(Shape::Kind::mplus, fmt::format("an Mplus {}", type.name));
      s->mplus_type = &type;
      mplus_by_type_[&type] = s;
      std::string key = fmt::format("mplus.{}", type.name);
      sources_[key] = s;
      targets_[key] = s;
    }
  }

  void build_lightspeed() {
    const Shape* country = object("a country object", {{"id"}, {"code"}, {"code3"}, {"title"}});
    const Shape* region = object("a region object", {{"id"}, {"name"}, {"code"}});
    const Shape* language = object("a language object", {{"id"}, {"code"}, {"locale"}, {"title"}});
    const Shape* tax_rate = object("a tax rate", {{"name"}, {"rate"}, {"amount"}});
    const Shape* file =
        object("a file object",
               {{"createdAt"}, {"updatedAt"}, {"extension"}, {"size"}, {"title"}, {"thumb"}, {"src"}});

    Shape* category = object("a Lightspeed category", {});
    add(*category, {{"id"},
                    {"createdAt"},
                    {"updatedAt"},
                    {"isVisible", F::boolean},
                    {"depth"},
                    {"path"},
                    {"type"},
                    {"sortOrder"},
                    {"sorting"},
                    {"url"},
                    {"title"},
                    {"fulltitle"},
                    {"description"},
                    {"content"},
                    {"image", F::object, file},
                    {"parent", F::resource, category},
                    {"children", F::resource, category},
                    {"products", F::resource}});

    Shape* product = object("a Lightspeed product", {});
    Shape* variant = object("a Lightspeed variant", {});
    add(*variant, {{"id"},
                   {"createdAt"},
                   {"updatedAt"},
                   {"isDefault", F::boolean},
                   {"sortOrder"},
                   {"articleCode"},
                   {"ean"},
                   {"sku"},
                   {"hs"},
                   {"unitPrice"},
                   {"unitUnit"},
                   {"priceExcl"},
                   {"priceIncl"},
                   {"priceCost"},
                   {"oldPriceExcl"},
                   {"oldPriceIncl"},
                   {"stockTracking"},
                   {"stockLevel"},
                   {"stockAlert"},
                   {"stockMinimum"},
                   {"stockSold"},
                   {"stockBuyMininum"},  // sic: the API sends both spellings
                   {"stockBuyMinimum"},
                   {"stockBuyMaximum"},
                   {"weight"},
                   {"weightValue"},
                   {"weightUnit"},
                   {"volume"},
                   {"volumeValue"},
                   {"volumeUnit"},
                   {"colli"},
                   {"sizeX"},
                   {"sizeY"},
                   {"sizeZ"},
                   {"sizeXValue"},
                   {"sizeYValue"},
                   {"sizeZValue"},
                   {"sizeUnit"},
                   {"matrix", F::resource},
                   {"title"},
                   {"taxType"},
                   {"image", F::object, file},
                   {"tax", F::resource},
                   {"product", F::resource, product},
                   {"movements", F::resource},
                   {"metafields", F::resource},
                   {"additionalcost", F::resource},
                   {"options", F::any}});
    add(*product, {{"id"},
                   {"createdAt"},
                   {"updatedAt"},
                   {"isVisible", F::boolean},
                   {"visibility"},
                   {"hasMatrix", F::boolean},
                   {"data01"},
                   {"data02"},
                   {"data03"},
                   {"url"},
                   {"title"},
                   {"fulltitle"},
                   {"description"},
                   {"content"},
                   {"set", F::any},
                   {"brand", F::resource},
                   {"categories", F::resource},
                   {"deliverydate", F::resource},
                   {"image", F::object, file},
                   {"images", F::resource},
                   {"relations", F::resource},
                   {"metafields", F::resource},
                   {"reviews", F::resource},
                   {"type", F::resource},
                   {"attributes", F::resource},
                   {"supplier", F::resource},
                   {"tags", F::resource},
                   {"variants", F::resource, variant},
                   {"movements", F::resource},
                   {"templateDataFields", F::any}});

    Shape* order_product =
        object("a Lightspeed order line (orderProduct)", {{"id"},
                                                          {"supplierTitle"},
                                                          {"brandTitle"},
                                                          {"productTitle"},
                                                          {"variantTitle"},
                                                          {"taxRate"},
                                                          {"taxRates", F::list, tax_rate},
                                                          {"quantityOrdered"},
                                                          {"quantityInvoiced"},
                                                          {"quantityShipped"},
                                                          {"quantityRefunded"},
                                                          {"quantityReturned"},
                                                          {"articleCode"},
                                                          {"ean"},
                                                          {"sku"},
                                                          {"weight"},
                                                          {"volume"},
                                                          {"colli"},
                                                          {"sizeX"},
                                                          {"sizeY"},
                                                          {"sizeZ"},
                                                          {"priceCost"},
                                                          {"customExcl"},
                                                          {"customIncl"},
                                                          {"basePriceExcl"},
                                                          {"basePriceIncl"},
                                                          {"priceExcl"},
                                                          {"priceIncl"},
                                                          {"discountExcl"},
                                                          {"discountIncl"},
                                                          {"customFields", F::any},
                                                          {"product", F::resource, product},
                                                          {"variant", F::resource, variant}});

    auto address_fields = [&](Shape& s, std::string_view prefix, bool region_data) {
      for (std::string_view suffix :
           {"Name", "Street", "Street2", "Number", "Extension", "Zipcode", "City", "Region"}) {
        s.fields.push_back({fmt::format("{}{}", prefix, suffix), value_, false});
      }
      s.fields.push_back({fmt::format("{}Country", prefix), country, false});
      if (region_data) s.fields.push_back({fmt::format("{}RegionData", prefix), region, false});
    };
    auto person_fields = [&](Shape& s) {
      add(s, {{"gender"},
              {"birthDate"},
              {"nationalId"},
              {"email"},
              {"firstname"},
              {"middlename"},
              {"lastname"},
              {"phone"},
              {"mobile"},
              {"isCompany", F::boolean},
              {"companyName"},
              {"companyCoCNumber"},
              {"companyVatNumber"}});
    };

    Shape* customer = object("a Lightspeed customer", {});
    add(*customer, {{"id"},
                    {"createdAt"},
                    {"updatedAt"},
                    {"isConfirmed", F::boolean},
                    {"type"},
                    {"lastOnlineAt"},
                    {"remoteIp"},
                    {"userAgent"},
                    {"referralId"}});
    person_fields(*customer);
    address_fields(*customer, "addressBilling", false);
    add(*customer, {{"addressShippingCompany"}});
    address_fields(*customer, "addressShipping", false);
    add(*customer, {{"memo"},
                    {"doNotifyRegistered", F::boolean},
                    {"doNotifyConfirmed", F::boolean},
                    {"doNotifyPassword", F::boolean},
                    {"language", F::object, language},
                    {"groups", F::resource},
                    {"invoices", F::resource},
                    {"orders", F::resource},
                    {"reviews", F::resource},
                    {"shipments", F::resource},
                    {"tickets", F::resource},
                    {"metafields", F::resource},
                    {"login", F::resource}});

    Shape* order = object("a Lightspeed order", {});
    add(*order, {{"id"},
                 {"createdAt"},
                 {"updatedAt"},
                 {"number"},
                 {"status"},
                 {"customStatusId"},
                 {"channel"},
                 {"remoteIp"},
                 {"userAgent"},
                 {"referralId"},
                 {"language", F::object, language},
                 {"priceCost"},
                 {"priceExcl"},
                 {"priceIncl"},
                 {"weight"},
                 {"volume"},
                 {"colli"},
                 {"taxRates", F::list, tax_rate},
                 {"isDiscounted", F::boolean},
                 {"discountType"},
                 {"discountAmount"},
                 {"discountPercentage"},
                 {"discountCouponCode"},
                 {"newsletterSubscribed", F::boolean},
                 {"isNewCustomer", F::boolean}});
    person_fields(*order);
    address_fields(*order, "addressBilling", true);
    add(*order, {{"addressShippingCompany"}});
    address_fields(*order, "addressShipping", true);
    add(*order, {{"paymentId"},
                 {"paymentStatus"},
                 {"paymentIsPost", F::boolean},
                 {"paymentIsInvoiceExternal", F::boolean},
                 {"paymentTaxRate"},
                 {"paymentTaxRates", F::list, tax_rate},
                 {"paymentBasePriceExcl"},
                 {"paymentBasePriceIncl"},
                 {"paymentPriceExcl"},
                 {"paymentPriceIncl"},
                 {"paymentTitle"},
                 {"paymentData", F::any},
                 {"shipmentId"},
                 {"shipmentStatus"},
                 {"shipmentIsCashOnDelivery", F::boolean},
                 {"shipmentIsPickup", F::boolean},
                 {"shipmentTaxRate"},
                 {"shipmentTaxRates", F::list, tax_rate},
                 {"shipmentBasePriceExcl"},
                 {"shipmentBasePriceIncl"},
                 {"shipmentPriceExcl"},
                 {"shipmentPriceIncl"},
                 {"shipmentDiscountExcl"},
                 {"shipmentDiscountIncl"},
                 {"shipmentTitle"},
                 {"shipmentData", F::any},
                 {"shippingDate"},
                 {"deliveryDate"},
                 {"comment"},
                 {"memo"},
                 {"allowNotifications", F::boolean},
                 {"doNotifyNew", F::boolean},
                 {"doNotifyReminder", F::boolean},
                 {"doNotifyCancelled", F::boolean},
                 {"giftCardsPayment", F::any},
                 {"customer", F::resource, customer},
                 {"invoices", F::resource},
                 {"shipments", F::resource},
                 {"products", F::resource, order_product},
                 {"metafields", F::resource},
                 {"quote", F::resource},
                 {"events", F::resource}});

    sources_["lightspeed.order"] = order;
    sources_["lightspeed.orderProduct"] = order_product;
    sources_["lightspeed.customer"] = customer;
    sources_["lightspeed.product"] = product;
    sources_["lightspeed.variant"] = variant;
    sources_["lightspeed.category"] = category;

    // What writes take (API-LIGHTSPEED.md §4.1, §4.4, §4.5): relations as plain ids.
    Shape* variant_write = object("a Lightspeed variant (as written)", {{"product"},
                                                                        {"isDefault", F::boolean},
                                                                        {"sortOrder"},
                                                                        {"articleCode"},
                                                                        {"ean"},
                                                                        {"sku"},
                                                                        {"hs"},
                                                                        {"unitPrice"},
                                                                        {"unitUnit"},
                                                                        {"priceExcl"},
                                                                        {"priceIncl"},
                                                                        {"priceCost"},
                                                                        {"oldPriceExcl"},
                                                                        {"oldPriceIncl"},
                                                                        {"stockTracking"},
                                                                        {"stockLevel"},
                                                                        {"stockAlert"},
                                                                        {"stockMinimum"},
                                                                        {"stockBuyMinimum"},
                                                                        {"stockBuyMaximum"},
                                                                        {"weight"},
                                                                        {"volume"},
                                                                        {"colli"},
                                                                        {"sizeX"},
                                                                        {"sizeY"},
                                                                        {"sizeZ"},
                                                                        {"title"},
                                                                        {"taxType"},
                                                                        {"tax"},
                                                                        {"image", F::any}});
    // The products flow writes the product, then each of `variants` (matched by sku).
    Shape* product_write =
        object("a Lightspeed product (as written)", {{"visibility"},
                                                     {"isVisible", F::boolean},
                                                     {"title"},
                                                     {"fulltitle"},
                                                     {"description"},
                                                     {"content"},
                                                     {"url"},
                                                     {"data01"},
                                                     {"data02"},
                                                     {"data03"},
                                                     {"brand"},
                                                     {"supplier"},
                                                     {"deliverydate"},
                                                     {"variants", F::list, variant_write}});
    Shape* order_write = object(
        "a Lightspeed order update",
        {{"status"}, {"paymentStatus"}, {"shipmentStatus"}, {"memo"}, {"remark"}, {"doNotify", F::boolean}});
    targets_["lightspeed.product"] = product_write;
    targets_["lightspeed.variant"] = variant_write;
    targets_["lightspeed.order"] = order_write;
  }

  std::deque<Shape> storage_;
  Shape* any_ = nullptr;
  Shape* value_ = nullptr;
  Shape* boolean_ = nullptr;
  std::map<const schema::ComplexTypeDef*, const Shape*> mplus_by_type_;
  std::map<const Shape*, const Shape*> resources_;
  std::map<std::string, const Shape*, std::less<>> sources_;
  std::map<std::string, const Shape*, std::less<>> targets_;
};

const Catalog& catalog() {
  static const Catalog instance;
  return instance;
}

}  // namespace

const Shape* find_source_shape(std::string_view name) {
  return catalog().source(name);
}

const Shape* find_target_shape(std::string_view name) {
  return catalog().target(name);
}

const Shape& any_shape() {
  return catalog().any();
}

std::vector<std::string> member_names(const Shape& shape) {
  std::vector<std::string> names;
  if (shape.kind == Shape::Kind::object) {
    for (const auto& f : shape.fields) names.push_back(f.name);
  } else if (shape.kind == Shape::Kind::mplus) {
    for (const auto& e : shape.mplus_type->elements) names.emplace_back(e.name);
  }
  return names;
}

PathCheck walk_path(const Shape& root, std::span<const std::string> segments) {
  PathCheck out;
  const Shape* at = &root;
  std::string where;  // the path walked so far, for messages about nested members
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& name = segments[i];
    auto fail = [&](std::string message) {
      out.bad_segment = i;
      out.message = std::move(message);
      return out;
    };
    std::string owner = where.empty() ? at->description : fmt::format("'{}' ({})", where, at->description);
    switch (at->kind) {
      case Shape::Kind::any:
        for (size_t j = i; j < segments.size(); ++j) out.steps.push_back({at, false});
        return out;
      case Shape::Kind::value:
        return fail(fmt::format("'{}' is {}; it has no field '{}'", where, at->description, name));
      case Shape::Kind::object: {
        auto it = std::find_if(at->fields.begin(), at->fields.end(),
                               [&](const ShapeField& f) { return f.name == name; });
        if (it == at->fields.end()) {
          return fail(
              fmt::format("unknown field '{}' of {}{}", name, owner, did_you_mean(name, member_names(*at))));
        }
        out.steps.push_back({it->shape, it->list});
        at = it->shape;
        break;
      }
      case Shape::Kind::mplus: {
        const schema::ElementDef* element = schema::find_element(*at->mplus_type, name);
        if (!element) {
          return fail(
              fmt::format("unknown field '{}' of {}{}", name, owner, did_you_mean(name, member_names(*at))));
        }
        const Shape* next = nullptr;
        if (element->kind != schema::ValueKind::complex) {
          next = &catalog().value(element->kind == schema::ValueKind::boolean);
        } else if (element->type_ref == schema::kNoTypeRef) {
          next = &catalog().any();
        } else {
          next = &catalog().mplus(schema::complex_type_of(*element));
        }
        out.steps.push_back({next, element->repeated});
        at = next;
        break;
      }
    }
    where = where.empty() ? name : fmt::format("{}.{}", where, name);
  }
  return out;
}

}  // namespace lsmplus::mapping
