#include "lsmplus/state/flow_lock.hpp"

#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "support/paths.hpp"

namespace fs = std::filesystem;
using lsmplus::ErrorClass;
using lsmplus::state::FlowLock;

namespace {

// Tries the lock in a forked child; returns the child's exit code (0 acquired, 75 temporary,
// 73 state_io).
int acquire_in_child(const std::string& state_path, const std::string& flow) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    auto lock = FlowLock::acquire(state_path, flow);
    ::_exit(lock.ok() ? 0 : lsmplus::exit_code_for(lock.error().cls));
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

}  // namespace

TEST_CASE("a held flow lock makes a second acquire fail with temporary", "[state]") {
  std::string state = (lsmplus::testing::temp_dir("lsmplus-lock") / "shop.db").string();
  auto first = FlowLock::acquire(state, "orders");
  REQUIRE(first.ok());
  CHECK((*first)->path() == state + ".orders.lock");
  CHECK(lsmplus::testing::read_file((*first)->path()) == std::to_string(::getpid()) + "\n");

  auto second = FlowLock::acquire(state, "orders");
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().cls == ErrorClass::temporary);
  CHECK(second.error().message ==
        "another `lsmplus sync orders` is running (lock " + state + ".orders.lock held)");

  CHECK(acquire_in_child(state, "orders") == 75);
}

TEST_CASE("different flows lock independently", "[state]") {
  std::string state = (lsmplus::testing::temp_dir("lsmplus-lock") / "shop.db").string();
  auto orders = FlowLock::acquire(state, "orders");
  REQUIRE(orders.ok());
  auto stock = FlowLock::acquire(state, "stock");
  REQUIRE(stock.ok());
  CHECK(acquire_in_child(state, "products") == 0);
}

TEST_CASE("releasing a flow lock allows the next acquire", "[state]") {
  std::string state = (lsmplus::testing::temp_dir("lsmplus-lock") / "shop.db").string();
  {
    auto lock = FlowLock::acquire(state, "orders");
    REQUIRE(lock.ok());
    CHECK(acquire_in_child(state, "orders") == 75);
  }
  CHECK(acquire_in_child(state, "orders") == 0);
  auto again = FlowLock::acquire(state, "orders");
  CHECK(again.ok());
}

TEST_CASE("a lock file that cannot be created gives state_io", "[state]") {
  fs::path dir = lsmplus::testing::temp_dir("lsmplus-lock");
  std::ofstream(dir / "file") << "x";
  auto lock = FlowLock::acquire((dir / "file" / "shop.db").string(), "orders");
  REQUIRE_FALSE(lock.ok());
  CHECK(lock.error().cls == ErrorClass::state_io);
  CHECK(lock.error().message.find((dir / "file" / "shop.db.orders.lock").string()) != std::string::npos);
}
