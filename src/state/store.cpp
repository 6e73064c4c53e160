#include "lsmplus/state/store.hpp"

#include <fmt/format.h>

#include <ctime>

#include "state/sqlite.hpp"

namespace lsmplus::state {

namespace {

using sqlite::Statement;

struct Migration {
  int version;
  const char* sql;
};

// Applied in order, each at most once; the file records the last one in PRAGMA user_version.
// Append new migrations (the dead-letter queue is next, as version 2); never edit an old one.
const Migration kMigrations[] = {
    {1, R"sql(
      CREATE TABLE cursors (
        flow TEXT NOT NULL,
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (flow, name)
      );
      CREATE TABLE links (
        kind TEXT NOT NULL,
        source_id TEXT NOT NULL,
        target_id TEXT NOT NULL,
        content_hash TEXT NOT NULL DEFAULT '',
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (kind, source_id)
      );
      CREATE INDEX links_by_target ON links (kind, target_id);
      CREATE TABLE cache (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE articles (
        article_number INTEGER PRIMARY KEY NOT NULL,
        product_number INTEGER NOT NULL,
        ext_article_id TEXT,
        barcode TEXT,
        plu TEXT,
        active INTEGER NOT NULL,
        sync_marker INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX articles_by_ext_id ON articles (ext_article_id);
      CREATE INDEX articles_by_barcode ON articles (barcode);
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        flow TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        exit_code INTEGER,
        created INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        dry_run INTEGER NOT NULL DEFAULT 0,
        message TEXT NOT NULL DEFAULT ''
      );
    )sql"},
};

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

Result<int> read_user_version(sqlite3* db) {
  auto stmt = Statement::prepare(db, "PRAGMA user_version", "cannot read the schema version");
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  return static_cast<int>(*row ? stmt->column_int64(0) : 0);
}

Result<void> set_wal(sqlite3* db) {
  auto stmt = Statement::prepare(db, "PRAGMA journal_mode = WAL", "cannot switch to WAL mode");
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  std::string mode = *row ? stmt->column_text(0) : "";
  if (mode != "wal") {
    return make_error(ErrorClass::state_io,
                      fmt::format("state store {}: cannot switch to WAL mode: journal mode stays '{}'",
                                  sqlite::path_of(db), mode));
  }
  return {};
}

// Applies pending migrations in one IMMEDIATE transaction, re-reading the version inside it so
// two processes opening a new file at once do not both migrate.
Result<int> migrate(sqlite3* db) {
  const int latest = kMigrations[std::size(kMigrations) - 1].version;
  auto version = read_user_version(db);
  if (!version) return version.error();
  if (*version == latest) return latest;
  if (auto r = sqlite::exec(db, "BEGIN IMMEDIATE", "cannot start the schema migration"); !r) return r.error();
  auto fail = [db](Error e) -> Result<int> {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return e;
  };
  version = read_user_version(db);
  if (!version) return fail(version.error());
  if (*version > latest) {
    return fail(make_error(ErrorClass::state_io,
                           fmt::format("state store {}: schema version {} is newer than this lsmplus supports ({}); "
                                       "use a newer lsmplus or another state file",
                                       sqlite::path_of(db), *version, latest)));
  }
  for (const Migration& m : kMigrations) {
    if (m.version <= *version) continue;
    if (auto r = sqlite::exec(db, m.sql, fmt::format("cannot apply schema migration {}", m.version)); !r) {
      return fail(r.error());
    }
    std::string pragma = fmt::format("PRAGMA user_version = {}", m.version);
    if (auto r = sqlite::exec(db, pragma.c_str(), "cannot record the schema version"); !r) return fail(r.error());
  }
  if (auto r = sqlite::exec(db, "COMMIT", "cannot commit the schema migration"); !r) return fail(r.error());
  return latest;
}

IndexedArticle article_from(const Statement& s) {
  IndexedArticle a;
  a.article_number = s.column_int64(0);
  a.product_number = s.column_int64(1);
  a.ext_article_id = s.column_text(2);
  a.barcode = s.column_text(3);
  a.plu = s.column_text(4);
  a.active = s.column_int64(5) != 0;
  a.sync_marker = s.column_int64(6);
  return a;
}

constexpr const char* kArticleColumns =
    "SELECT article_number, product_number, ext_article_id, barcode, plu, active, sync_marker FROM articles ";

Result<std::optional<IndexedArticle>> one_article(sqlite3* db, const std::string& sql, std::string_view what,
                                                  const std::function<void(Statement&)>& bind) {
  auto stmt = Statement::prepare(db, sql.c_str(), what);
  if (!stmt) return stmt.error();
  bind(*stmt);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<IndexedArticle>();
  return std::optional<IndexedArticle>(article_from(*stmt));
}

Result<int64_t> count(sqlite3* db, const char* sql, std::string_view what,
                      const std::function<void(Statement&)>& bind = {}) {
  auto stmt = Statement::prepare(db, sql, what);
  if (!stmt) return stmt.error();
  if (bind) bind(*stmt);
  auto row = stmt->step();
  if (!row) return row.error();
  return *row ? stmt->column_int64(0) : 0;
}

}  // namespace

int StateStore::current_schema_version() { return kMigrations[std::size(kMigrations) - 1].version; }

Result<std::unique_ptr<StateStore>> StateStore::open(const std::string& path) {
  auto db = sqlite::Db::open(path);
  if (!db) return db.error();
  if (sqlite3_busy_timeout(db->get(), 5000) != SQLITE_OK) return sqlite::error(db->get(), "cannot set busy timeout");
  if (auto r = set_wal(db->get()); !r) return r.error();
  auto version = migrate(db->get());
  if (!version) return version.error();
  std::unique_ptr<StateStore> store(new StateStore(db->release()));
  store->schema_version_ = *version;
  return store;
}

StateStore::StateStore(sqlite3* db) : db_(db) {}

StateStore::~StateStore() {
  if (tx_depth_ > 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close_v2(db_);
}

int StateStore::schema_version() const { return schema_version_; }

Result<void> StateStore::transaction(const std::function<Result<void>()>& fn) {
  const bool outer = tx_depth_ == 0;
  const std::string savepoint = fmt::format("lsmplus_{}", tx_depth_);
  const std::string begin = outer ? "BEGIN IMMEDIATE" : "SAVEPOINT " + savepoint;
  const std::string commit = outer ? "COMMIT" : "RELEASE " + savepoint;
  const std::string rollback = outer ? "ROLLBACK" : "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint;

  if (auto r = sqlite::exec(db_, begin.c_str(), "cannot start a transaction"); !r) return r;
  ++tx_depth_;
  Result<void> result;
  try {
    result = fn();
  } catch (...) {
    --tx_depth_;
    sqlite3_exec(db_, rollback.c_str(), nullptr, nullptr, nullptr);
    throw;
  }
  --tx_depth_;
  if (!result) {
    sqlite3_exec(db_, rollback.c_str(), nullptr, nullptr, nullptr);
    return result;
  }
  if (auto r = sqlite::exec(db_, commit.c_str(), "cannot commit a transaction"); !r) {
    sqlite3_exec(db_, rollback.c_str(), nullptr, nullptr, nullptr);
    return r;
  }
  return {};
}

Result<std::optional<std::string>> StateStore::cursor(const std::string& flow, const std::string& name) {
  auto stmt = Statement::prepare(db_, "SELECT value FROM cursors WHERE flow = ?1 AND name = ?2", "cannot read a cursor");
  if (!stmt) return stmt.error();
  stmt->bind(1, flow).bind(2, name);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(stmt->column_text(0));
}

Result<void> StateStore::set_cursor(const std::string& flow, const std::string& name, const std::string& value) {
  auto stmt = Statement::prepare(db_,
                                 "INSERT INTO cursors (flow, name, value, updated_at) VALUES (?1, ?2, ?3, ?4) "
                                 "ON CONFLICT (flow, name) DO UPDATE SET value = excluded.value, "
                                 "updated_at = excluded.updated_at",
                                 "cannot write a cursor");
  if (!stmt) return stmt.error();
  return stmt->bind(1, flow).bind(2, name).bind(3, value).bind(4, now()).run();
}

Result<std::optional<Link>> StateStore::find_link(const std::string& kind, const std::string& source_id) {
  auto stmt = Statement::prepare(
      db_, "SELECT target_id, content_hash, updated_at FROM links WHERE kind = ?1 AND source_id = ?2",
      "cannot read a link");
  if (!stmt) return stmt.error();
  stmt->bind(1, kind).bind(2, source_id);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<Link>();
  return std::optional<Link>(Link{kind, source_id, stmt->column_text(0), stmt->column_text(1), stmt->column_int64(2)});
}

Result<void> StateStore::put_link(const Link& link) {
  auto stmt = Statement::prepare(db_,
                                 "INSERT OR REPLACE INTO links (kind, source_id, target_id, content_hash, updated_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)",
                                 "cannot write a link");
  if (!stmt) return stmt.error();
  return stmt->bind(1, link.kind)
      .bind(2, link.source_id)
      .bind(3, link.target_id)
      .bind(4, link.content_hash)
      .bind(5, link.updated_at > 0 ? link.updated_at : now())
      .run();
}

Result<int64_t> StateStore::count_links(const std::string& kind) {
  return count(db_, "SELECT COUNT(*) FROM links WHERE kind = ?1", "cannot count links",
               [&](Statement& s) { s.bind(1, kind); });
}

Result<std::optional<std::string>> StateStore::cached(const std::string& key) {
  auto stmt = Statement::prepare(db_, "SELECT value FROM cache WHERE key = ?1", "cannot read the cache");
  if (!stmt) return stmt.error();
  stmt->bind(1, key);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(stmt->column_text(0));
}

Result<void> StateStore::set_cached(const std::string& key, const std::string& value) {
  auto stmt = Statement::prepare(db_, "INSERT OR REPLACE INTO cache (key, value, updated_at) VALUES (?1, ?2, ?3)",
                                 "cannot write the cache");
  if (!stmt) return stmt.error();
  return stmt->bind(1, key).bind(2, value).bind(3, now()).run();
}

Result<void> StateStore::upsert_articles(const std::vector<IndexedArticle>& articles) {
  return transaction([&]() -> Result<void> {
    auto stmt = Statement::prepare(db_,
                                   "INSERT OR REPLACE INTO articles (article_number, product_number, ext_article_id, "
                                   "barcode, plu, active, sync_marker) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                   "cannot write the article index");
    if (!stmt) return stmt.error();
    for (const auto& a : articles) {
      auto r = stmt->reset()
                   .bind(1, a.article_number)
                   .bind(2, a.product_number)
                   .bind_or_null(3, a.ext_article_id)
                   .bind_or_null(4, a.barcode)
                   .bind_or_null(5, a.plu)
                   .bind(6, int64_t{a.active ? 1 : 0})
                   .bind(7, a.sync_marker)
                   .run();
      if (!r) return r;
    }
    return {};
  });
}

Result<std::optional<IndexedArticle>> StateStore::article_by_number(int64_t article_number) {
  return one_article(db_, std::string(kArticleColumns) + "WHERE article_number = ?1 AND active = 1",
                     "cannot read the article index", [&](Statement& s) { s.bind(1, article_number); });
}

Result<std::optional<IndexedArticle>> StateStore::article_by_ext_id(const std::string& ext_article_id) {
  if (ext_article_id.empty()) return std::optional<IndexedArticle>();
  return one_article(db_,
                     std::string(kArticleColumns) +
                         "WHERE ext_article_id = ?1 AND active = 1 ORDER BY sync_marker DESC, article_number LIMIT 1",
                     "cannot read the article index", [&](Statement& s) { s.bind(1, ext_article_id); });
}

Result<std::optional<IndexedArticle>> StateStore::article_by_barcode(const std::string& barcode) {
  if (barcode.empty()) return std::optional<IndexedArticle>();
  return one_article(db_,
                     std::string(kArticleColumns) +
                         "WHERE barcode = ?1 AND active = 1 ORDER BY sync_marker DESC, article_number LIMIT 1",
                     "cannot read the article index", [&](Statement& s) { s.bind(1, barcode); });
}

Result<int64_t> StateStore::count_articles() {
  return count(db_, "SELECT COUNT(*) FROM articles", "cannot count articles");
}

Result<int64_t> StateStore::begin_run(const std::string& flow, int64_t started_at, bool dry_run) {
  auto stmt = Statement::prepare(db_, "INSERT INTO runs (flow, started_at, dry_run) VALUES (?1, ?2, ?3)",
                                 "cannot record the start of a run");
  if (!stmt) return stmt.error();
  auto r = stmt->bind(1, flow).bind(2, started_at).bind(3, int64_t{dry_run ? 1 : 0}).run();
  if (!r) return r.error();
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Result<void> StateStore::finish_run(const RunRecord& run) {
  auto stmt = Statement::prepare(db_,
                                 "UPDATE runs SET finished_at = ?2, exit_code = ?3, created = ?4, updated = ?5, "
                                 "skipped = ?6, failed = ?7, message = ?8 WHERE id = ?1",
                                 "cannot record the end of a run");
  if (!stmt) return stmt.error();
  auto r = stmt->bind(1, run.id)
               .bind(2, run.finished_at > 0 ? run.finished_at : now())
               .bind(3, int64_t{run.exit_code})
               .bind(4, run.created)
               .bind(5, run.updated)
               .bind(6, run.skipped)
               .bind(7, run.failed)
               .bind(8, run.message)
               .run();
  if (!r) return r;
  if (sqlite3_changes(db_) == 0) {
    return make_error(ErrorClass::state_io, fmt::format("state store {}: cannot record the end of run {}: no such run",
                                                        sqlite::path_of(db_), run.id));
  }
  return {};
}

Result<std::vector<RunRecord>> StateStore::recent_runs(int limit) {
  auto stmt = Statement::prepare(db_,
                                 "SELECT id, flow, started_at, finished_at, exit_code, created, updated, skipped, "
                                 "failed, dry_run, message FROM runs ORDER BY id DESC LIMIT ?1",
                                 "cannot read the run history");
  if (!stmt) return stmt.error();
  stmt->bind(1, int64_t{limit});
  std::vector<RunRecord> runs;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    RunRecord r;
    r.id = stmt->column_int64(0);
    r.flow = stmt->column_text(1);
    r.started_at = stmt->column_int64(2);
    r.finished_at = stmt->column_optional_int64(3).value_or(0);
    r.exit_code = static_cast<int>(stmt->column_optional_int64(4).value_or(-1));
    r.created = stmt->column_int64(5);
    r.updated = stmt->column_int64(6);
    r.skipped = stmt->column_int64(7);
    r.failed = stmt->column_int64(8);
    r.dry_run = stmt->column_int64(9) != 0;
    r.message = stmt->column_text(10);
    runs.push_back(std::move(r));
  }
  return runs;
}

}  // namespace lsmplus::state
