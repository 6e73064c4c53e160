// A small validator for Mplus SOAP messages, written for the tests and independent of the
// generated schema tables: it reads the vendor's mplusqapi.wsdl with pugixml at test time and
// checks XML against it. So a mistake in scripts/gen-mplus-schema or the codec cannot hide
// behind the same mistake in the check.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <pugixml.hpp>

namespace lsmplus::testing {

class WsdlValidator {
 public:
  // One element declaration of a sequence, with the type as the WSDL writes it ("xsd:long").
  struct Particle {
    std::string name;
    std::string type;
    bool required = true;
    bool repeated = false;
    bool operator==(const Particle&) const = default;
  };

  // Loads the WSDL; fails the calling test when it cannot.
  explicit WsdlValidator(const std::filesystem::path& wsdl);

  // The element sequence of a complexType (extension bases first) or, for an operation input
  // element with an inline type, of that element's type. Fails the test for an unknown name.
  std::vector<Particle> sequence_of(const std::string& type_name) const;
  // The extension base of a complexType, or "".
  std::string base_of(const std::string& type_name) const;
  bool is_complex_type(const std::string& type_name) const;
  // The enumeration values of a simpleType; empty when there is no such simpleType.
  std::vector<std::string> enum_values(const std::string& type_name) const;

  // An operation's input and output element names (portType → message → part element).
  std::string input_element(const std::string& operation) const;
  std::string output_element(const std::string& operation) const;

  // Problems with a whole request envelope for `operation` (empty when valid): the SOAP 1.1
  // Envelope and Body, the operation's input element and, recursively, everything inside it:
  // namespace urn:mplusqapi, sequence order, minOccurs/maxOccurs, lexical form of simple values.
  std::vector<std::string> validate_request(const std::string& envelope_xml,
                                            const std::string& operation) const;

  // Problems with the content of `element` checked against the named complexType (or inline
  // input type); `path` prefixes the messages.
  std::vector<std::string> validate_content(pugi::xml_node element, const std::string& type_name,
                                            const std::string& path) const;

 private:
  void check_simple(pugi::xml_node element, const std::string& type, const std::string& path,
                    std::vector<std::string>& problems) const;
  pugi::xml_node type_node(const std::string& type_name) const;

  pugi::xml_document document_;
  std::map<std::string, pugi::xml_node> complex_types_;
  std::map<std::string, pugi::xml_node> simple_types_;
  std::map<std::string, pugi::xml_node> elements_;
  std::map<std::string, std::string> message_elements_;
  std::map<std::string, std::pair<std::string, std::string>> operations_;
};

// The namespace URI of an element, resolved through the xmlns declarations of it and its
// ancestors ("" when undeclared).
std::string namespace_uri_of(pugi::xml_node element);

}  // namespace lsmplus::testing
