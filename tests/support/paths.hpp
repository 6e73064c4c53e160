// Where tests find the project's own files and the read-only reference material in ../shared.
#pragma once

#include <filesystem>
#include <string>

namespace lsmplus::testing {

// The project checkout (the folder holding CMakeLists.txt).
std::filesystem::path source_dir();

// A file under the shared reference folder, e.g. reference_file("mplus/mplusqapi.wsdl").
// The shared folder is $LSMPLUS_SHARED_DIR if set, else ../shared beside the checkout. When the
// file is missing the calling test FAILS with a message that names the path looked at and how
// to point the tests elsewhere: the reference material is required, not optional.
std::filesystem::path reference_file(const std::string& relative);

// A fresh empty temporary folder, removed when the process exits.
std::filesystem::path temp_dir(const std::string& prefix);

// Reads a whole file; fails the test when it cannot.
std::string read_file(const std::filesystem::path& path);

}  // namespace lsmplus::testing
