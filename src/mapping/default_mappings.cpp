// The built-in default mappings, one YAML document per mapping name, embedded in the binary and
// printed by `lsmplus map FLOW --show-default`. Users override single fields in their config.
#include <array>
#include <optional>
#include <string_view>

#include "lsmplus/mapping/flow_mapping.hpp"

namespace lsmplus::mapping {

namespace {

constexpr std::string_view kOrders =
    R"yaml(# orders: a Lightspeed order (GET /orders/{id}.json, lines and customer embedded) -> an Mplus
# Order for createOrder.
#   cfg:  branch, employee_number, workplace (absent when unset), shipping_article,
#         payment_article (absent when unset)
#   ctx:  shop_id (the Lightspeed shop, e.g. "000001"), relation_number (the customer's relation)
#   article(item): the Mplus article number of an order line (by sku, ean or articleCode), or null
# A field that maps to null or "" (or to false, for a field that is not a boolean) is left out.
fields:
  extOrderId:
    value: "present(src.number) ? 'LS' ~ ctx.shop_id ~ '-' ~ src.number : null"
    required: "the order has no number"
  entryBranchNumber: cfg.branch
  employeeNumber: cfg.employee_number
  entryTimestamp:
    value: mplus_datetime(src.createdAt)
    required: "createdAt is not a timestamp: '{{ src.createdAt }}'"
  relationNumber: ctx.relation_number
  deliveryAddress.name:
    value: src.addressShippingName
    default: "join([empty_to_null(src.firstname), empty_to_null(src.middlename), empty_to_null(src.lastname)], ' ')"
  deliveryAddress.address: join_address(src.addressShippingStreet, src.addressShippingNumber, src.addressShippingExtension)
  deliveryAddress.zipcode: src.addressShippingZipcode
  deliveryAddress.city: src.addressShippingCity
  deliveryAddress.country: upper(src.addressShippingCountry.code)
  deliveryAddress.companyName: src.addressShippingCompany
  invoiceAddress.name:
    value: src.addressBillingName
    default: "join([empty_to_null(src.firstname), empty_to_null(src.middlename), empty_to_null(src.lastname)], ' ')"
  invoiceAddress.address: join_address(src.addressBillingStreet, src.addressBillingNumber, src.addressBillingExtension)
  invoiceAddress.zipcode: src.addressBillingZipcode
  invoiceAddress.city: src.addressBillingCity
  invoiceAddress.country: upper(src.addressBillingCountry.code)
  invoiceAddress.companyName: src.companyName
  financialDate: mplus_date(src.createdAt)
  financialBranchNumber: cfg.branch
  workplaceNumber: cfg.workplace
  reference: src.number
  vatMethod: "'VAT-METHOD-INCLUSIVE'"
each:
  lineList.line:
    # One line per webshop order line.
    - over: src.products.resource.embedded
      fields:
        articleNumber:
          value: article(item)
          required: >-
            no Mplus article has the number, extArticleId or barcode of this line
            ('{{ item.productTitle }}', sku '{{ item.sku }}', ean '{{ item.ean }}')
        text: >-
          join([present(item.productTitle) ? item.productTitle : null,
          present(item.variantTitle) ? item.variantTitle : null], ' - ')
        data.quantity:
          value: number(item.quantityOrdered)
          required: "quantityOrdered is missing"
          validate: "value > 0 and int(value) == value"
        data.price:
          value: cents(item.basePriceIncl)
          required: "basePriceIncl is missing"
        # INFERRED: LineData.discountAmount holds the line's total discount in cents.
        data.discountAmount: "cents(item.discountIncl ?? 0) != 0 ? cents(item.discountIncl) : null"
    # Shipping costs, as a line on the configured service article.
    - when: "cents(src.shipmentPriceIncl ?? 0) != 0"
      fields:
        articleNumber:
          value: cfg.shipping_article
          required: >-
            the order has shipping costs of {{ round(src.shipmentPriceIncl, 2) }}
            but flows.orders.shipping_article is not set
        text:
          value: src.shipmentTitle
          default: "'shipping costs'"
        data.quantity: "1"
        data.price: cents(src.shipmentPriceIncl)
    # Payment costs, likewise.
    - when: "cents(src.paymentPriceIncl ?? 0) != 0"
      fields:
        articleNumber:
          value: cfg.payment_article
          required: >-
            the order has payment costs of {{ round(src.paymentPriceIncl, 2) }}
            but flows.orders.payment_article is not set
        text:
          value: src.paymentTitle
          default: "'payment costs'"
        data.quantity: "1"
        data.price: cents(src.paymentPriceIncl)
)yaml";

constexpr std::string_view kOrdersRelation =
    R"yaml(# orders.relation: the customer of a Lightspeed order -> an Mplus Relation for createRelation (found
# first by the normalised e-mail address). A company relation (name and companyName = the company,
# the person as contact and in contactList) when the order has a company name, a person otherwise.
#   cfg:  as for orders
#   ctx:  shop_id
# INFERRED (API-MPLUS.md §3.3, §9 Q5): whether createRelation stores nested contacts is not
# confirmed.
fields:
  extRelationId: "present(src.customer.resource.id) ? 'LS-C-' ~ src.customer.resource.id : null"
  name:
    value: >-
      present(src.companyName) ? src.companyName
      : join([empty_to_null(src.firstname), empty_to_null(src.middlename), empty_to_null(src.lastname)], ' ')
    default: email_norm(src.email)
  address: join_address(src.addressBillingStreet, src.addressBillingNumber, src.addressBillingExtension)
  zipcode: src.addressBillingZipcode
  city: src.addressBillingCity
  country: upper(src.addressBillingCountry.code)
  contact: >-
    present(src.companyName)
    ? join([empty_to_null(src.firstname), empty_to_null(src.middlename), empty_to_null(src.lastname)], ' ')
    : null
  telephone: src.phone
  mobile: src.mobile
  email:
    value: email_norm(src.email)
    required: "no usable e-mail address to find or create the customer's relation"
  vatNumber: "present(src.companyName) ? src.companyVatNumber : null"
  commerceNumber: "present(src.companyName) ? src.companyCoCNumber : null"
  companyName: src.companyName
each:
  contactList.relation:
    - when: >-
        present(src.companyName) and
        join([empty_to_null(src.firstname), empty_to_null(src.middlename), empty_to_null(src.lastname)], ' ') != ''
      fields:
        name: "join([empty_to_null(src.firstname), empty_to_null(src.middlename), empty_to_null(src.lastname)], ' ')"
        email: email_norm(src.email)
        telephone: src.phone
)yaml";

