// Shared helpers of the integration tests: a sandbox, a state folder and the real lsmplus binary.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "support/paths.hpp"
#include "support/process.hpp"

namespace lsmplus::testing {

// One test's world: a running sandbox and a fresh state folder.
struct World {
  explicit World(const std::vector<std::string>& sandbox_args = {"--seed", "demo"})
      : sandbox(sandbox_args), dir(temp_dir("lsmplus-it")) {}

  // Runs `lsmplus ARGS --config examples/sandbox.yaml` with this world's environment plus `env`.
  CommandResult lsmplus(std::vector<std::string> args, const std::map<std::string, std::string>& env = {}) const {
    std::vector<std::string> argv{bin("lsmplus").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--config");
    argv.push_back((source_dir() / "examples" / "sandbox.yaml").string());
    auto e = sandbox.env();
    e["LSMPLUS_STATE"] = state_path().string();
    for (const auto& [k, v] : env) e[k] = v;
    return run_command(argv, e);
  }

  std::filesystem::path state_path() const { return dir / "state.db"; }

  rapidjson::Document mplus_state() const { return parse(sandbox.mplus_state()); }
  rapidjson::Document lightspeed_state() const { return parse(sandbox.lightspeed_state()); }

  static rapidjson::Document parse(const std::string& json) {
    rapidjson::Document doc;
    doc.Parse(json.c_str());
    if (doc.HasParseError()) throw std::runtime_error("sandbox state is not JSON: " + json.substr(0, 200));
    return doc;
  }

  Sandbox sandbox;
  std::filesystem::path dir;
};

// The Lightspeed orders in `state` (from /_sandbox/state) whose status is `status`.
inline std::vector<const rapidjson::Value*> orders_with_status(const rapidjson::Document& state, const std::string& status) {
  std::vector<const rapidjson::Value*> out;
  for (const auto& o : state["orders"].GetArray()) {
    if (o.HasMember("status") && o["status"].IsString() && status == o["status"].GetString()) out.push_back(&o);
  }
  return out;
}

// How many Mplus orders carry `ext_order_id`.
inline int count_ext_order_id(const rapidjson::Document& mplus, const std::string& ext_order_id) {
  int n = 0;
  for (const auto& o : mplus["orders"].GetArray()) {
    if (o.HasMember("extOrderId") && ext_order_id == o["extOrderId"].GetString()) ++n;
  }
  return n;
}

// An order from the Lightspeed /_sandbox/state, changed by `change`, as the API's own document:
// {"order": {...}} with the lines embedded in products.resource (the state lists them inline).
// For POST /_sandbox/lightspeed/orders and --seed-dir files.
inline std::string api_order_document(const rapidjson::Value& state_order,
                                      const std::function<void(rapidjson::Document&)>& change) {
  rapidjson::Document order;
  order.CopyFrom(state_order, order.GetAllocator());
  change(order);
  auto& a = order.GetAllocator();
  rapidjson::Value lines(rapidjson::kArrayType);
  lines.CopyFrom(order["products"], a);
  rapidjson::Value resource(rapidjson::kObjectType);
  resource.AddMember("id", false, a);
  resource.AddMember("embedded", lines, a);
  order["products"].SetObject();
  order["products"].AddMember("resource", resource, a);
  rapidjson::Document doc(rapidjson::kObjectType);
  doc.AddMember("order", order, doc.GetAllocator());
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  doc.Accept(w);
  return buf.GetString();
}

// Runs the lsmplus binary with `args` (no config added) and extra environment variables.
inline CommandResult run_lsmplus(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {}) {
  std::vector<std::string> argv{bin("lsmplus").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, env);
}

// A one-line description of a command's outcome for failure messages.
inline std::string describe(const CommandResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\nstdout:\n" + r.out + "\nstderr:\n" + r.err;
}

}  // namespace lsmplus::testing
