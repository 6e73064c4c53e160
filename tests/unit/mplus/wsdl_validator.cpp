#include "unit/mplus/wsdl_validator.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <regex>

namespace lsmplus::testing {

namespace {

constexpr const char* kMplusNs = "urn:mplusqapi";
constexpr const char* kSoapEnvNs = "http://schemas.xmlsoap.org/soap/envelope/";

std::string after_colon(const std::string& qname) {
  auto colon = qname.find(':');
  return colon == std::string::npos ? qname : qname.substr(colon + 1);
}

std::string prefix_of(const std::string& qname) {
  auto colon = qname.find(':');
  return colon == std::string::npos ? std::string() : qname.substr(0, colon);
}

std::vector<pugi::xml_node> element_children(pugi::xml_node node) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element) out.push_back(child);
  }
  return out;
}

std::string text_of(pugi::xml_node node) {
  std::string text;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) text += child.value();
  }
  return text;
}

bool integer_in_range(const std::string& text, long double low, long double high) {
  static const std::regex kInteger("[+-]?[0-9]+");
  if (!std::regex_match(text, kInteger)) return false;
  try {
    long double value = std::stold(text);
    return value >= low && value <= high;
  } catch (...) {
    return false;
  }
}

}  // namespace

std::string namespace_uri_of(pugi::xml_node element) {
  std::string prefix = prefix_of(element.name());
  std::string attribute = prefix.empty() ? "xmlns" : "xmlns:" + prefix;
  for (pugi::xml_node node = element; node && node.type() == pugi::node_element; node = node.parent()) {
    if (pugi::xml_attribute declared = node.attribute(attribute.c_str())) return declared.value();
  }
  return "";
}

WsdlValidator::WsdlValidator(const std::filesystem::path& wsdl) {
  pugi::xml_parse_result parsed = document_.load_file(wsdl.c_str());
  if (!parsed) FAIL("cannot parse " << wsdl.string() << ": " << parsed.description());
  pugi::xml_node definitions = document_.document_element();
  pugi::xml_node schema = definitions.child("types").child("xsd:schema");
  REQUIRE(schema);
  for (pugi::xml_node node : schema.children()) {
    std::string kind = node.name();
    std::string name = node.attribute("name").value();
    if (kind == "complexType") complex_types_[name] = node;
    if (kind == "simpleType") simple_types_[name] = node;
    if (kind == "element") elements_[name] = node;
  }
  for (pugi::xml_node message : definitions.children("message")) {
    message_elements_[message.attribute("name").value()] =
        after_colon(message.child("part").attribute("element").value());
  }
  for (pugi::xml_node op : definitions.child("portType").children("operation")) {
    operations_[op.attribute("name").value()] = {
        message_elements_[after_colon(op.child("input").attribute("message").value())],
        message_elements_[after_colon(op.child("output").attribute("message").value())]};
  }
  REQUIRE(complex_types_.size() > 1000);
  REQUIRE(operations_.size() > 300);
}

pugi::xml_node WsdlValidator::type_node(const std::string& type_name) const {
  if (auto it = complex_types_.find(type_name); it != complex_types_.end()) return it->second;
  if (auto it = elements_.find(type_name); it != elements_.end() && it->second.child("complexType")) {
    return it->second.child("complexType");
  }
  return {};
}

bool WsdlValidator::is_complex_type(const std::string& type_name) const {
  return bool(type_node(type_name));
}

std::vector<WsdlValidator::Particle> WsdlValidator::sequence_of(const std::string& type_name) const {
  pugi::xml_node type = type_node(type_name);
  if (!type) FAIL("the WSDL has no complexType or inline-typed element named " << type_name);
  std::vector<Particle> particles;
  pugi::xml_node sequence = type.child("sequence");
  if (pugi::xml_node extension = type.child("complexContent").child("extension")) {
    particles = sequence_of(after_colon(extension.attribute("base").value()));
    sequence = extension.child("sequence");
  }
  for (pugi::xml_node element : sequence.children("element")) {
    Particle particle;
    particle.name = element.attribute("name").value();
    particle.type = element.attribute("type").value();
    particle.required = std::string(element.attribute("minOccurs").as_string("1")) != "0";
    particle.repeated = std::string(element.attribute("maxOccurs").as_string("1")) == "unbounded";
    particles.push_back(particle);
  }
  return particles;
}

std::string WsdlValidator::base_of(const std::string& type_name) const {
  pugi::xml_node type = type_node(type_name);
  return after_colon(type.child("complexContent").child("extension").attribute("base").value());
}

std::vector<std::string> WsdlValidator::enum_values(const std::string& type_name) const {
  std::vector<std::string> values;
  auto it = simple_types_.find(type_name);
  if (it == simple_types_.end()) return values;
  for (pugi::xml_node value : it->second.child("restriction").children("enumeration")) {
    values.push_back(value.attribute("value").value());
  }
  return values;
}

std::string WsdlValidator::input_element(const std::string& operation) const {
  auto it = operations_.find(operation);
  return it == operations_.end() ? std::string() : it->second.first;
}

std::string WsdlValidator::output_element(const std::string& operation) const {
  auto it = operations_.find(operation);
  return it == operations_.end() ? std::string() : it->second.second;
}

