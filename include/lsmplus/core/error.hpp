// Errors as values: every failure knows its class, and the exit code of a run follows from it
// (DESIGN.md §4). Per-record failures travel as data; only the CLI turns a class into an exit code.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace lsmplus {

// What kind of failure this is; decides retry behaviour and the process exit code.
enum class ErrorClass {
  internal,     // a bug or an impossible state: exit 1
  usage,        // wrong command line: exit 64
  input,        // input data that stops the run (e.g. invalid JSON for `map --input`): exit 65
  unavailable,  // an API stayed unreachable or kept failing after retries: exit 69
  state_io,     // cannot write the state store, metrics or report: exit 73
  temporary,    // lock held by another run, rate-limit wait too long: exit 75
  protocol,     // an answer that does not fit the API's format: exit 76
  auth,         // credentials or permission refused: exit 77
  config,       // configuration error: exit 78
  permanent,    // a per-record failure (unmapped value, rejected by the API); a run with such
                // failures exits 2 (partial)
};

// The process exit code DESIGN.md §4 assigns to an error class.
int exit_code_for(ErrorClass cls);

// A short lowercase name for logs and summaries ("auth", "protocol", ...).
const char* to_string(ErrorClass cls);

// A failure: its class and a message for people. Messages never contain secrets.
struct Error {
  ErrorClass cls = ErrorClass::internal;
  std::string message;
};

// Exit codes that are not errors.
inline constexpr int kExitOk = 0;
inline constexpr int kExitPartial = 2;

// Result<T> holds either a value or an Error. Fallible operations at layer boundaries return
// it instead of throwing. Calling value() on an error (or error() on a value) is a bug.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

// Builds an Error; a shorthand used at every boundary.
inline Error make_error(ErrorClass cls, std::string message) {
  return Error{cls, std::move(message)};
}

}  // namespace lsmplus
