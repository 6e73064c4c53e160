#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include "lsmplus/mplus/soap_codec.hpp"
#include "support/paths.hpp"
#include "unit/mplus/wsdl_validator.hpp"

using namespace lsmplus::mplus;
using lsmplus::ErrorClass;

namespace {

rapidjson::Document json(const char* text) {
  rapidjson::Document doc;
  doc.Parse(text);
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

std::string body_of(const std::string& envelope) {
  auto start = envelope.find("<SOAP-ENV:Body>");
  auto end = envelope.find("</SOAP-ENV:Body>");
  REQUIRE(start != std::string::npos);
  REQUIRE(end != std::string::npos);
  start += std::string("<SOAP-ENV:Body>").size();
  return envelope.substr(start, end - start);
}

std::string response_envelope(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
         "xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
         "xmlns:ns=\"urn:mplusqapi\">\n <SOAP-ENV:Body>\n" +
         body + "\n </SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n";
}

const lsmplus::testing::WsdlValidator& wsdl() {
  static const lsmplus::testing::WsdlValidator validator(
      lsmplus::testing::reference_file("mplus/mplusqapi.wsdl"));
  return validator;
}

}  // namespace

TEST_CASE("an operation without parameters is an empty element in the exact official envelope",
          "[mplus][codec]") {
  auto envelope = encode_request("getApiVersion", json("{}"));
  REQUIRE(envelope.ok());
  CHECK(*envelope ==
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
        "xmlns:ns1=\"urn:mplusqapi\">"
        "<SOAP-ENV:Header/><SOAP-ENV:Body><ns1:getApiVersion/></SOAP-ENV:Body></SOAP-ENV:Envelope>");
  CHECK(encode_request("getApiVersion", rapidjson::Value()).ok());
}

TEST_CASE("children are written in WSDL order whatever the JSON key order", "[mplus][codec]") {
  auto forward = encode_request(
      "getProducts", json(R"({"request": {"onlyActive": true, "syncMarker": 1, "syncMarkerLimit": 250}})"));
  auto backward = encode_request(
      "getProducts", json(R"({"request": {"syncMarkerLimit": 250, "syncMarker": 1, "onlyActive": true}})"));
  REQUIRE(forward.ok());
  REQUIRE(backward.ok());
  CHECK(*forward == *backward);
  CHECK(body_of(*forward) ==
        "<ns1:getProducts><ns1:request><ns1:pluNumbers/><ns1:onlyActive>true</ns1:onlyActive>"
        "<ns1:syncMarker>1</ns1:syncMarker><ns1:syncMarkerLimit>250</ns1:syncMarkerLimit></ns1:request></"
        "ns1:getProducts>");
  CHECK(wsdl().validate_request(*forward, "getProducts").empty());
}

TEST_CASE("repeated elements become repeated siblings and list wrappers nest", "[mplus][codec]") {
  auto envelope = encode_request("getProducts", json(R"({"request": {
      "articleNumbers": [4542, 4543], "pluNumbers": {"text": [{"text": "123"}]}}})"));
  REQUIRE(envelope.ok());
  CHECK(body_of(*envelope) ==
        "<ns1:getProducts><ns1:request><ns1:articleNumbers>4542</ns1:articleNumbers>"
        "<ns1:articleNumbers>4543</ns1:articleNumbers><ns1:pluNumbers><ns1:text><ns1:text>123</ns1:text></"
        "ns1:text>"
        "</ns1:pluNumbers></ns1:request></ns1:getProducts>");
  CHECK(wsdl().validate_request(*envelope, "getProducts").empty());
}