constexpr std::string_view kCustomers =
    R"yaml(# customers: a Lightspeed customer -> an Mplus Relation (createRelation, or updateRelation for one
# that is linked or found by e-mail). Company relation when there is a company name, as orders.relation.
#   cfg:  branch, employee_number, language
#   ctx:  shop_id
when: present(src.email)
fields:
  extRelationId:
    value: "present(src.id) ? 'LS-C-' ~ src.id : null"
    on: create_if_empty
  name:
    value: >-
      present(src.companyName) ? src.companyName
      : join([empty_to_null(src.firstname), empty_to_null(src.middlename), empty_to_null(src.lastname)], ' ')
    default: email_norm(src.email)
  address: join_address(src.addressBillingStreet, src.addressBillingNumber, src.addressBillingExtension)
  zipcode: src.addressBillingZipcode
  city: src.addressBillingCity
  country: upper(src.addressBillingCountry.code)
  deliveryAddress: join_address(src.addressShippingStreet, src.addressShippingNumber, src.addressShippingExtension)
  deliveryZipcode: src.addressShippingZipcode
  deliveryCity: src.addressShippingCity
  deliveryCountry: upper(src.addressShippingCountry.code)
  contact: >-
    present(src.companyName)
    ? join([empty_to_null(src.firstname), empty_to_null(src.middlename), empty_to_null(src.lastname)], ' ')
    : null
  telephone: src.phone
  mobile: src.mobile
  email:
    value: email_norm(src.email)
    required: "no usable e-mail address"
  vatNumber: "present(src.companyName) ? src.companyVatNumber : null"
  commerceNumber: "present(src.companyName) ? src.companyCoCNumber : null"
  companyName: src.companyName
