#include "lsmplus/mplus/soap_codec.hpp"

#include <charconv>
#include <cstdint>
#include <limits>

#include <pugixml.hpp>

#include "mplus/schema.hpp"

namespace lsmplus::mplus {

namespace {

using schema::ComplexTypeDef;
using schema::ElementDef;
using schema::ValueKind;

constexpr std::string_view kEnvelopeStart =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
    "xmlns:ns1=\"urn:mplusqapi\">"
    "<SOAP-ENV:Header/><SOAP-ENV:Body>";
constexpr std::string_view kEnvelopeEnd = "</SOAP-ENV:Body></SOAP-ENV:Envelope>";

bool is_integer_kind(ValueKind kind) {
  switch (kind) {
    case ValueKind::long_integer:
    case ValueKind::int_integer:
    case ValueKind::short_integer:
    case ValueKind::unsigned_long_integer:
    case ValueKind::unsigned_int_integer:
    case ValueKind::unsigned_short_integer:
    case ValueKind::unsigned_byte_integer:
      return true;
    default:
      return false;
  }
}

// The inclusive range of an integer kind, for values that fit int64 (unsigned long is checked
// separately since its top half does not).
std::pair<int64_t, int64_t> integer_range(ValueKind kind) {
  switch (kind) {
    case ValueKind::int_integer:
      return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
    case ValueKind::short_integer:
      return {std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max()};
    case ValueKind::unsigned_int_integer:
      return {0, std::numeric_limits<uint32_t>::max()};
    case ValueKind::unsigned_short_integer:
      return {0, std::numeric_limits<uint16_t>::max()};
    case ValueKind::unsigned_byte_integer:
      return {0, std::numeric_limits<uint8_t>::max()};
    case ValueKind::unsigned_long_integer:
      return {0, std::numeric_limits<int64_t>::max()};
    default:
      return {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()};
  }
}

// xsd:decimal lexical form: optional sign, digits with at most one '.', at least one digit.
bool is_decimal_text(std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  bool seen_digit = false, seen_dot = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      seen_digit = true;
    } else if (c == '.' && !seen_dot) {
      seen_dot = true;
    } else {
      return false;
    }
  }
  return seen_digit;
}

