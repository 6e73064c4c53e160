#include <catch2/catch.hpp>

#include "support/paths.hpp"
#include "unit/mplus/wsdl_validator.hpp"

using lsmplus::testing::WsdlValidator;

namespace {

const WsdlValidator& wsdl() {
  static const WsdlValidator validator(lsmplus::testing::reference_file("mplus/mplusqapi.wsdl"));
  return validator;
}

std::string request(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
         "xmlns:ns1=\"urn:mplusqapi\">"
         "<SOAP-ENV:Header/><SOAP-ENV:Body>" +
         body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
}

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  for (const auto& problem : problems) {
    if (problem.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the test WSDL validator accepts the documented examples", "[mplus][wsdl]") {
  CHECK(wsdl().validate_request(request("<ns1:getApiVersion/>"), "getApiVersion").empty());
  CHECK(wsdl()
            .validate_request(
                request("<ns1:getProducts><ns1:request><ns1:pluNumbers/><ns1:onlyActive>true</ns1:onlyActive>"
                        "<ns1:syncMarker>1</ns1:syncMarker><ns1:syncMarkerLimit>250</ns1:syncMarkerLimit>"
                        "</ns1:request></ns1:getProducts>"),
                "getProducts")
            .empty());
}

TEST_CASE("the test WSDL validator catches order, occurrence, namespace and lexical mistakes",
          "[mplus][wsdl]") {
  auto out_of_order = wsdl().validate_request(
      request(
          "<ns1:getProducts><ns1:request><ns1:syncMarker>1</ns1:syncMarker><ns1:pluNumbers/></ns1:request>"
          "</ns1:getProducts>"),
      "getProducts");
  CHECK(mentions(out_of_order, "unexpected element ns1:pluNumbers"));

  auto missing = wsdl().validate_request(
      request(
          "<ns1:getProducts><ns1:request><ns1:syncMarker>1</ns1:syncMarker></ns1:request></ns1:getProducts>"),
      "getProducts");
  CHECK(mentions(missing, "required element pluNumbers is missing"));

  auto twice = wsdl().validate_request(
      request("<ns1:getProducts><ns1:request><ns1:pluNumbers/><ns1:syncMarker>1</ns1:syncMarker>"
              "<ns1:syncMarker>2</ns1:syncMarker></ns1:request></ns1:getProducts>"),
      "getProducts");
  CHECK(mentions(twice, "syncMarker appears 2 times"));

  auto unqualified = wsdl().validate_request(
      request("<ns1:findOrder><extOrderId>X</extOrderId></ns1:findOrder>"), "findOrder");
  CHECK(mentions(unqualified, "not in namespace urn:mplusqapi"));

  auto lexical = wsdl().validate_request(
      request("<ns1:getProducts><ns1:request><ns1:pluNumbers/><ns1:onlyActive>yes</ns1:onlyActive>"
              "<ns1:syncMarker>1x</ns1:syncMarker></ns1:request></ns1:getProducts>"),
      "getProducts");
  CHECK(mentions(lexical, "is not an xsd:boolean"));
  CHECK(mentions(lexical, "is not an xsd:long"));

  auto bad_enum = wsdl().validate_request(
      request("<ns1:createOrder><ns1:order><ns1:orderId/><ns1:vatMethod>INCLUSIVE</ns1:vatMethod></ns1:order>"
              "</ns1:createOrder>"),
      "createOrder");
  CHECK(mentions(bad_enum, "is not a value of tns:VatMethod"));

  CHECK(mentions(wsdl().validate_request(request("<ns1:findOrder/>"), "getOrder"), "expected getOrder"));
}