TEST_CASE("text is XML-escaped and control characters are refused", "[mplus][codec]") {
  auto envelope = encode_request("findOrder", json(R"({"extOrderId": "A&B <C> \"d\" 'e'\r\n"})"));
  REQUIRE(envelope.ok());
  CHECK(body_of(*envelope) ==
        "<ns1:findOrder><ns1:extOrderId>A&amp;B &lt;C&gt; \"d\" 'e'&#13;\n</ns1:extOrderId></ns1:findOrder>");
  auto bad = encode_request("findOrder", json(R"({"extOrderId": "bell\u0007"})"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("findOrder.extOrderId") != std::string::npos);
}

TEST_CASE("a JSON key the type does not have is a programming error naming type and key", "[mplus][codec]") {
  auto envelope =
      encode_request("createRelation", json(R"({"relation": {"name": "Jan", "houseNumber": "1"}})"));
  REQUIRE_FALSE(envelope.ok());
  CHECK(envelope.error().cls == ErrorClass::internal);
  CHECK(envelope.error().message.find("Relation") != std::string::npos);
  CHECK(envelope.error().message.find("houseNumber") != std::string::npos);
  CHECK_FALSE(encode_request("noSuchOperation", json("{}")).ok());
}

TEST_CASE("wrong JSON types, out-of-range integers and unknown enum values name the path", "[mplus][codec]") {
  struct Case {
    const char* request;
    const char* path;
  };
  for (
      const Case& c : {
          Case{
              R"({"order": {"extOrderId": "X", "lineList": {"line": [{"articleNumber": 1, "data": {"quantity": "one"}}]}}})",
              "createOrder.order.lineList.line[0].data.quantity"},
          Case{R"({"order": {"extOrderId": "X", "vatMethod": "VAT_METHOD_INCLUSIVE"}})",
               "createOrder.order.vatMethod"},
          Case{R"({"order": {"extOrderId": "X", "entryBranchNumber": 3000000000}})",
               "createOrder.order.entryBranchNumber"},
          Case{R"({"order": {"extOrderId": 17}})", "createOrder.order.extOrderId"},
          Case{R"({"order": {"extOrderId": "X", "lineList": {"line": {"articleNumber": 1}}}})",
               "createOrder.order.lineList.line"},
          Case{
              R"({"order": {"extOrderId": "X", "lineList": {"line": [{"articleNumber": 1, "data": {"price": 995}}]}}})",
              "createOrder.order.lineList.line[0].data.quantity"},
          Case{R"({"order": {"extOrderId": "X", "fullyPaid": "yes"}})", "createOrder.order.fullyPaid"},
      }) {
    INFO(c.request);
    auto envelope = encode_request("createOrder", json(c.request));
    REQUIRE_FALSE(envelope.ok());
    CHECK(envelope.error().cls == ErrorClass::permanent);
    CHECK(envelope.error().message.find(c.path) != std::string::npos);
  }
}

TEST_CASE("a reconstructed GetProductsResponse decodes with one-item lists as arrays", "[mplus][codec]") {
  const std::string xml = response_envelope(R"(<ns:GetProductsResponse><ns:productList>
 <ns:product>
  <ns:productNumber>1001</ns:productNumber><ns:syncMarker>17</ns:syncMarker><ns:description>T-shirt &amp; more</ns:description>
  <ns:articleList><ns:article>
   <ns:articleNumber>1001</ns:articleNumber><ns:extArticleId>TS-RED-M</ns:extArticleId><ns:syncMarker>17</ns:syncMarker>
   <ns:active>true</ns:active><ns:description>T-shirt red M</ns:description><ns:colour>red</ns:colour><ns:size>M</ns:size>
   <ns:barcode>8712345678906</ns:barcode><ns:turnoverGroup>10</ns:turnoverGroup><ns:vatCode>2</ns:vatCode><ns:vatPercentage>21</ns:vatPercentage>
   <ns:priceIncl>1995</ns:priceIncl><ns:priceExcl>1649</ns:priceExcl><ns:webshop>true</ns:webshop><ns:stockArticle>true</ns:stockArticle>
   <ns:priceDeviationMin>12.50</ns:priceDeviationMin><ns:fieldFromTheFuture>x</ns:fieldFromTheFuture>
  </ns:article></ns:articleList>
  <ns:groupNumbers>3</ns:groupNumbers>
 </ns:product>
</ns:productList></ns:GetProductsResponse>)");
  auto decoded = decode_response("getProducts", xml);
  REQUIRE(decoded.ok());
  CHECK_FALSE(decoded->fault.has_value());
  CHECK(decoded->unknown_elements == 1);
  const rapidjson::Value& products = decoded->body["productList"]["product"];
  REQUIRE(products.IsArray());
  REQUIRE(products.Size() == 1);
  const rapidjson::Value& product = products[0];
  CHECK(product["productNumber"].GetInt64() == 1001);
  CHECK(std::string(product["description"].GetString()) == "T-shirt & more");
  REQUIRE(product["groupNumbers"].IsArray());
  CHECK(product["groupNumbers"][0].GetInt64() == 3);
  const rapidjson::Value& articles = product["articleList"]["article"];
  REQUIRE(articles.IsArray());
  REQUIRE(articles.Size() == 1);
  const rapidjson::Value& article = articles[0];
  CHECK(article["priceIncl"].GetInt64() == 1995);
  CHECK(article["active"].GetBool());
  CHECK(std::string(article["extArticleId"].GetString()) == "TS-RED-M");
  CHECK(std::string(article["priceDeviationMin"].GetString()) == "12.50");
  CHECK_FALSE(article.HasMember("fieldFromTheFuture"));
  CHECK_FALSE(product.HasMember("sortOrderGroupList"));
}

TEST_CASE("an empty product list decodes to a wrapper without items", "[mplus][codec]") {
  auto decoded = decode_response(
      "getProducts", response_envelope("<ns:GetProductsResponse><ns:productList/></ns:GetProductsResponse>"));
  REQUIRE(decoded.ok());
  CHECK(decoded->body["productList"].IsObject());
  CHECK_FALSE(decoded->body["productList"].HasMember("product"));
}

TEST_CASE("a SOAP fault comes back as a fault, not a body", "[mplus][codec]") {
  auto decoded = decode_response("createOrder", response_envelope(R"(<SOAP-ENV:Fault>
  <faultcode>SOAP-ENV:Client</faultcode>
  <faultstring>Validation constraint violation: data type mismatch in element 'ns:articleNumber'</faultstring>
 </SOAP-ENV:Fault>)"));
  REQUIRE(decoded.ok());
  REQUIRE(decoded->fault.has_value());
  CHECK(decoded->fault->code == "SOAP-ENV:Client");
  CHECK(fault_code_local_part(*decoded->fault) == "Client");
  CHECK(decoded->fault->message.find("articleNumber") != std::string::npos);
}

TEST_CASE("a response element that is not the operation's output is a protocol error", "[mplus][codec]") {
  auto decoded = decode_response("findOrder", response_envelope("<ns:FindOrderResponse/>"));
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.error().cls == ErrorClass::protocol);
  CHECK(decoded.error().message.find("GetOrderResponse") != std::string::npos);
  CHECK(
      decode_response(
          "findOrder",
          response_envelope(
              "<ns:GetOrderResponse><ns:result>GET-ORDER-RESULT-NOT-FOUND</ns:result></ns:GetOrderResponse>"))
          .ok());
  CHECK(decode_response("getApiVersion", "<html>Bad gateway</html>").error().cls == ErrorClass::protocol);
  CHECK(decode_response("getApiVersion", "not xml at all <").error().cls == ErrorClass::protocol);
}

TEST_CASE("a non-numeric long is a protocol error naming the element", "[mplus][codec]") {
  auto decoded = decode_response(
      "createRelation",
      response_envelope(
          "<ns:CreateRelationResponse><ns:result>CREATE-RELATION-RESULT-OK</ns:result>"
          "<ns:relationNumber>68x</ns:relationNumber><ns:errorMessage/></ns:CreateRelationResponse>"));
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.error().cls == ErrorClass::protocol);
  CHECK(decoded.error().message.find("CreateRelationResponse.relationNumber") != std::string::npos);
}

TEST_CASE("booleans accept 1/0 and unknown enum values are kept", "[mplus][codec]") {
  auto decoded = decode_response(
      "getApiVersion",
      response_envelope(
          "<ns:getApiVersionResponse><ns:majorNumber> 1 </ns:majorNumber><ns:minorNumber>0</ns:minorNumber>"
          "<ns:revisionNumber>0</ns:revisionNumber><ns:inDebugMode>0</ns:inDebugMode>"
          "<ns:slaveApiType>SLAVE-API-TYPE-FROM-THE-FUTURE</ns:slaveApiType></ns:getApiVersionResponse>"));
  REQUIRE(decoded.ok());
  CHECK(decoded->body["majorNumber"].GetInt64() == 1);
  CHECK(decoded->body["inDebugMode"].GetBool() == false);
  CHECK(std::string(decoded->body["slaveApiType"].GetString()) == "SLAVE-API-TYPE-FROM-THE-FUTURE");
}
