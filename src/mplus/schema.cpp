#include "mplus/schema.hpp"

#include <algorithm>

namespace lsmplus::mplus::schema {

namespace generated {
#include "mplus/wsdl_schema.inc"
}  // namespace generated

namespace {

template <class Def>
const Def* find_by_name(std::span<const Def> table, std::string_view name) {
  auto it = std::lower_bound(table.begin(), table.end(), name,
                             [](const Def& def, std::string_view wanted) { return def.name < wanted; });
  if (it == table.end() || it->name != name) return nullptr;
  return &*it;
}

}  // namespace

std::string_view wsdl_version() {
  return generated::kWsdlVersion;
}

std::span<const ComplexTypeDef> complex_types() {
  return generated::kComplexTypes;
}
std::span<const EnumTypeDef> enum_types() {
  return generated::kEnumTypes;
}
std::span<const OperationDef> operations() {
  return generated::kOperations;
}

const ComplexTypeDef* find_complex_type(std::string_view name) {
  return find_by_name(complex_types(), name);
}
const EnumTypeDef* find_enum_type(std::string_view name) {
  return find_by_name(enum_types(), name);
}
const OperationDef* find_operation(std::string_view name) {
  return find_by_name(operations(), name);
}

const ElementDef* find_element(const ComplexTypeDef& type, std::string_view name) {
  for (const ElementDef& element : type.elements) {
    if (element.name == name) return &element;
  }
  return nullptr;
}

const ComplexTypeDef& complex_type_of(const ElementDef& element) {
  return generated::kComplexTypes[element.type_ref];
}
const EnumTypeDef& enum_type_of(const ElementDef& element) {
  return generated::kEnumTypes[element.type_ref];
}

const ComplexTypeDef& input_type_of(const OperationDef& operation) {
  return generated::kComplexTypes[operation.input_type];
}
const ComplexTypeDef& output_type_of(const OperationDef& operation) {
  return generated::kComplexTypes[operation.output_type];
}

bool enum_allows(const EnumTypeDef& type, std::string_view value) {
  return std::find(type.values.begin(), type.values.end(), value) != type.values.end();
}

}  // namespace lsmplus::mplus::schema
