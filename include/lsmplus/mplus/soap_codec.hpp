// JSON ↔ SOAP XML for the Mplus API, driven by the schema tables generated from the vendor
// WSDL (src/mplus/wsdl_schema.inc). No per-operation code: element order, list-ness and value
// types all come from the tables.
//
// JSON conventions (the shape mirrors the WSDL):
// - an element of complex type is a JSON object of its child elements;
// - an element with maxOccurs="unbounded" is a JSON array (repeated siblings on the wire), so a
//   list wrapper type is an object holding an array: {"lineList": {"line": [ {...}, ... ]}};
// - xsd:long/int/short (and unsigned kinds) are JSON integers (int64); xsd:boolean is true/false;
// - xsd:decimal is a JSON string holding the exact decimal text ("12.50");
// - xsd:string, enumerations, xsd:date, xsd:dateTime and base64 are JSON strings;
// - money stays integer cents and quantities integer + decimalPlaces, exactly as on the wire
//   (see util/decimal.hpp for exact conversions);
// - on encoding, a JSON null counts as an absent element.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "lsmplus/core/error.hpp"

namespace lsmplus::mplus {

inline constexpr std::string_view kMplusNamespace = "urn:mplusqapi";
inline constexpr std::string_view kSoapEnvelopeNamespace = "http://schemas.xmlsoap.org/soap/envelope/";

// Whether the schema tables know the operation (scripts/gen-mplus-schema lists them).
bool is_known_operation(std::string_view operation);

// Builds the complete request envelope for `operation` (API-MPLUS.md §1.4: XML declaration,
// SOAP-ENV:Envelope declaring only SOAP-ENV and ns1, empty Header, Body) from `request`, a JSON
// object holding the operation element's children (null counts as {}). Children are written in
// WSDL sequence order whatever the JSON key order, every element in prefix ns1. A required
// element the caller left out is written empty when an empty one is schema-valid (a string, or
// a complex type whose children are all optional, such as GetProductsRequest.pluNumbers or
// Order.orderId on create).
// Errors: `internal` for an operation not in the tables, a request that is not an object, or a
// JSON key that is not an element of its type (names the type and the key). `permanent` for a
// value of the wrong JSON type, an integer out of the element's range, a value outside its
// enumeration, a malformed decimal, a character XML cannot carry, or a missing required element
// that cannot be written empty; the message names the path (createOrder.order.lineList.line[1]...).
Result<std::string> encode_request(std::string_view operation, const rapidjson::Value& request);

// A SOAP 1.1 Fault from the response Body.
struct SoapFault {
  std::string code;     // faultcode as sent, e.g. "SOAP-ENV:Client" or "SOAP-ENV:Server.Busy"
  std::string message;  // faultstring
};

struct DecodedResponse {
  // The output element's children as JSON (an object); empty when `fault` is set.
  rapidjson::Document body{rapidjson::kObjectType};
  std::optional<SoapFault> fault;
  // Elements the schema does not know (newer servers add fields); skipped, counted for logs.
  int unknown_elements = 0;
};

// Parses a response envelope for `operation`. Elements are matched by local name, whatever their
// prefix. Repeated elements always become arrays, even with one item; absent ones stay absent.
// Enumeration values outside the schema are kept as strings (newer servers add values).
// Errors (`protocol`): the text is not XML, has no Envelope/Body, the Body's element is neither a
// Fault nor the operation's output element (API-MPLUS.md §7), an integer, boolean or decimal that
// does not parse (names the element path), or a single-valued element that appears twice.
// `internal` for an operation not in the tables.
Result<DecodedResponse> decode_response(std::string_view operation, std::string_view xml);

// The local part of a faultcode: "SOAP-ENV:Client.Authentication" → "Client.Authentication".
std::string_view fault_code_local_part(const SoapFault& fault);

}  // namespace lsmplus::mplus
