// The command line's contract: exit codes and messages that need no sandbox.
#include <catch2/catch.hpp>

#include <fstream>

#include "harness.hpp"

using namespace lsmplus::testing;

TEST_CASE("--version and --help exit 0", "[integration][cli]") {
  auto v = run_lsmplus({"--version"});
  CHECK(v.exit_code == 0);
  CHECK_THAT(v.out, Catch::Contains("lsmplus"));
  for (const char* sub : {"sync", "check", "lint", "map", "status"}) {
    auto h = run_lsmplus({sub, "--help"});
    INFO(sub << ": " << describe(h));
    CHECK(h.exit_code == 0);
  }
}

TEST_CASE("usage errors exit 64", "[integration][cli]") {
  CHECK(run_lsmplus({}).exit_code == 64);
  CHECK(run_lsmplus({"frobnicate"}).exit_code == 64);
  CHECK(run_lsmplus({"sync"}).exit_code == 64);
  auto unknown_flow = run_lsmplus({"sync", "invoices"});
  CHECK(unknown_flow.exit_code == 64);
  CHECK_THAT(unknown_flow.err, Catch::Contains("unknown flow"));
  CHECK(run_lsmplus({"sync", "orders", "--since", "last tuesday"}).exit_code == 64);
}

TEST_CASE("flows and commands not built yet say so and exit 64", "[integration][cli]") {
  auto stock = run_lsmplus({"sync", "stock"});
  CHECK(stock.exit_code == 64);
  CHECK_THAT(stock.err, Catch::Contains("not built yet"));
  auto dlq = run_lsmplus({"dlq", "list"});
  CHECK(dlq.exit_code == 64);
  CHECK_THAT(dlq.err, Catch::Contains("not built yet"));
}

TEST_CASE("a config error exits 78 and names file, line, column and key", "[integration][cli]") {
  auto dir = temp_dir("lsmplus-cli");
  auto path = dir / "bad.yaml";
  std::ofstream(path) << "lightspeed:\n  base_url: http://127.0.0.1:1\n  api_key: k\n  api_secret: s\n"
                         "mplus:\n  url: http://127.0.0.1:2\n  ident: i\n  secret: s\n  employe_number: 5\n";
  auto lint = run_lsmplus({"lint", "--config", path.string()});
  INFO(describe(lint));
  CHECK(lint.exit_code == 78);
  CHECK_THAT(lint.err, Catch::Contains("bad.yaml:9:3") && Catch::Contains("employe_number") &&
                           Catch::Contains("employee_number"));
  auto sync = run_lsmplus({"sync", "orders", "--config", path.string()});
  CHECK(sync.exit_code == 78);
  // The config file comes from $LSMPLUS_CONFIG when --config is not given.
  auto from_env = run_lsmplus({"lint"}, {{"LSMPLUS_CONFIG", path.string()}});
  CHECK(from_env.exit_code == 78);
  CHECK_THAT(from_env.err, Catch::Contains("bad.yaml"));
}
