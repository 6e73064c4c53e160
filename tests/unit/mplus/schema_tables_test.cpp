#include <catch2/catch.hpp>

#include "mplus/schema.hpp"
#include "support/paths.hpp"
#include "unit/mplus/wsdl_validator.hpp"

namespace schema = lsmplus::mplus::schema;
using lsmplus::testing::WsdlValidator;

namespace {

const WsdlValidator& wsdl() {
  static const WsdlValidator validator(lsmplus::testing::reference_file("mplus/mplusqapi.wsdl"));
  return validator;
}

}  // namespace

TEST_CASE("the generated schema tables agree with the WSDL, type by type", "[mplus][schema]") {
  REQUIRE(schema::wsdl_version() == "67.1.3");
  REQUIRE(schema::complex_types().size() > 100);
  for (const schema::ComplexTypeDef& type : schema::complex_types()) {
    INFO("complexType " << type.name);
    std::vector<WsdlValidator::Particle> from_tables;
    for (const schema::ElementDef& element : type.elements) {
      from_tables.push_back(
          {std::string(element.name), std::string(element.type_name), element.required, element.repeated});
      if (element.kind == schema::ValueKind::complex) {
        CHECK("tns:" + std::string(schema::complex_type_of(element).name) == element.type_name);
      } else if (element.kind == schema::ValueKind::enumeration) {
        CHECK("tns:" + std::string(schema::enum_type_of(element).name) == element.type_name);
      }
    }
    CHECK(from_tables == wsdl().sequence_of(std::string(type.name)));
    CHECK(std::string(type.base) == wsdl().base_of(std::string(type.name)));
  }
}

TEST_CASE("the generated enumerations agree with the WSDL", "[mplus][schema]") {
  REQUIRE(!schema::enum_types().empty());
  for (const schema::EnumTypeDef& type : schema::enum_types()) {
    INFO("simpleType " << type.name);
    std::vector<std::string> from_tables(type.values.begin(), type.values.end());
    CHECK(from_tables == wsdl().enum_values(std::string(type.name)));
  }
}

TEST_CASE("the generated operations name the WSDL's input and output elements", "[mplus][schema]") {
  for (const char* name : {"getApiVersion",
                           "findOrder",
                           "getOrder",
                           "createOrder",
                           "findRelationV2",
                           "findRelation",
                           "getRelation",
                           "getRelations",
                           "createRelation",
                           "updateRelation",
                           "getProducts",
                           "createProduct",
                           "updateProduct",
                           "getStock",
                           "getCurrentSyncMarkers",
                           "getArticleGroupChanges",
                           "newArticleGroup",
                           "updateArticleGroup",
                           "getOrders",
                           "payOrder",
                           "deliverOrder",
                           "cancelOrder",
                           "saveOrder",
                           "updateOrder"}) {
    INFO("operation " << name);
    const schema::OperationDef* op = schema::find_operation(name);
    REQUIRE(op != nullptr);
    CHECK(std::string(op->input_element) == wsdl().input_element(name));
    CHECK(std::string(op->output_element) == wsdl().output_element(name));
    CHECK(schema::output_type_of(*op).name == op->output_element);
  }
  CHECK(std::string(schema::find_operation("findOrder")->output_element) == "GetOrderResponse");
  CHECK(std::string(schema::find_operation("getApiVersion")->output_element) == "getApiVersionResponse");
  CHECK(schema::find_operation("noSuchOperation") == nullptr);
}

TEST_CASE("schema lookups find types, elements and enum values", "[mplus][schema]") {
  const schema::ComplexTypeDef* order = schema::find_complex_type("Order");
  REQUIRE(order != nullptr);
  REQUIRE(!order->elements.empty());
  CHECK(order->elements.front().name == "orderId");
  CHECK(order->elements.front().required);
  const schema::ElementDef* line_list = schema::find_element(*order, "lineList");
  REQUIRE(line_list != nullptr);
  const schema::ElementDef* line = schema::find_element(schema::complex_type_of(*line_list), "line");
  REQUIRE(line != nullptr);
  CHECK(line->repeated);
  const schema::EnumTypeDef* vat = schema::find_enum_type("VatMethod");
  REQUIRE(vat != nullptr);
  CHECK(schema::enum_allows(*vat, "VAT-METHOD-INCLUSIVE"));
  CHECK_FALSE(schema::enum_allows(*vat, "VAT_METHOD_INCLUSIVE"));
  CHECK(schema::find_complex_type("NoSuchType") == nullptr);
}
