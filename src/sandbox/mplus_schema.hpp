// The slice of the Mplus WSDL (urn:mplusqapi, v67.1.3) the sandbox reads and writes:
// one table per complex type listing its children in xsd:sequence order, written by
// hand from the WSDL. Values are held as JSON trees named exactly like the WSDL
// elements (lists as arrays, xsd:long/int as integers, booleans as booleans).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "json_util.hpp"

namespace lsmplus::sandbox::mplus {

enum class Kind { kString, kLong, kInt, kBool, kDecimal, kStruct, kList };

struct TypeDef;

struct FieldDef {
  const char* name;
  Kind kind;
  const TypeDef* type = nullptr;        // kStruct, or kList whose items are structs
  bool repeated = false;                // maxOccurs="unbounded" directly in the parent
  const char* item = nullptr;           // kList: the item element inside the wrapper
  Kind item_kind = Kind::kString;       // kList with scalar items
  const char* companion_of = nullptr;   // a decimalPlaces field: written as 0 when absent
};

struct TypeDef {
  const char* name;
  std::vector<FieldDef> fields;
};

extern const TypeDef kSoapMplusDate;
extern const TypeDef kSoapMplusDateTime;
extern const TypeDef kAddress;
extern const TypeDef kLineData;
extern const TypeDef kLine;
extern const TypeDef kPayment;
extern const TypeDef kYearNumber;
extern const TypeDef kOrder;
extern const TypeDef kBarcode;
extern const TypeDef kArticle;
extern const TypeDef kProduct;
extern const TypeDef kRelation;
extern const TypeDef kGetProductsRequest;
extern const TypeDef kGetRelationsRequest;
extern const TypeDef kGetOrdersRequest;

// A SOAP fault to answer with HTTP 500. `code` is the faultcode, e.g. "SOAP-ENV:Client".
struct SoapFault : std::runtime_error {
  SoapFault(std::string code_, const std::string& message) : std::runtime_error(message), code(std::move(code_)) {}
  std::string code;
};

// The local part of an element name ("ns1:order" -> "order").
std::string_view local_name(const pugi::xml_node& node);
// The first element child whose local name is `name`, or an empty node.
pugi::xml_node child(const pugi::xml_node& node, std::string_view name);

// Reads the children of `node` into the JSON object `out` following `type`. Children
// are matched by local name in any order; unknown children are ignored; empty or
// missing list wrappers give empty arrays or no member. Throws SoapFault (Client)
// when an xsd:long/int/decimal/boolean element holds text of the wrong type.
void parse_struct(const pugi::xml_node& node, const TypeDef& type, JsonValue& out, JsonAlloc& a);
// Reads a scalar element; throws SoapFault as parse_struct does.
int64_t parse_long(const pugi::xml_node& node);
bool parse_bool(const pugi::xml_node& node);

// Adds decimalPlaces companions (as 0) wherever their quantity is present, recursively.
void fill_companions(JsonValue& obj, const TypeDef& type, JsonAlloc& a);

// Builds XML text with the "ns:" prefix on every element.
class XmlWriter {
 public:
  void open(std::string_view name);
  void close(std::string_view name);
  void leaf(std::string_view name, std::string_view text);
  void leaf(std::string_view name, int64_t value);
  void leaf_bool(std::string_view name, bool value);
  void empty(std::string_view name);
  // Writes `obj` as element `name` with its children in the sequence order of `type`.
  void structure(std::string_view name, const JsonValue& obj, const TypeDef& type);
  // Writes only the children of `obj`, in sequence order.
  void fields(const JsonValue& obj, const TypeDef& type);
  const std::string& str() const { return out_; }

 private:
  void scalar(std::string_view name, Kind kind, const JsonValue& v);
  std::string out_;
};

std::string xml_escape(std::string_view s);

// Wraps `body` (the response element) in the SOAP 1.1 envelope of API-MPLUS.md §1.5.
std::string soap_envelope(const std::string& body);
// A complete SOAP fault envelope.
std::string soap_fault_envelope(const std::string& code, const std::string& message);

}  // namespace lsmplus::sandbox::mplus