std::string_view trim_xml_whitespace(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

std::optional<int64_t> parse_int64(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::string_view local_name(std::string_view qualified) {
  auto colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

const char* json_type_name(const rapidjson::Value& v) {
  if (v.IsNull()) return "null";
  if (v.IsBool()) return "a boolean";
  if (v.IsObject()) return "an object";
  if (v.IsArray()) return "an array";
  if (v.IsString()) return "a string";
  if (v.IsInt64() || v.IsUint64()) return "an integer";
  return "a fractional number";
}

// An empty instance is schema-valid: strings, base64, and complex types with no required child.
bool can_be_written_empty(const ElementDef& element) {
  if (element.kind == ValueKind::string || element.kind == ValueKind::base64) return true;
  if (element.kind != ValueKind::complex) return false;
  for (const ElementDef& child : schema::complex_type_of(element).elements) {
    if (child.required) return false;
  }
  return true;
}

class RequestWriter {
 public:
  explicit RequestWriter(std::string& out) : out_(out) {}

  Result<void> write_children(const ComplexTypeDef& type, const rapidjson::Value& object,
                              const std::string& path) {
    for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
      std::string_view key(it->name.GetString(), it->name.GetStringLength());
      if (!schema::find_element(type, key)) {
        return make_error(ErrorClass::internal, "the Mplus type " + std::string(type.name) +
                                                    " has no element '" + std::string(key) + "' (at " + path +
                                                    ")");
      }
    }
    for (const ElementDef& element : type.elements) {
      std::string element_path = path + "." + std::string(element.name);
      auto member = object.FindMember(rapidjson::StringRef(element.name.data(), element.name.size()));
      const bool absent = member == object.MemberEnd() || member->value.IsNull();
      if (absent) {
        if (!element.required) continue;
        if (!can_be_written_empty(element)) {
          return make_error(ErrorClass::permanent, element_path + ": required element (" +
                                                       std::string(element.type_name) + ") is missing");
        }
        write_empty(element.name);
        continue;
      }
      const rapidjson::Value& value = member->value;
      if (element.repeated) {
        if (!value.IsArray()) {
          return make_error(
              ErrorClass::permanent,
              element_path + ": expected an array (the element repeats), got " + json_type_name(value));
        }
        for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
          auto written = write_element(element, value[i], element_path + "[" + std::to_string(i) + "]");
          if (!written) return written;
        }
      } else {
        auto written = write_element(element, value, element_path);
        if (!written) return written;
      }
    }
    return {};
  }

 private:
  void open_tag(std::string_view name) {
    out_ += "<ns1:";
    out_ += name;
    out_ += '>';
  }
  void close_tag(std::string_view name) {
    out_ += "</ns1:";
    out_ += name;
    out_ += '>';
  }
  void write_empty(std::string_view name) {
    out_ += "<ns1:";
    out_ += name;
    out_ += "/>";
  }

  Result<void> write_element(const ElementDef& element, const rapidjson::Value& value,
                             const std::string& path) {
    auto wrong_type = [&](const char* expected) {
      return make_error(ErrorClass::permanent, path + ": expected " + expected + " (" +
                                                   std::string(element.type_name) + "), got " +
                                                   json_type_name(value));
    };
    if (element.kind == ValueKind::complex) {
      if (!value.IsObject()) return wrong_type("an object");
      size_t mark = out_.size();
      open_tag(element.name);
      size_t content_start = out_.size();
      auto written = write_children(schema::complex_type_of(element), value, path);
      if (!written) return written;
      if (out_.size() == content_start) {
        out_.resize(mark);
        write_empty(element.name);
      } else {
        close_tag(element.name);
      }
      return {};
    }
    std::string text;
    if (is_integer_kind(element.kind)) {
      if (element.kind == ValueKind::unsigned_long_integer && value.IsUint64()) {
        text = std::to_string(value.GetUint64());
      } else {
        if (!value.IsInt64()) return wrong_type("an integer");
        auto [low, high] = integer_range(element.kind);
        int64_t number = value.GetInt64();
        if (number < low || number > high) {
          return make_error(ErrorClass::permanent, path + ": " + std::to_string(number) +
                                                       " is out of range for " +
                                                       std::string(element.type_name));
        }
        text = std::to_string(number);
      }
    } else if (element.kind == ValueKind::boolean) {
      if (!value.IsBool()) return wrong_type("true or false");
      text = value.GetBool() ? "true" : "false";
    } else {
      if (!value.IsString()) return wrong_type("a string");
      text.assign(value.GetString(), value.GetStringLength());
      if (element.kind == ValueKind::decimal && !is_decimal_text(text)) {
        return make_error(ErrorClass::permanent, path + ": '" + text + "' is not a decimal number");
      }
      if (element.kind == ValueKind::enumeration &&
          !schema::enum_allows(schema::enum_type_of(element), text)) {
        return make_error(ErrorClass::permanent, path + ": '" + text + "' is not a value of " +
                                                     std::string(schema::enum_type_of(element).name));
      }
    }
    if (text.empty()) {
      write_empty(element.name);
      return {};
    }
    open_tag(element.name);
    auto escaped = append_escaped(text);
    if (!escaped)
      return make_error(ErrorClass::permanent, path + ": contains a control character XML cannot carry");
    close_tag(element.name);
    return {};
  }

  // Appends `text` with XML escapes; false for control characters XML 1.0 forbids.
  bool append_escaped(std::string_view text) {
    for (char c : text) {
      switch (c) {
        case '&':
          out_ += "&amp;";
          break;
        case '<':
          out_ += "&lt;";
          break;
        case '>':
          out_ += "&gt;";
          break;
        case '\r':
          out_ += "&#13;";
          break;  // a literal CR would be normalised away by the parser
        case '\t':
        case '\n':
          out_ += c;
          break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) return false;
          out_ += c;
      }
    }
    return true;
  }

  std::string& out_;
};

// All character data of an element (text and CDATA pieces).
std::string text_of(pugi::xml_node node) {
  std::string text;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) text += child.value();
  }
  return text;
}

class ResponseReader {
 public:
  explicit ResponseReader(rapidjson::Document::AllocatorType& allocator) : allocator_(allocator) {}

  int unknown_elements() const { return unknown_elements_; }

  Result<void> read_children(const ComplexTypeDef& type, pugi::xml_node node, rapidjson::Value& object,
                             const std::string& path) {
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      std::string_view name = local_name(child.name());
      const ElementDef* element = schema::find_element(type, name);
      if (!element) {
        ++unknown_elements_;
        continue;
      }
      std::string element_path = path + "." + std::string(name);
      rapidjson::Value value;
      auto read = read_value(*element, child, value, element_path);
      if (!read) return read;
      rapidjson::Value key(element->name.data(), static_cast<rapidjson::SizeType>(element->name.size()),
                           allocator_);
      auto existing = object.FindMember(key);
      if (element->repeated) {
        if (existing == object.MemberEnd()) {
          rapidjson::Value list(rapidjson::kArrayType);
          list.PushBack(value, allocator_);
          object.AddMember(key, list, allocator_);
        } else {
          existing->value.PushBack(value, allocator_);
        }
      } else {
        if (existing != object.MemberEnd()) {
          return make_error(ErrorClass::protocol,
                            element_path + ": appears more than once but the WSDL allows one");
        }
        object.AddMember(key, value, allocator_);
      }
    }
    return {};
  }

 private:
  Result<void> read_value(const ElementDef& element, pugi::xml_node node, rapidjson::Value& out,
                          const std::string& path) {
    if (element.kind == ValueKind::complex) {
      out.SetObject();
      return read_children(schema::complex_type_of(element), node, out, path);
    }
    std::string text = text_of(node);
    auto invalid = [&](const char* expected) {
      return make_error(ErrorClass::protocol, path + ": '" + text + "' is not " + expected + " (" +
                                                  std::string(element.type_name) + ")");
    };
    if (is_integer_kind(element.kind)) {
      auto number = parse_int64(trim_xml_whitespace(text));
      if (!number) return invalid("an integer");
      out.SetInt64(*number);
    } else if (element.kind == ValueKind::boolean) {
      std::string_view trimmed = trim_xml_whitespace(text);
      if (trimmed == "true" || trimmed == "1") {
        out.SetBool(true);
      } else if (trimmed == "false" || trimmed == "0") {
        out.SetBool(false);
      } else {
        return invalid("a boolean");
      }
    } else if (element.kind == ValueKind::decimal) {
      std::string_view trimmed = trim_xml_whitespace(text);
      if (!is_decimal_text(trimmed)) return invalid("a decimal number");
      out.SetString(trimmed.data(), static_cast<rapidjson::SizeType>(trimmed.size()), allocator_);
    } else {
      out.SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator_);
    }
    return {};
  }

  rapidjson::Document::AllocatorType& allocator_;
  int unknown_elements_ = 0;
};

