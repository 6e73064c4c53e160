#include "state/sqlite.hpp"

#include <fmt/format.h>

#include <utility>

namespace lsmplus::state::sqlite {

std::string path_of(sqlite3* db) {
  const char* name = db ? sqlite3_db_filename(db, "main") : nullptr;
  return name ? name : "";
}

Error error(sqlite3* db, std::string_view what) {
  return make_error(ErrorClass::state_io,
                    fmt::format("state store {}: {}: {}", path_of(db), what, db ? sqlite3_errmsg(db) : "out of memory"));
}

Result<Db> Db::open(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    return make_error(ErrorClass::state_io, fmt::format("state store {}: cannot open: {}", path,
                                                        raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  if (sqlite3_db_readonly(raw, "main") == 1) {
    return make_error(ErrorClass::state_io,
                      fmt::format("state store {}: cannot open for writing: the file is read-only", path));
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Db::~Db() {
  if (db_) sqlite3_close_v2(db_);
}

Result<void> exec(sqlite3* db, const char* sql, std::string_view what) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return error(db, what);
  return {};
}

Result<Statement> Statement::prepare(sqlite3* db, const char* sql, std::string_view what) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return error(db, what);
  }
  return Statement(db, stmt, std::string(what));
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement& Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_status_ = SQLITE_OK;
  return *this;
}

Statement& Statement::bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (bind_status_ == SQLITE_OK) bind_status_ = rc;
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (bind_status_ == SQLITE_OK) bind_status_ = rc;
  return *this;
}

Statement& Statement::bind_or_null(int index, std::string_view value) {
  if (!value.empty()) return bind(index, value);
  int rc = sqlite3_bind_null(stmt_, index);
  if (bind_status_ == SQLITE_OK) bind_status_ = rc;
  return *this;
}

Result<bool> Statement::step() {
  if (bind_status_ != SQLITE_OK) {
    return make_error(ErrorClass::state_io, fmt::format("state store {}: {}: cannot bind a parameter: {}",
                                                        path_of(db_), what_, sqlite3_errstr(bind_status_)));
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error e = error(db_, what_);
  sqlite3_reset(stmt_);
  return e;
}

Result<void> Statement::run() {
  auto r = step();
  if (!r) return r.error();
  return {};
}

int64_t Statement::column_int64(int index) const { return sqlite3_column_int64(stmt_, index); }

std::optional<int64_t> Statement::column_optional_int64(int index) const {
  if (sqlite3_column_type(stmt_, index) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(stmt_, index);
}

std::string Statement::column_text(int index) const {
  const unsigned char* text = sqlite3_column_text(stmt_, index);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, index)));
}

}  // namespace lsmplus::state::sqlite
