#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include <functional>
#include <map>
#include <mutex>

#include "lsmplus/mplus/client.hpp"
#include "lsmplus/net/http_client.hpp"
#include "support/paths.hpp"
#include "support/local_server.hpp"
#include "unit/mplus/wsdl_validator.hpp"

using namespace lsmplus::mplus;
using lsmplus::ErrorClass;
using lsmplus::testing::LocalServer;

namespace {

struct Reply {
  int status = 200;
  std::string body;
};

struct ReceivedRequest {
  std::string soap_action;
  std::string body;
  std::string target;
  std::string ident;
  std::string secret;
  std::string content_type;
  std::string request_id;
};

std::string envelope(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
         "xmlns:ns=\"urn:mplusqapi\">"
         "<SOAP-ENV:Body>" +
         body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
}

Reply fault(const std::string& code, const std::string& text) {
  return {500, envelope("<SOAP-ENV:Fault><faultcode>" + code + "</faultcode><faultstring>" + text +
                        "</faultstring></SOAP-ENV:Fault>")};
}

// A stand-in Mplus API on 127.0.0.1: records every POST and answers through `respond`.
class FakeMplusServer {
 public:
  using Responder = std::function<Reply(const ReceivedRequest&)>;

  explicit FakeMplusServer(Responder respond)
      : respond_(std::move(respond)), server_([this](httplib::Server& s) {
          s.Post("/", [this](const httplib::Request& request, httplib::Response& response) {
            ReceivedRequest received;
            received.soap_action = request.get_header_value("SOAPAction");
            received.body = request.body;
            received.target = request.target;
            received.ident = request.get_param_value("ident");
            received.secret = request.get_param_value("secret");
            received.content_type = request.get_header_value("Content-Type");
            received.request_id = request.get_header_value("X-Request-Id");
            Reply reply;
            {
              std::lock_guard<std::mutex> lock(mutex_);
              received_.push_back(received);
              reply = respond_(received);
            }
            response.status = reply.status;
            response.set_content(reply.body, "text/xml; charset=utf-8");
          });
        }) {}

  std::string url() const { return server_.base_url(); }

  std::vector<ReceivedRequest> received() {
    std::lock_guard<std::mutex> lock(mutex_);
    return received_;
  }