pugi::xml_node child_by_local_name(pugi::xml_node parent, std::string_view name) {
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element && local_name(child.name()) == name) return child;
  }
  return {};
}

pugi::xml_node first_element_child(pugi::xml_node parent) {
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element) return child;
  }
  return {};
}

Error unknown_operation(std::string_view operation) {
  return make_error(ErrorClass::internal, "the Mplus operation '" + std::string(operation) +
                                              "' is not in the schema tables (scripts/gen-mplus-schema)");
}

}  // namespace

bool is_known_operation(std::string_view operation) {
  return schema::find_operation(operation) != nullptr;
}

Result<std::string> encode_request(std::string_view operation, const rapidjson::Value& request) {
  const schema::OperationDef* op = schema::find_operation(operation);
  if (!op) return unknown_operation(operation);
  if (!request.IsNull() && !request.IsObject()) {
    return make_error(
        ErrorClass::internal,
        std::string(operation) + ": the request must be a JSON object, got " + json_type_name(request));
  }
  std::string out(kEnvelopeStart);
  size_t element_start = out.size();
  out += "<ns1:";
  out += op->input_element;
  out += '>';
  size_t content_start = out.size();
  static const rapidjson::Value kNoChildren(rapidjson::kObjectType);
  RequestWriter writer(out);
  auto written = writer.write_children(schema::input_type_of(*op), request.IsObject() ? request : kNoChildren,
                                       std::string(operation));
  if (!written) return written.error();
  if (out.size() == content_start) {
    out.resize(element_start);
    out += "<ns1:";
    out += op->input_element;
    out += "/>";
  } else {
    out += "</ns1:";
    out += op->input_element;
    out += '>';
  }
  out += kEnvelopeEnd;
  return out;
}

Result<DecodedResponse> decode_response(std::string_view operation, std::string_view xml) {
  const schema::OperationDef* op = schema::find_operation(operation);
  if (!op) return unknown_operation(operation);
  std::string context(operation);
  pugi::xml_document document;
  pugi::xml_parse_result parsed =
      document.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) {
    return make_error(ErrorClass::protocol, context + ": the response is not XML (" + parsed.description() +
                                                " at offset " + std::to_string(parsed.offset) + ")");
  }
  pugi::xml_node envelope = document.document_element();
  if (local_name(envelope.name()) != "Envelope") {
    return make_error(
        ErrorClass::protocol,
        context + ": the response is not a SOAP envelope (root element <" + envelope.name() + ">)");
  }
  pugi::xml_node body = child_by_local_name(envelope, "Body");
  if (!body) return make_error(ErrorClass::protocol, context + ": the SOAP envelope has no Body");
  pugi::xml_node content = first_element_child(body);
  if (!content) return make_error(ErrorClass::protocol, context + ": the SOAP Body is empty");

  DecodedResponse response;
  std::string_view content_name = local_name(content.name());
  if (content_name == "Fault") {
    SoapFault fault;
    fault.code = std::string(trim_xml_whitespace(text_of(child_by_local_name(content, "faultcode"))));
    fault.message = std::string(trim_xml_whitespace(text_of(child_by_local_name(content, "faultstring"))));
    response.fault = std::move(fault);
    return response;
  }
  if (content_name != op->output_element) {
    return make_error(ErrorClass::protocol, context + ": expected the response element " +
                                                std::string(op->output_element) + ", got " +
                                                std::string(content_name));
  }
  ResponseReader reader(response.body.GetAllocator());
  auto read =
      reader.read_children(schema::output_type_of(*op), content, response.body, std::string(content_name));
  if (!read) return read.error();
  response.unknown_elements = reader.unknown_elements();
  return response;
}

std::string_view fault_code_local_part(const SoapFault& fault) {
  return local_name(fault.code);
}

}  // namespace lsmplus::mplus
