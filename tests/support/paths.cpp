#include "support/paths.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

namespace lsmplus::testing {

namespace fs = std::filesystem;

fs::path source_dir() { return fs::path(LSMPLUS_SOURCE_DIR); }

static fs::path shared_dir() {
  if (const char* env = std::getenv("LSMPLUS_SHARED_DIR"); env && *env) return fs::path(env);
  return source_dir().parent_path() / "shared";
}

fs::path reference_file(const std::string& relative) {
  fs::path path = shared_dir() / "reference" / relative;
  if (!fs::exists(path)) {
    FAIL("reference file not found: " << path.string()
                                      << " (the tests read ../shared/reference beside the checkout; "
                                         "set LSMPLUS_SHARED_DIR to the shared folder if it lives elsewhere)");
  }
  return path;
}

namespace {
struct TempDirs {
  std::vector<fs::path> dirs;
  ~TempDirs() {
    std::error_code ec;
    for (const auto& d : dirs) fs::remove_all(d, ec);
  }
};
TempDirs& temp_dirs() {
  static TempDirs t;
  return t;
}
}  // namespace

fs::path temp_dir(const std::string& prefix) {
  std::random_device rd;
  for (int i = 0; i < 100; ++i) {
    fs::path p = fs::temp_directory_path() / (prefix + "-" + std::to_string(rd()));
    std::error_code ec;
    if (fs::create_directory(p, ec)) {
      temp_dirs().dirs.push_back(p);
      return p;
    }
  }
  FAIL("cannot create a temporary folder");
  return {};
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) FAIL("cannot read " << path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace lsmplus::testing
