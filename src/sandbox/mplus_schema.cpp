#include "mplus_schema.hpp"

#include <cstdlib>

#include <fmt/core.h>

namespace lsmplus::sandbox::mplus {

namespace {

FieldDef S(const char* n) { return {.name = n, .kind = Kind::kString}; }
FieldDef L(const char* n) { return {.name = n, .kind = Kind::kLong}; }
FieldDef I(const char* n) { return {.name = n, .kind = Kind::kInt}; }
FieldDef B(const char* n) { return {.name = n, .kind = Kind::kBool}; }
FieldDef D(const char* n) { return {.name = n, .kind = Kind::kDecimal}; }
FieldDef T(const char* n, const TypeDef* t) { return {.name = n, .kind = Kind::kStruct, .type = t}; }
FieldDef DP(const char* n, const char* of) { return {.name = n, .kind = Kind::kInt, .companion_of = of}; }
FieldDef REP(FieldDef f) {
  f.repeated = true;
  return f;
}
FieldDef LIST(const char* n, const char* item, const TypeDef* t) {
  return {.name = n, .kind = Kind::kList, .type = t, .item = item};
}
FieldDef LIST_OF(const char* n, const char* item, Kind k) {
  return {.name = n, .kind = Kind::kList, .item = item, .item_kind = k};
}

const FieldDef* find_field(const TypeDef& type, std::string_view name) {
  for (const FieldDef& f : type.fields) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

std::string trimmed(const char* s) {
  std::string t(s);
  size_t b = t.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return t.substr(b, t.find_last_not_of(" \t\r\n") - b + 1);
}

[[noreturn]] void type_mismatch(const pugi::xml_node& node) {
  throw SoapFault("SOAP-ENV:Client",
                  fmt::format("Validation constraint violation: data type mismatch in element '{}'", node.name()));
}

JsonValue parse_scalar(const pugi::xml_node& node, Kind kind, JsonAlloc& a) {
  switch (kind) {
    case Kind::kLong:
    case Kind::kInt:
      return JsonValue(static_cast<int64_t>(parse_long(node)));
    case Kind::kBool:
      return JsonValue(parse_bool(node));
    case Kind::kDecimal: {
      std::string t = trimmed(node.text().get());
      char* end = nullptr;
      double d = std::strtod(t.c_str(), &end);
      if (t.empty() || *end != '\0' || t.find_first_of("xXnN") != std::string::npos) type_mismatch(node);
      return JsonValue(d);
    }
    default:
      return json_str(node.text().get(), a);
  }
}

void append(JsonValue& out, const char* name, JsonValue&& v, JsonAlloc& a) {
  auto it = out.FindMember(name);
  if (it == out.MemberEnd()) {
    JsonValue arr(rapidjson::kArrayType);
    arr.PushBack(v, a);
    out.AddMember(JsonValue(name, a), arr, a);
  } else {
    it->value.PushBack(v, a);
  }
}

}  // namespace

// Sequences below follow the WSDL complexTypes of the same name; children the sandbox
// does not model are left out, which keeps the order of the rest intact.
const TypeDef kSoapMplusDate{"SoapMplusDate", {I("day"), I("mon"), I("year")}};

const TypeDef kSoapMplusDateTime{
    "SoapMplusDateTime",
    {I("sec"), I("min"), I("hour"), I("day"), I("mon"), I("year"), B("isdst"), I("timezone")}};

const TypeDef kAddress{"Address",
                       {S("addressId"), S("name"), S("contact"), S("address"), S("zipcode"), S("city"),
                        S("country"), S("label"), S("companyName"), S("supplierInformation")}};

const TypeDef kLineData{"LineData",
                        {L("quantity"),
                         DP("decimalPlaces", "quantity"),
                         L("deliveredQuantity"),
                         DP("deliveredDecimalPlaces", "deliveredQuantity"),
                         L("cancelledQuantity"),
                         DP("cancelledDecimalPlaces", "cancelledQuantity"),
                         L("price"),
                         L("priceExcl"),
                         L("originalPrice"),
                         L("originalPriceExcl"),
                         L("purchasePrice"),
                         D("averagePurchasePrice"),
                         I("turnoverGroup"),
                         S("turnoverGroupName"),
                         S("turnoverGroupType"),
                         I("turnoverGroupAccountNumber"),
                         S("turnoverGroupCostCenter"),
                         I("vatCode"),
                         I("vatPercentage"),
                         I("pricePerQuantity"),
                         S("siUnit"),
                         S("discountType"),
                         I("discountPercentage"),
                         L("discountAmount"),
                         L("discountAmountExcl"),
                         S("bpeId"),
                         S("bpeDescription"),
                         L("bpeAmount"),
                         L("bpeAmountExcl"),
                         S("menuId"),
                         S("menuLinesId"),
                         L("totalInclAmount"),
                         L("totalExclAmount"),
                         S("priceType")}};

const TypeDef kLine{"Line",
                    {S("lineId"), L("employeeNumber"), L("articleNumber"), S("pluNumber"), S("text"),
                     L("supplierRelationNumber"), S("supplierRelationName"), S("supplierArticleNumber"),
                     T("data", &kLineData), I("courseNumber"), S("menuHash"), S("menuDescription"),
                     L("menuAmount"), S("lineType"), LIST("preparationList", "line", &kLine),
                     B("suppressDisposableComponent"), S("tempId"), S("retourReason"), I("sequenceNumber"),
                     S("tempLineId"), S("subLineType"), I("articleAlterationId"), S("lineKind"),
                     S("salesOrderLineId")}};

const TypeDef kPayment{"Payment",
                       {S("paymentId"), T("financialDate", &kSoapMplusDate),
                        T("entryTimestamp", &kSoapMplusDateTime), I("branchNumber"), S("extBranchId"),
                        I("workplaceNumber"), L("employeeNumber"), S("employeeName"), S("method"),
                        S("description"), L("amount"), S("paymentMethodType"), I("accountNumber"),
                        S("giftcardNumber"), S("externalPaymentId"), S("externalReference")}};

const TypeDef kYearNumber{"YearNumber", {I("year"), L("number")}};

const TypeDef kOrder{"Order",
                     {S("orderId"),
                      S("extOrderId"),
                      LIST_OF("invoiceIds", "id", Kind::kString),
                      LIST_OF("extInvoiceIds", "id", Kind::kString),
                      S("transactionString"),
                      L("syncMarker"),
                      S("orderType"),
                      I("entryBranchNumber"),
                      S("entryExtBranchId"),
                      L("employeeNumber"),
                      S("employeeName"),
                      T("entryTimestamp", &kSoapMplusDateTime),
                      L("relationNumber"),
                      S("relationName"),
                      I("relationCategoryId"),
                      S("relationBankAccountNumber"),
                      S("relationVatNumber"),
                      T("deliveryAddress", &kAddress),
                      T("invoiceAddress", &kAddress),
                      T("financialDate", &kSoapMplusDate),
                      I("financialBranchNumber"),
                      S("financialExtBranchId"),
                      I("workplaceNumber"),
                      S("reference"),
                      S("activityId"),
                      L("totalInclAmount"),
                      L("totalExclAmount"),
                      S("vatMethod"),
                      S("deliveryMethod"),
                      T("deliveryDate", &kSoapMplusDate),
                      T("deliveryPeriodBegin", &kSoapMplusDateTime),
                      T("deliveryPeriodEnd", &kSoapMplusDateTime),
                      S("paymentMethod"),
                      I("changeCounter"),
                      I("versionNumber"),
                      L("prepaidAmount"),
                      B("fullyPaid"),
                      S("deliveryState"),
                      S("cancelState"),
                      S("completeState"),
                      I("tableNumber"),
                      I("tableSubNumber"),
                      S("tableDescription"),
                      I("numberOfGuests"),
                      T("orderNumber", &kYearNumber),
                      S("orderBarcode"),
                      I("orderCategoryNumber"),
                      S("orderCategoryDescription"),
                      S("onDeliveryUrl"),
                      S("onInvoiceUrl"),
                      LIST("lineList", "line", &kLine),
                      LIST("paymentList", "payment", &kPayment),
                      I("vatCountryCode"),
                      S("vatCountryIso3"),
                      S("proposalId"),
                      S("extProposalId"),
                      I("branchGroupNumber"),
                      S("ownerId")}};

const TypeDef kBarcode{"Barcode",
                       {L("barcodeId"), S("description"), S("barcode"), T("barcodeDate", &kSoapMplusDate),
                        L("quantity"), DP("decimalPlaces", "quantity"), S("contentUnit"), L("contentQuantity"),
                        DP("contentQuantityDecimalPlaces", "contentQuantity"), L("purchasePrice"),
                        L("priceIncl"), L("priceExcl"), B("isCurrent")}};

const TypeDef kArticle{"Article",
                       {L("articleNumber"),
                        S("extArticleId"),
                        S("pluNumber"),
                        L("syncMarker"),
                        T("changeTimestamp", &kSoapMplusDateTime),
                        T("createTimestamp", &kSoapMplusDateTime),
                        B("active"),
                        S("description"),
                        S("colour"),
                        I("colourSequenceNumber"),
                        S("size"),
                        I("sizeSequenceNumber"),
                        S("invoiceText"),
                        S("receiptText"),
                        S("displayText"),
                        S("barcode"),
                        T("barcodeDate", &kSoapMplusDate),
                        S("contentUnit"),
                        L("contentQuantity"),
                        DP("contentQuantityDecimalPlaces", "contentQuantity"),
                        S("brandName"),
                        S("extraText"),
                        I("turnoverGroup"),
                        I("vatCode"),
                        I("vatPercentage"),
                        I("vatCodeAlternative"),
                        I("vatPercentageAlternative"),
                        L("averagePurchasePrice"),
                        L("purchasePrice"),
                        L("priceIncl"),
                        L("priceExcl"),
                        S("siUnit"),
                        S("unit"),
                        L("orderQuantityValue"),
                        DP("orderQuantityDecimalPlaces", "orderQuantityValue"),
                        L("supplierRelationNumber"),
                        S("supplierRelationName"),
                        S("supplierArticleNumber"),
                        B("webshop"),
                        I("categoryId"),
                        LIST_OF("categoryIds", "category", Kind::kInt),
                        B("stockArticle"),
                        I("articleDiscountGroupNumber"),
                        S("articleDiscountGroupName"),
                        S("specialPrice"),
                        B("showPreparationMethodsDirectly"),
                        B("showPreparationMethodsPerGroup"),
                        L("exchangeRateBuyPrice"),
                        DP("exchangeRateBuyPriceDecimalPlaces", "exchangeRateBuyPrice"),
                        L("exchangeRateSellPrice"),
                        DP("exchangeRateSellPriceDecimalPlaces", "exchangeRateSellPrice"),
                        I("exchangeRateMultiplier"),
                        LIST("barcodeList", "barcode", &kBarcode),
                        B("discontinued"),
                        S("stockSiUnit"),
                        I("ageCheckMinimumAge"),
                        S("oldestBestBeforeDate"),
                        I("shelfLifeInDays"),
                        I("shelfLifeInHours"),
                        D("priceDeviationMin"),
                        D("priceDeviationMax"),
                        B("availableForInterbranchOrdering")}};

const TypeDef kProduct{"Product",
                       {L("productNumber"), L("syncMarker"), S("description"), S("extraText"),
                        LIST("articleList", "article", &kArticle), REP(I("groupNumbers"))}};

const TypeDef kRelation{"Relation",
                        {L("relationNumber"),
                         S("extRelationId"),
                         L("syncMarker"),
                         T("createTimestamp", &kSoapMplusDateTime),
                         T("changeTimestamp", &kSoapMplusDateTime),
                         B("active"),
                         S("name"),
                         S("address"),
                         S("zipcode"),
                         S("city"),
                         S("country"),
                         S("deliveryAddress"),
                         S("deliveryZipcode"),
                         S("deliveryCity"),
                         S("deliveryCountry"),
                         S("contact"),
                         S("telephone"),
                         S("mobile"),
                         S("email"),
                         S("website"),
                         T("birthDate", &kSoapMplusDate),
                         S("relationCode"),
                         I("points"),
                         L("balance"),
                         I("priceGroupNumber"),
                         I("discountPercentage"),
                         I("categoryId"),
                         LIST_OF("categoryIds", "category", Kind::kInt),
                         S("cardNumber"),
                         S("bankAccountNumber"),
                         L("creditLimit"),
                         I("paymentWithinDays"),
                         S("vatNumber"),
                         S("commerceNumber"),
                         S("extraText"),
                         S("defaultVatMethod"),
                         B("neverPrintOrEmailReceipt"),
                         B("alwaysPrintReceipt"),
                         B("alwaysPrintLargeFormatReceipt"),
                         B("alwaysEmailReceipt"),
                         B("condenseCombinedInvoice"),
                         LIST("contactList", "relation", &kRelation),
                         S("companyName"),
                         REP(I("branchesNonPurchasable")),
                         REP(S("cardNumbers")),
                         D("invoiceCredit"),
                         D("accountBalance"),
                         LIST_OF("salePromotionIds", "id", Kind::kString),
                         B("directDebit"),
                         S("reminderEmail"),
                         B("canEarnPoints"),
                         B("canRedeemPoints"),
                         S("cantRedeemPointsReason")}};

const TypeDef kGetProductsRequest{"GetProductsRequest",
                                  {REP(L("articleNumbers")), REP(I("groupNumbers")), B("onlyWebshop"),
                                   B("onlyActive"), L("syncMarker"), I("syncMarkerLimit"),
                                   B("syncMarkerExcludePreparationMethods"),
                                   T("changedSinceTimestamp", &kSoapMplusDateTime), I("changedSinceBranchNumber"),
                                   B("includeAllArticlesOfSelectedProducts"), REP(L("productNumbers"))}};

const TypeDef kGetRelationsRequest{
    "GetRelationsRequest",
    {REP(L("relationNumbers")), I("categoryId"), L("syncMarker"), I("syncMarkerLimit")}};

const TypeDef kGetOrdersRequest{"GetOrdersRequest",
                                {L("syncMarker"), I("syncMarkerLimit"), T("fromFinancialDate", &kSoapMplusDate),
                                 T("throughFinancialDate", &kSoapMplusDate), REP(I("branchNumbers")),
                                 REP(L("employeeNumbers")), REP(L("relationNumbers")),
                                 REP(L("supplierRelationNumbers")), REP(L("articleNumbers")),
                                 S("activityId"), REP(S("orderIds")), B("includeLineList")}};

std::string_view local_name(const pugi::xml_node& node) {
  std::string_view n = node.name();
  size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  }
  return {};
}

int64_t parse_long(const pugi::xml_node& node) {
  std::string t = trimmed(node.text().get());
  size_t start = (!t.empty() && (t[0] == '-' || t[0] == '+')) ? 1 : 0;
  if (t.size() == start || t.size() - start > 19 ||
      t.find_first_not_of("0123456789", start) != std::string::npos) {
    type_mismatch(node);
  }
  return std::strtoll(t.c_str(), nullptr, 10);
}

bool parse_bool(const pugi::xml_node& node) {
  std::string t = trimmed(node.text().get());
  if (t == "true" || t == "1") return true;
  if (t == "false" || t == "0") return false;
  type_mismatch(node);
}

void parse_struct(const pugi::xml_node& node, const TypeDef& type, JsonValue& out, JsonAlloc& a) {
  if (!out.IsObject()) out.SetObject();
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const FieldDef* f = find_field(type, local_name(c));
    if (!f) continue;
    JsonValue v;
    if (f->kind == Kind::kStruct) {
      v.SetObject();
      parse_struct(c, *f->type, v, a);
    } else if (f->kind == Kind::kList) {
      v.SetArray();
      for (pugi::xml_node item = c.first_child(); item; item = item.next_sibling()) {
        if (item.type() != pugi::node_element || local_name(item) != f->item) continue;
        if (f->type) {
          JsonValue obj(rapidjson::kObjectType);
          parse_struct(item, *f->type, obj, a);
          v.PushBack(obj, a);
        } else {
          v.PushBack(parse_scalar(item, f->item_kind, a), a);
        }
      }
    } else {
      v = parse_scalar(c, f->kind, a);
    }
    if (f->repeated) {
      append(out, f->name, std::move(v), a);
    } else {
      put_value(out, f->name, std::move(v), a);
    }
  }
}

