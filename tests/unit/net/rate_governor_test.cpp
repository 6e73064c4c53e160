#include <catch2/catch.hpp>

#include "lsmplus/net/rate_governor.hpp"

using lsmplus::net::RateGovernor;
using namespace std::chrono_literals;

namespace {
struct FakeClock {
  RateGovernor::Clock::time_point now{};
};
}  // namespace

TEST_CASE("the governor keeps to its per-second limit", "[net]") {
  FakeClock clock;
  RateGovernor governor(3);
  governor.set_clock([&] { return clock.now; });
  CHECK(governor.acquire() == 0ms);
  CHECK(governor.acquire() == 0ms);
  CHECK(governor.acquire() == 0ms);
  // The fourth start in the same second waits for the first to leave the window.
  CHECK(governor.acquire() == 1000ms);
  clock.now += 2s;
  CHECK(governor.acquire() == 0ms);
}

TEST_CASE("an exhausted window (-1) blocks until its reset", "[net]") {
  FakeClock clock;
  RateGovernor governor(10);
  governor.set_clock([&] { return clock.now; });
  governor.observe({{"x-ratelimit-limit", "300/3000/12000"},
                    {"x-ratelimit-remaining", "-1/2900/11000"},
                    {"x-ratelimit-reset", "37/2063/23663"}});
  CHECK(governor.acquire() == 38s);
}

TEST_CASE("a nearly exhausted window is not run dry", "[net]") {
  FakeClock clock;
  RateGovernor governor(10);
  governor.set_clock([&] { return clock.now; });
  governor.observe({{"x-ratelimit-remaining", "250/2/11000"}, {"x-ratelimit-reset", "100/600/23663"}});
  CHECK(governor.acquire() == 601s);
}

TEST_CASE("plenty of room means no wait, and malformed headers are ignored", "[net]") {
  FakeClock clock;
  RateGovernor governor(10);
  governor.set_clock([&] { return clock.now; });
  governor.observe({{"x-ratelimit-remaining", "299/2999/11999"}, {"x-ratelimit-reset", "263/2063/23663"}});
  CHECK(governor.acquire() == 0ms);
  governor.observe({{"x-ratelimit-remaining", "-1/abc"}, {"x-ratelimit-reset", "263/2063/23663"}});
  CHECK(governor.acquire() == 0ms);
}

TEST_CASE("after a 429 the wait is the exhausted window's reset, or one second without one", "[net]") {
  FakeClock clock;
  RateGovernor governor(10);
  governor.set_clock([&] { return clock.now; });
  CHECK(governor.wait_after_429({{"x-ratelimit-remaining", "5/-1/100"}, {"x-ratelimit-reset", "10/120/5000"}}) ==
        121s);
  RateGovernor burst(10);
  burst.set_clock([&] { return clock.now; });
  CHECK(burst.wait_after_429({{"x-ratelimit-remaining", "5/50/100"}, {"x-ratelimit-reset", "10/120/5000"}}) == 1s);
}