 private:
  Responder respond_;
  std::mutex mutex_;
  std::vector<ReceivedRequest> received_;
  LocalServer server_;  // last: it stops before the members its handler uses go away
};

// Valid answers for the operations the Client's typed methods call.
Reply happy_path(const ReceivedRequest& request) {
  static const std::map<std::string, std::string> kBodies = {
      {"getApiVersion",
       "<ns:getApiVersionResponse><ns:majorNumber>1</ns:majorNumber><ns:minorNumber>0</ns:minorNumber>"
       "<ns:revisionNumber>0</ns:revisionNumber><ns:serviceMajorNumber>67</ns:serviceMajorNumber>"
       "<ns:serviceMinorNumber>1</ns:serviceMinorNumber><ns:serviceRevisionNumber>3</"
       "ns:serviceRevisionNumber>"
       "<ns:inDebugMode>false</ns:inDebugMode></ns:getApiVersionResponse>"},
      {"findOrder",
       "<ns:GetOrderResponse><ns:result>GET-ORDER-RESULT-OK</ns:result><ns:order>"
       "<ns:orderId>001a3cd43892405b9689134b36656063</ns:orderId><ns:extOrderId>LS-1359</ns:extOrderId>"
       "</ns:order></ns:GetOrderResponse>"},
      {"createOrder",
       "<ns:CreateOrderResponse><ns:result>CREATE-ORDER-RESULT-OK</ns:result><ns:info>"
       "<ns:orderId>9f00aa</ns:orderId><ns:orderString>2024-17</ns:orderString></ns:info>"
       "<ns:errorMessage></ns:errorMessage></ns:CreateOrderResponse>"},
      {"findRelationV2",
       "<ns:FindRelationV2Response><ns:result>FIND-RELATION-RESULT-OK</ns:result><ns:relation>"
       "<ns:relationNumber>681</ns:relationNumber><ns:name>Jan "
       "Jansen</ns:name><ns:email>Jan@Example.nl</ns:email>"
       "</ns:relation></ns:FindRelationV2Response>"},
      {"createRelation",
       "<ns:CreateRelationResponse><ns:result>CREATE-RELATION-RESULT-OK</ns:result>"
       "<ns:relationNumber>682</ns:relationNumber><ns:syncMarker>5021</ns:syncMarker><ns:errorMessage/>"
       "</ns:CreateRelationResponse>"},
      {"getProducts",
       "<ns:GetProductsResponse><ns:productList>"
       "<ns:product><ns:productNumber>1001</ns:productNumber><ns:syncMarker>17</ns:syncMarker>"
       "<ns:articleList><ns:article><ns:articleNumber>1001</ns:articleNumber><ns:syncMarker>19</"
       "ns:syncMarker>"
       "</ns:article></ns:articleList></ns:product>"
       "<ns:product><ns:productNumber>1002</ns:productNumber><ns:syncMarker>18</ns:syncMarker></ns:product>"
       "</ns:productList></ns:GetProductsResponse>"},
  };
  auto it = kBodies.find(request.soap_action);
  if (it == kBodies.end())
    return fault("SOAP-ENV:Client", "Method '" + request.soap_action + "' not implemented");
  return {200, envelope(it->second)};
}

lsmplus::net::HttpOptions test_options() {
  lsmplus::net::HttpOptions options;
  options.max_attempts = 1;
  options.connect_timeout = std::chrono::milliseconds(2000);
  options.total_timeout = std::chrono::milliseconds(10000);
  return options;
}

rapidjson::Document json(const char* text) {
  rapidjson::Document doc;
  doc.Parse(text);
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

const lsmplus::testing::WsdlValidator& wsdl() {
  static const lsmplus::testing::WsdlValidator validator(
      lsmplus::testing::reference_file("mplus/mplusqapi.wsdl"));
  return validator;
}

// A webshop order as the orders flow would build it.
const char* kRealisticOrder = R"({
  "extOrderId": "LS-1359",
  "orderType": "ORDER-TYPE-SALES-ORDER",
  "entryBranchNumber": 1,
  "employeeNumber": 999999,
  "entryTimestamp": {"sec": 5, "min": 30, "hour": 14, "day": 2, "mon": 5, "year": 2024, "isdst": false, "timezone": 120},
  "relationNumber": 681,
  "deliveryAddress": {"name": "Jan Jansen", "contact": "Jan", "address": "Dorpsstraat 1", "zipcode": "1234 AB",
                      "city": "Utrecht", "country": "NL", "companyName": "Jansen & Zn"},
  "invoiceAddress": {"name": "Jan Jansen", "address": "Dorpsstraat 1", "zipcode": "1234 AB", "city": "Utrecht", "country": "NL"},
  "financialDate": {"year": 2024, "mon": 5, "day": 2},
  "financialBranchNumber": 1,
  "reference": "Webshop #1359 <express>",
  "vatMethod": "VAT-METHOD-INCLUSIVE",
  "deliveryMethod": "POSTNL",
  "paymentMethod": "IDEAL",
  "lineList": {"line": [
    {"articleNumber": 14, "text": "Colored Tie", "data": {"quantity": 1, "price": 1995, "vatCode": 2, "discountPercentage": 15}},
    {"articleNumber": 35, "text": "Gehakt", "data": {"decimalPlaces": 3, "quantity": 530}},
    {"articleNumber": 999, "text": "Shipping costs", "data": {"quantity": 1, "price": 495}}
  ]},
  "vatCountryIso3": "NLD"
})";

const char* kCompanyRelation = R"({
  "extRelationId": "LS-C-5531",
  "name": "Jansen & Zn B.V.",
  "companyName": "Jansen & Zn B.V.",
  "address": "Dorpsstraat 1", "zipcode": "1234 AB", "city": "Utrecht", "country": "NL",
  "email": "info@jansen.example", "telephone": "+31 30 123 4567",
  "vatNumber": "NL123456789B01", "commerceNumber": "12345678",
  "contact": "Jan Jansen",
  "birthDate": {"day": 0, "mon": 0, "year": 0},
  "contactList": {"relation": [
    {"name": "Jan Jansen", "email": "jan@jansen.example", "mobile": "+31 6 12345678"},
    {"name": "Piet Jansen", "email": "piet@jansen.example"}
  ]}
})";

}  // namespace

