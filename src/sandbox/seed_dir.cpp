#include "seed_dir.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/core.h>
#include <pugixml.hpp>
#include <rapidjson/error/en.h>

#include "mplus_schema.hpp"
#include "time_util.hpp"

namespace lsmplus::sandbox {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> files_with(const fs::path& dir, const std::string& ext, bool recursive) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  if (recursive) {
    for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
      if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path());
    }
  } else {
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

std::string load_lightspeed_file(LightspeedState& ls, const fs::path& path) {
  std::string text;
  if (!read_file(path, text)) return "cannot read file";
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  if (doc.HasParseError()) {
    return fmt::format("invalid JSON: {} at offset {}", rapidjson::GetParseError_En(doc.GetParseError()),
                       doc.GetErrorOffset());
  }
  if (member(doc, "order")) return ingest_lightspeed_order(ls, doc, now_epoch());
  return ingest_lightspeed_resource(ls, doc);
}

std::string load_mplus_file(MplusState& mp, const fs::path& path) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_file(path.c_str());
  if (!parsed) return fmt::format("malformed XML: {} at offset {}", parsed.description(), parsed.offset);
  pugi::xml_node root = doc.document_element();
  if (mplus::local_name(root) == "Envelope") {
    pugi::xml_node body = mplus::child(root, "Body");
    root = body ? body.find_child([](const pugi::xml_node& n) { return n.type() == pugi::node_element; })
                : pugi::xml_node();
    if (!root) return "SOAP envelope without a response element in its Body";
  }
  std::string_view name = mplus::local_name(root);
  struct Kind {
    const char* list;
    const char* item;
    const mplus::TypeDef* type;
    std::string (*ingest)(MplusState&, JsonValue&&);
  };
  Kind kind{};
  if (name == "GetProductsResponse") {
    kind = {"productList", "product", &mplus::kProduct, ingest_mplus_product};
  } else if (name == "GetRelationsResponse") {
    kind = {"relationList", "relation", &mplus::kRelation, ingest_mplus_relation};
  } else if (name == "GetOrdersResponse") {
    kind = {"orderList", "order", &mplus::kOrder, ingest_mplus_order};
  } else {
    return fmt::format("unsupported root element '{}' (expected GetProductsResponse, GetRelationsResponse or "
                       "GetOrdersResponse)",
                       name);
  }
  pugi::xml_node list = mplus::child(root, kind.list);
  int index = 0;
  try {
    for (pugi::xml_node item = list.first_child(); item; item = item.next_sibling()) {
      if (item.type() != pugi::node_element || mplus::local_name(item) != kind.item) continue;
      ++index;
      rapidjson::Document d(rapidjson::kObjectType);
      mplus::parse_struct(item, *kind.type, d, d.GetAllocator());
      mplus::fill_companions(d, *kind.type, d.GetAllocator());
      std::string error = kind.ingest(mp, std::move(d));
      if (!error.empty()) return fmt::format("{} #{}: {}", kind.item, index, error);
    }
  } catch (const mplus::SoapFault& f) {
    return fmt::format("{} #{}: {}", kind.item, index, f.what());
  }
  return "";
}

}  // namespace

std::string load_seed_dir(EmulatorState& state, const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return fmt::format("{}: not a directory", dir);
  fs::path root(dir);
  if (!fs::is_directory(root / "lightspeed", ec) && !fs::is_directory(root / "mplus", ec)) {
    return fmt::format("{}: contains neither a lightspeed/ nor an mplus/ directory", dir);
  }
  for (const fs::path& f : files_with(root / "lightspeed", ".json", true)) {
    std::string error = load_lightspeed_file(state.lightspeed, f);
    if (!error.empty()) return fmt::format("{}: {}", f.string(), error);
  }
  for (const fs::path& f : files_with(root / "mplus", ".xml", false)) {
    std::string error = load_mplus_file(state.mplus, f);
    if (!error.empty()) return fmt::format("{}: {}", f.string(), error);
  }
  return "";
}

}  // namespace lsmplus::sandbox