each:
  contactList.relation:
    - when: >-
        present(src.companyName) and
        join([empty_to_null(src.firstname), empty_to_null(src.middlename), empty_to_null(src.lastname)], ' ') != ''
      fields:
        name: "join([empty_to_null(src.firstname), empty_to_null(src.middlename), empty_to_null(src.lastname)], ' ')"
        email: email_norm(src.email)
        telephone: src.phone
)yaml";

constexpr std::string_view kProducts =
    R"yaml(# products: an Mplus Product (getProducts) -> a Lightspeed product and its variants, one variant per
# webshop article, matched by sku. The flow writes the product, then each item of `variants`.
#   cfg:  language
#   ctx:  shop_id
# Mplus prices are cents; Lightspeed prices are amounts (19.95).
fields:
  title:
    value: src.description
    required: "the product has no description to use as title"
  fulltitle: src.description
  description:
    value: src.extraText
    on: create
  visibility:
    value: "'visible'"
    on: create
each:
  variants:
    - over: src.articleList.article
      when: "item.webshop != false"
      fields:
        sku:
          value: "empty_to_null(item.extArticleId) ?? string(item.articleNumber)"
          required: "the article has neither an extArticleId nor an articleNumber"
        articleCode: string(item.articleNumber)
        ean: item.barcode
        title:
          value: "join([empty_to_null(item.colour), empty_to_null(item.size)], ' ')"
          default: item.description
        priceIncl: "item.priceIncl / 100"
)yaml";

constexpr std::string_view kCategories =
    R"yaml(# categories: a Lightspeed category -> an Mplus article group (newArticleGroup request; the flow
# sends updateArticleGroup with the linked groupNumber for a category it created before).
#   ctx:  shop_id, parent_group_number (the linked group of the parent category; absent at the top)
fields:
  parentGroupNumber: ctx.parent_group_number ?? 0
  name:
    value: src.title
    required: "the category has no title"
  text:
    value: src.fulltitle
    default: src.title
  sortOrder: src.sortOrder
)yaml";

constexpr std::string_view kStock =
    R"yaml(# stock: an Mplus ArticleStock (getStock) -> the Lightspeed variant's stockLevel (an absolute set).
# The default is what can be sold: amountFree, which most likely already excludes open sales
# reservations (API-MPLUS.md §3.5 and §9 Q2). To subtract reservations as well, override:
#   stockLevel: "round((src.amountFree / lookup('decimal_scale', src.decimalPlacesFree ?? 0))
#                - (src.amountReserved / lookup('decimal_scale', src.decimalPlacesReserved ?? 0)), 0, 'floor')"
#   ctx:  shop_id
lookups:
  decimal_scale:
    on_missing: error
    map: { "0": 1, "1": 10, "2": 100, "3": 1000, "4": 10000, "5": 100000, "6": 1000000 }
fields:
  stockLevel:
    value: "round(src.amountFree / lookup('decimal_scale', src.decimalPlacesFree ?? 0), 0, 'floor')"
    required: "the stock record has no amountFree"
)yaml";

constexpr std::string_view kOrderStatus =
    R"yaml(# order-status: an Mplus Order (getOrders) -> the status of the Lightspeed order it came from (the
# order link). Only orders this tool created (extOrderId "LS...") are taken; an order that is neither
# delivered nor cancelled is skipped.
#   ctx:  shop_id
when: "regex_match(src.extOrderId ?? '', '^LS')"
lookups:
  order_status:
    keys: 2
    on_missing: skip_record
    map:
      "*,ORDER-CANCEL-STATE-COMPLETE": cancelled
      "ORDER-DELIVERY-STATE-COMPLETE,*": completed_shipped
fields:
  status: "lookup('order_status', src.deliveryState ?? '', src.cancelState ?? '')"
)yaml";

struct Entry {
  std::string_view flow;
  std::string_view yaml;
};

constexpr std::array kDefaults{
    Entry{"orders", kOrders},
    Entry{"orders.relation", kOrdersRelation},
    Entry{"customers", kCustomers},
    Entry{"products", kProducts},
    Entry{"categories", kCategories},
    Entry{"stock", kStock},
    Entry{"order-status", kOrderStatus},
};

}  // namespace

std::optional<std::string_view> default_mapping_yaml(std::string_view flow) {
  for (const auto& e : kDefaults) {
    if (e.flow == flow) return e.yaml;
  }
  return std::nullopt;
}

}  // namespace lsmplus::mapping