TEST_CASE("every request the client emits is valid against the WSDL", "[mplus][client][wsdl]") {
  FakeMplusServer server(happy_path);
  lsmplus::net::HttpClient http(test_options());
  Client client(http, {server.url(), "shop1", "s3cr3t"});

  REQUIRE(client.get_api_version().ok());
  REQUIRE(client.find_order("LS-1359").ok());
  auto order = json(kRealisticOrder);
  auto created = client.create_order(order);
  REQUIRE(created.ok());
  CHECK_FALSE(created->already_existed);
  CHECK(created->order_id == "9f00aa");
  REQUIRE(client.find_relation_by_email("jan@example.nl").ok());
  auto relation = json(kCompanyRelation);
  auto number = client.create_relation(relation);
  REQUIRE(number.ok());
  CHECK(*number == 682);
  REQUIRE(client.get_products(1, 250).ok());

  auto received = server.received();
  REQUIRE(received.size() == 6);
  for (const ReceivedRequest& request : received) {
    INFO(request.soap_action << "\n" << request.body);
    CHECK(wsdl().validate_request(request.body, request.soap_action) == std::vector<std::string>{});
  }
  const std::string& create_order_body = received[2].body;
  CHECK(create_order_body.find("<ns1:order><ns1:orderId/><ns1:extOrderId>LS-1359</ns1:extOrderId>") !=
        std::string::npos);
  CHECK(create_order_body.find("Webshop #1359 &lt;express&gt;") != std::string::npos);
  CHECK(create_order_body.find(
            "<ns1:data><ns1:quantity>530</ns1:quantity><ns1:decimalPlaces>3</ns1:decimalPlaces>") !=
        std::string::npos);
}

TEST_CASE("the request carries URL-encoded ident and secret and the SOAP headers", "[mplus][client]") {
  FakeMplusServer server(happy_path);
  lsmplus::net::HttpClient http(test_options());
  Client client(http, {server.url() + "/", "shop 1&x", "s3cr/t+=?"});
  auto version = client.get_api_version();
  REQUIRE(version.ok());
  CHECK(version->major == 1);
  CHECK(version->service_major == 67);
  CHECK(version->service_revision == 3);
  auto received = server.received();
  REQUIRE(received.size() == 1);
  CHECK(received[0].target == "/?ident=shop%201%26x&secret=s3cr%2Ft%2B%3D%3F");
  CHECK(received[0].ident == "shop 1&x");
  CHECK(received[0].secret == "s3cr/t+=?");
  CHECK(received[0].soap_action == "getApiVersion");
  CHECK(received[0].content_type == "text/xml; charset=utf-8");
  CHECK(received[0].request_id.rfind("lsmplus_", 0) == 0);
  CHECK(received[0].request_id.size() > 8);
}

TEST_CASE("createOrder with an existing extOrderId links to the order findOrder finds", "[mplus][client]") {
  FakeMplusServer server([](const ReceivedRequest& request) {
    if (request.soap_action == "createOrder") {
      return Reply{
          200,
          envelope("<ns:CreateOrderResponse><ns:result>CREATE-ORDER-RESULT-EXT-ORDER-ID-ALREADY-EXISTS"
                   "</ns:result><ns:info><ns:orderId/><ns:orderString/></ns:info>"
                   "<ns:errorMessage>extOrderId already exists</ns:errorMessage></ns:CreateOrderResponse>")};
    }
    return happy_path(request);
  });
  lsmplus::net::HttpClient http(test_options());
  Client client(http, {server.url(), "shop1", "s3cr3t"});
  auto order = json(kRealisticOrder);
  auto outcome = client.create_order(order);
  REQUIRE(outcome.ok());
  CHECK(outcome->already_existed);
  CHECK(outcome->order_id == "001a3cd43892405b9689134b36656063");
  auto received = server.received();
  REQUIRE(received.size() == 2);
  CHECK(received[1].soap_action == "findOrder");
  CHECK(received[1].body.find("<ns1:extOrderId>LS-1359</ns1:extOrderId>") != std::string::npos);
}

TEST_CASE("createOrder without an extOrderId is refused before anything is sent", "[mplus][client]") {
  FakeMplusServer server(happy_path);
  lsmplus::net::HttpClient http(test_options());
  Client client(http, {server.url(), "shop1", "s3cr3t"});
  auto outcome = client.create_order(json(R"({"relationNumber": 681})"));
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.error().cls == ErrorClass::permanent);
  CHECK(server.received().empty());
}

TEST_CASE("HTTP 401 and 403 are auth errors that do not leak the credentials", "[mplus][client]") {
  for (int status : {401, 403}) {
    FakeMplusServer server([status](const ReceivedRequest&) { return Reply{status, "Unauthorized"}; });
    lsmplus::net::HttpClient http(test_options());
    Client client(http, {server.url(), "shop-ident-42", "very-secret-99"});
    auto version = client.get_api_version();
    REQUIRE_FALSE(version.ok());
    CHECK(version.error().cls == ErrorClass::auth);
    CHECK(version.error().message.find("very-secret-99") == std::string::npos);
    CHECK(version.error().message.find("shop-ident-42") == std::string::npos);
  }
}

