// Thin RAII wrappers over the SQLite3 C API for the state store: an owned connection and
// prepared statements with bound parameters. Every failure becomes a `state_io` Error that names
// the database file, what was being done and SQLite's own message.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "lsmplus/core/error.hpp"

namespace lsmplus::state::sqlite {

// "state store <path>: <what>: <sqlite message>" for the connection's last error.
Error error(sqlite3* db, std::string_view what);

// The file behind the connection (empty for an in-memory database).
std::string path_of(sqlite3* db);

// An owned connection; closes it on destruction unless released.
class Db {
 public:
  // Opens (creating if needed) the file read-write. A file that SQLite could only open read-only
  // is refused.
  static Result<Db> open(const std::string& path);
  Db(Db&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Db& operator=(Db&&) = delete;
  Db(const Db&) = delete;
  ~Db();

  sqlite3* get() const { return db_; }
  sqlite3* release() { return std::exchange(db_, nullptr); }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

// Runs SQL text without results (schema, pragmas, transaction control).
Result<void> exec(sqlite3* db, const char* sql, std::string_view what);

// A prepared statement. Parameters are 1-based, as in SQLite; text is copied on bind.
class Statement {
 public:
  static Result<Statement> prepare(sqlite3* db, const char* sql, std::string_view what);
  Statement(Statement&& other) noexcept
      : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), what_(std::move(other.what_)) {}
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Makes the statement ready to run again with new parameters.
  Statement& reset();

  Statement& bind(int index, int64_t value);
  Statement& bind(int index, std::string_view value);
  // Binds NULL for an empty string, so empty optional keys never match in lookups.
  Statement& bind_or_null(int index, std::string_view value);

  // Advances: true when a row is available, false when done.
  Result<bool> step();
  // Runs a statement that returns no rows.
  Result<void> run();

  int64_t column_int64(int index) const;
  std::optional<int64_t> column_optional_int64(int index) const;
  std::string column_text(int index) const;  // "" for NULL

 private:
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::string what) : db_(db), stmt_(stmt), what_(std::move(what)) {}
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::string what_;
  int bind_status_ = SQLITE_OK;
};

}  // namespace lsmplus::state::sqlite