void fill_companions(JsonValue& obj, const TypeDef& type, JsonAlloc& a) {
  if (!obj.IsObject()) return;
  for (const FieldDef& f : type.fields) {
    if (f.companion_of && member(obj, f.companion_of) && !member(obj, f.name)) put_int(obj, f.name, 0, a);
    auto it = obj.FindMember(f.name);
    if (it == obj.MemberEnd() || !f.type) continue;
    if (it->value.IsArray()) {
      for (auto& item : it->value.GetArray()) fill_companions(item, *f.type, a);
    } else {
      fill_companions(it->value, *f.type, a);
    }
  }
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

void XmlWriter::open(std::string_view name) { out_ += fmt::format("<ns:{}>", name); }
void XmlWriter::close(std::string_view name) { out_ += fmt::format("</ns:{}>", name); }
void XmlWriter::empty(std::string_view name) { out_ += fmt::format("<ns:{}/>", name); }
void XmlWriter::leaf(std::string_view name, std::string_view text) {
  out_ += fmt::format("<ns:{0}>{1}</ns:{0}>", name, xml_escape(text));
}
void XmlWriter::leaf(std::string_view name, int64_t value) {
  out_ += fmt::format("<ns:{0}>{1}</ns:{0}>", name, value);
}
void XmlWriter::leaf_bool(std::string_view name, bool value) { leaf(name, value ? "true" : "false"); }

void XmlWriter::scalar(std::string_view name, Kind kind, const JsonValue& v) {
  switch (kind) {
    case Kind::kLong:
    case Kind::kInt:
      leaf(name, v.IsInt64() ? v.GetInt64() : static_cast<int64_t>(v.IsNumber() ? v.GetDouble() : 0));
      break;
    case Kind::kBool:
      leaf_bool(name, v.IsBool() ? v.GetBool() : v.IsNumber() && v.GetDouble() != 0);
      break;
    case Kind::kDecimal:
      leaf(name, v.IsNumber() ? fmt::format("{}", v.GetDouble()) : scalar_text(v));
      break;
    default:
      leaf(name, scalar_text(v));
  }
}

void XmlWriter::structure(std::string_view name, const JsonValue& obj, const TypeDef& type) {
  open(name);
  fields(obj, type);
  close(name);
}

void XmlWriter::fields(const JsonValue& obj, const TypeDef& type) {
  for (const FieldDef& f : type.fields) {
    const JsonValue* v = member(obj, f.name);
    if (!v || v->IsNull()) {
      if (f.companion_of && member(obj, f.companion_of)) leaf(f.name, int64_t{0});
      continue;
    }
    if (f.repeated) {
      if (!v->IsArray()) continue;
      for (const auto& item : v->GetArray()) {
        if (f.kind == Kind::kStruct) {
          structure(f.name, item, *f.type);
        } else {
          scalar(f.name, f.kind, item);
        }
      }
    } else if (f.kind == Kind::kList) {
      if (!v->IsArray() || v->Empty()) {
        empty(f.name);
        continue;
      }
      open(f.name);
      for (const auto& item : v->GetArray()) {
        if (f.type) {
          structure(f.item, item, *f.type);
        } else {
          scalar(f.item, f.item_kind, item);
        }
      }
      close(f.name);
    } else if (f.kind == Kind::kStruct) {
      structure(f.name, *v, *f.type);
    } else {
      scalar(f.name, f.kind, *v);
    }
  }
}

std::string soap_envelope(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
         "xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:ns=\"urn:mplusqapi\">"
         "<SOAP-ENV:Body>" +
         body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>\n";
}

std::string soap_fault_envelope(const std::string& code, const std::string& message) {
  return soap_envelope(fmt::format(
      "<SOAP-ENV:Fault><faultcode>{}</faultcode><faultstring>{}</faultstring></SOAP-ENV:Fault>",
      xml_escape(code), xml_escape(message)));
}

}  // namespace lsmplus::sandbox::mplus