TEST_CASE("SOAP faults map to protocol, unavailable or auth", "[mplus][client]") {
  struct Case {
    Reply reply;
    ErrorClass expected;
  };
  for (const Case& c : {
           Case{fault("SOAP-ENV:Client",
                      "Validation constraint violation: data type mismatch in element 'ns:articleNumber'"),
                ErrorClass::protocol},
           Case{fault("SOAP-ENV:Server", "Database temporarily unavailable"), ErrorClass::unavailable},
           Case{fault("SOAP-ENV:Client", "Invalid ident or secret"), ErrorClass::auth},
           Case{fault("SOAP-ENV:Client.Authentication", "Access denied"), ErrorClass::auth},
           Case{Reply{502, "<html>Bad gateway</html>"}, ErrorClass::unavailable},
           Case{Reply{404, "Not found"}, ErrorClass::protocol},
           Case{Reply{200, "<html>captive portal</html>"}, ErrorClass::protocol},
       }) {
    INFO(c.reply.status << " " << c.reply.body);
    FakeMplusServer server([&c](const ReceivedRequest&) { return c.reply; });
    lsmplus::net::HttpClient http(test_options());
    Client client(http, {server.url(), "shop1", "s3cr3t"});
    auto found = client.find_order("LS-1");
    REQUIRE_FALSE(found.ok());
    CHECK(found.error().cls == c.expected);
    CHECK(found.error().message.find("s3cr3t") == std::string::npos);
  }
}

TEST_CASE("a business result other than OK is a permanent error with enum and message", "[mplus][client]") {
  FakeMplusServer server([](const ReceivedRequest&) {
    return Reply{200,
                 envelope("<ns:CreateRelationResponse><ns:result>CREATE-RELATION-RESULT-FAILED</ns:result>"
                          "<ns:relationNumber>0</ns:relationNumber>"
                          "<ns:errorMessage>Name is required</ns:errorMessage></ns:CreateRelationResponse>")};
  });
  lsmplus::net::HttpClient http(test_options());
  Client client(http, {server.url(), "shop1", "s3cr3t"});
  auto number = client.create_relation(json(R"({"email": "a@b.nl"})"));
  REQUIRE_FALSE(number.ok());
  CHECK(number.error().cls == ErrorClass::permanent);
  CHECK(number.error().message.find("CREATE-RELATION-RESULT-FAILED") != std::string::npos);
  CHECK(number.error().message.find("Name is required") != std::string::npos);
}

TEST_CASE("find_relation_by_email searches with exactMatch and never a relationNumber", "[mplus][client]") {
  bool found = true;
  FakeMplusServer server([&found](const ReceivedRequest& request) {
    if (!found) {
      return Reply{200,
                   envelope("<ns:FindRelationV2Response><ns:result>FIND-RELATION-RESULT-NOT-FOUND</ns:result>"
                            "</ns:FindRelationV2Response>")};
    }
    return happy_path(request);
  });
  lsmplus::net::HttpClient http(test_options());
  Client client(http, {server.url(), "shop1", "s3cr3t"});
  auto number = client.find_relation_by_email("jan@example.nl");
  REQUIRE(number.ok());
  REQUIRE(number->has_value());
  CHECK(**number == 681);
  found = false;
  auto missing = client.find_relation_by_email("nobody@example.nl");
  REQUIRE(missing.ok());
  CHECK_FALSE(missing->has_value());
  for (const ReceivedRequest& request : server.received()) {
    CHECK(request.body.find("relationNumber") == std::string::npos);
    CHECK(request.body.find("<ns1:exactMatch>true</ns1:exactMatch>") != std::string::npos);
  }
  CHECK_FALSE(client.find_relation_by_email("").ok());
}

TEST_CASE("get_products returns WSDL-shaped products and the highest syncMarker of products and articles",
          "[mplus][client]") {
  FakeMplusServer server(happy_path);
  lsmplus::net::HttpClient http(test_options());
  Client client(http, {server.url(), "shop1", "s3cr3t"});
  auto page = client.get_products(17, 100);
  REQUIRE(page.ok());
  REQUIRE(page->products.IsArray());
  REQUIRE(page->products.Size() == 2);
  CHECK(page->products[0]["productNumber"].GetInt64() == 1001);
  CHECK(page->products[0]["articleList"]["article"].IsArray());
  CHECK(page->max_sync_marker == 19);
  auto received = server.received();
  REQUIRE(received.size() == 1);
  CHECK(received[0].body.find("<ns1:pluNumbers/><ns1:syncMarker>17</ns1:syncMarker>"
                              "<ns1:syncMarkerLimit>100</ns1:syncMarkerLimit>") != std::string::npos);
}