std::vector<std::string> WsdlValidator::validate_request(const std::string& envelope_xml,
                                                         const std::string& operation) const {
  std::vector<std::string> problems;
  pugi::xml_document request;
  if (!request.load_string(envelope_xml.c_str())) return {"not well-formed XML"};
  pugi::xml_node envelope = request.document_element();
  if (after_colon(envelope.name()) != "Envelope" || namespace_uri_of(envelope) != kSoapEnvNs) {
    return {"the root is not a SOAP 1.1 Envelope"};
  }
  pugi::xml_node body;
  for (pugi::xml_node child : element_children(envelope)) {
    if (after_colon(child.name()) == "Body" && namespace_uri_of(child) == kSoapEnvNs) body = child;
  }
  if (!body) return {"no SOAP Body"};
  auto content = element_children(body);
  if (content.size() != 1) return {"the Body must hold exactly one element"};
  std::string expected = input_element(operation);
  if (expected.empty()) return {"the WSDL has no operation " + operation};
  if (after_colon(content[0].name()) != expected) {
    problems.push_back("the Body holds <" + std::string(content[0].name()) + ">, expected " + expected);
  }
  if (namespace_uri_of(content[0]) != kMplusNs)
    problems.push_back(expected + ": not in namespace urn:mplusqapi");
  pugi::xml_node element_decl = elements_.at(expected);
  std::string type =
      element_decl.attribute("type") ? after_colon(element_decl.attribute("type").value()) : expected;
  auto inner = validate_content(content[0], type, expected);
  problems.insert(problems.end(), inner.begin(), inner.end());
  return problems;
}

std::vector<std::string> WsdlValidator::validate_content(pugi::xml_node element, const std::string& type_name,
                                                         const std::string& path) const {
  std::vector<std::string> problems;
  auto children = element_children(element);
  size_t next = 0;
  for (const Particle& particle : sequence_of(type_name)) {
    int count = 0;
    while (next < children.size() && after_colon(children[next].name()) == particle.name) {
      pugi::xml_node child = children[next];
      std::string child_path =
          path + "/" + particle.name + (particle.repeated ? "[" + std::to_string(count) + "]" : "");
      if (namespace_uri_of(child) != kMplusNs)
        problems.push_back(child_path + ": not in namespace urn:mplusqapi");
      std::string child_type = after_colon(particle.type);
      if (prefix_of(particle.type) == "tns" && is_complex_type(child_type)) {
        if (!std::regex_match(text_of(child), std::regex("\\s*")))
          problems.push_back(child_path + ": text in a complex element");
        auto inner = validate_content(child, child_type, child_path);
        problems.insert(problems.end(), inner.begin(), inner.end());
      } else {
        check_simple(child, particle.type, child_path, problems);
      }
      ++count;
      ++next;
    }
    if (count == 0 && particle.required)
      problems.push_back(path + ": required element " + particle.name + " is missing");
    if (count > 1 && !particle.repeated)
      problems.push_back(path + ": " + particle.name + " appears " + std::to_string(count) + " times");
  }
  for (; next < children.size(); ++next) {
    problems.push_back(path + ": unexpected element " + std::string(children[next].name()) + " (not in " +
                       type_name + ", or out of sequence order)");
  }
  return problems;
}

void WsdlValidator::check_simple(pugi::xml_node element, const std::string& type, const std::string& path,
                                 std::vector<std::string>& problems) const {
  if (!element_children(element).empty()) {
    problems.push_back(path + ": child elements in a simple value");
    return;
  }
  const std::string text = text_of(element);
  auto bad = [&](const std::string& what) { problems.push_back(path + ": '" + text + "' is not " + what); };
  using limits64 = std::numeric_limits<int64_t>;
  if (type == "xsd:long") {
    if (!integer_in_range(text, static_cast<long double>(limits64::min()),
                          static_cast<long double>(limits64::max())))
      bad("an xsd:long");
  } else if (type == "xsd:int") {
    if (!integer_in_range(text, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()))
      bad("an xsd:int");
  } else if (type == "xsd:short") {
    if (!integer_in_range(text, std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max()))
      bad("an xsd:short");
  } else if (type == "xsd:boolean") {
    if (text != "true" && text != "false" && text != "1" && text != "0") bad("an xsd:boolean");
  } else if (type == "xsd:decimal") {
    if (!std::regex_match(text, std::regex("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)"))) bad("an xsd:decimal");
  } else if (type == "xsd:date") {
    if (!std::regex_match(text, std::regex("-?[0-9]{4}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?")))
      bad("an xsd:date");
  } else if (type == "xsd:dateTime") {
    if (!std::regex_match(text, std::regex("-?[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+"
                                           ")?(Z|[+-][0-9]{2}:[0-9]{2})?")))
      bad("an xsd:dateTime");
  } else if (type == "xsd:string") {
  } else if (prefix_of(type) == "tns") {
    auto values = enum_values(after_colon(type));
    if (values.empty()) {
      problems.push_back(path + ": unknown type " + type);
    } else if (std::find(values.begin(), values.end(), text) == values.end()) {
      bad("a value of " + type);
    }
  }
}

}  // namespace lsmplus::testing
