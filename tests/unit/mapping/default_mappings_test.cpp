#include <catch2/catch.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <yaml-cpp/yaml.h>

#include "lsmplus/mapping/flow_mapping.hpp"
#include "support/paths.hpp"

using namespace lsmplus;
using namespace lsmplus::mapping;

namespace {

HostFunctions host_article() {
  CompileEnv::HostFunction f;
  f.name = "article";
  f.min_args = 1;
  f.max_args = 1;
  f.call = [](const std::vector<Value>&) -> Result<Value> { return Value::integer(4242); };
  return {f};
}

}  // namespace

TEST_CASE("every default mapping compiles and lints clean", "[mapping]") {
  for (const auto& shape : flow_shapes()) {
    INFO(shape.flow);
    std::vector<MappingDiagnostic> diags;
    auto m = FlowMapping::compile(shape.flow, nullptr, "test.yaml", host_article(), &diags);
    if (!m) FAIL(m.error().message);
    CHECK(diags.empty());
  }
}
