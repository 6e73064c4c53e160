// The Mplus schema tables: the part of mplusqapi.wsdl the connector uses, generated into
// wsdl_schema.inc by scripts/gen-mplus-schema. Element order, optionality, list-ness and value
// types for the SOAP codec come from here, never from hand-written per-call code.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace lsmplus::mplus::schema {

// What an element holds. Every integer kind travels as a JSON int64; decimal, date, date_time,
// base64, string and enumeration as JSON strings; boolean as JSON true/false.
enum class ValueKind : std::uint8_t {
  complex,
  enumeration,
  string,
  boolean,
  long_integer,
  int_integer,
  short_integer,
  unsigned_long_integer,
  unsigned_int_integer,
  unsigned_short_integer,
  unsigned_byte_integer,
  decimal,
  date,
  date_time,
  base64,
};

inline constexpr std::uint16_t kNoTypeRef = 0xFFFF;

// One element of a complexType's sequence.
struct ElementDef {
  std::string_view name;
  std::string_view type_name;  // as written in the WSDL: "xsd:long", "tns:Order"
  ValueKind kind;
  std::uint16_t type_ref;  // index of the complex or enum type; kNoTypeRef for built-ins
  bool required;           // minOccurs is 1
  bool repeated;           // maxOccurs is unbounded
};

struct ComplexTypeDef {
  std::string_view name;                 // anonymous operation input types take their element's name
  std::string_view base;                 // extension base, or empty; its elements come first in `elements`
  std::span<const ElementDef> elements;  // in sequence (wire) order
  bool anonymous;
};

struct EnumTypeDef {
  std::string_view name;
  std::span<const std::string_view> values;
};

struct OperationDef {
  std::string_view name;
  std::string_view input_element;
  std::uint16_t input_type;
  std::string_view output_element;
  std::uint16_t output_type;
};

// The WSDL version the tables were generated from ("67.1.3").
std::string_view wsdl_version();

// All tables, sorted by name.
std::span<const ComplexTypeDef> complex_types();
std::span<const EnumTypeDef> enum_types();
std::span<const OperationDef> operations();

// Lookups by exact name; nullptr when the tables do not hold it.
const ComplexTypeDef* find_complex_type(std::string_view name);
const EnumTypeDef* find_enum_type(std::string_view name);
const OperationDef* find_operation(std::string_view name);
const ElementDef* find_element(const ComplexTypeDef& type, std::string_view name);

// The type an element refers to. Precondition: element.kind is complex (resp. enumeration).
const ComplexTypeDef& complex_type_of(const ElementDef& element);
const EnumTypeDef& enum_type_of(const ElementDef& element);

// An operation's input and output element types.
const ComplexTypeDef& input_type_of(const OperationDef& operation);
const ComplexTypeDef& output_type_of(const OperationDef& operation);

// Whether `value` is one of the enumeration's values.
bool enum_allows(const EnumTypeDef& type, std::string_view value);

}  // namespace lsmplus::mplus::schema
