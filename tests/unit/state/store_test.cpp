#include "lsmplus/state/store.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "support/paths.hpp"

namespace fs = std::filesystem;
using lsmplus::ErrorClass;
using lsmplus::Result;
using lsmplus::state::IndexedArticle;
using lsmplus::state::Link;
using lsmplus::state::RunRecord;
using lsmplus::state::StateStore;

namespace {

std::unique_ptr<StateStore> open_store(const fs::path& path) {
  auto store = StateStore::open(path.string());
  if (!store) FAIL(store.error().message);
  return std::move(store).value();
}

fs::path fresh_db() { return lsmplus::testing::temp_dir("lsmplus-state") / "shop.db"; }

// Runs SQL directly on the file, outside the store.
void raw_sql(const fs::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* message = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  std::string text = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

}  // namespace

TEST_CASE("opening an empty file applies every migration and reopening keeps the data", "[state]") {
  fs::path path = fresh_db();
  {
    auto store = open_store(path);
    CHECK(store->schema_version() == StateStore::current_schema_version());
    REQUIRE(store->set_cursor("orders", "updated_at", "2024-01-31T08:00:00Z").ok());
  }
  auto store = open_store(path);
  CHECK(store->schema_version() == StateStore::current_schema_version());
  auto cursor = store->cursor("orders", "updated_at");
  REQUIRE(cursor.ok());
  CHECK(*cursor == std::optional<std::string>("2024-01-31T08:00:00Z"));
}

TEST_CASE("the store uses WAL mode", "[state]") {
  fs::path path = fresh_db();
  auto store = open_store(path);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) == "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST_CASE("a file from a newer lsmplus is refused with state_io", "[state]") {
  fs::path path = fresh_db();
  open_store(path);
  raw_sql(path, "PRAGMA user_version = 999");
  auto store = StateStore::open(path.string());
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().cls == ErrorClass::state_io);
  CHECK(store.error().message.find("state store " + path.string()) == 0);
  CHECK(store.error().message.find("schema version 999 is newer") != std::string::npos);
}

TEST_CASE("cursors round-trip per flow and name and are replaced", "[state]") {
  auto store = open_store(fresh_db());
  CHECK(*store->cursor("orders", "updated_at") == std::nullopt);
  REQUIRE(store->set_cursor("orders", "updated_at", "a").ok());
  REQUIRE(store->set_cursor("stock", "updated_at", "b").ok());
  REQUIRE(store->set_cursor("orders", "updated_at", "c").ok());
  CHECK(*store->cursor("orders", "updated_at") == std::optional<std::string>("c"));
  CHECK(*store->cursor("stock", "updated_at") == std::optional<std::string>("b"));
  CHECK(*store->cursor("orders", "sync_marker") == std::nullopt);
}

TEST_CASE("links round-trip, replace by kind and source id, and are counted per kind", "[state]") {
  auto store = open_store(fresh_db());
  CHECK(*store->find_link("order", "1001") == std::nullopt);
  REQUIRE(store->put_link({"order", "1001", "M-1", "hash1", 1700000000}).ok());
  REQUIRE(store->put_link({"order", "1002", "M-2", "hash2", 0}).ok());
  REQUIRE(store->put_link({"relation", "1001", "R-9", "", 0}).ok());
  REQUIRE(store->put_link({"order", "1001", "M-1", "hash3", 1700000100}).ok());
  auto link = store->find_link("order", "1001");
  REQUIRE(link.ok());
  REQUIRE(link->has_value());
  CHECK((*link)->target_id == "M-1");
  CHECK((*link)->content_hash == "hash3");
  CHECK((*link)->updated_at == 1700000100);
  CHECK((*store->find_link("order", "1002"))->updated_at > 1700000000);
  CHECK(*store->count_links("order") == 2);
  CHECK(*store->count_links("relation") == 1);
  CHECK(*store->count_links("category") == 0);
}

TEST_CASE("cache values round-trip and are replaced", "[state]") {
  auto store = open_store(fresh_db());
  CHECK(*store->cached("lightspeed.shop_id") == std::nullopt);
  REQUIRE(store->set_cached("lightspeed.shop_id", "12345").ok());
  REQUIRE(store->set_cached("lightspeed.shop_id", "67890").ok());
  CHECK(*store->cached("lightspeed.shop_id") == std::optional<std::string>("67890"));
}

TEST_CASE("the article index finds active articles by number, ext id and barcode", "[state]") {
  auto store = open_store(fresh_db());
  REQUIRE(store->upsert_articles({
                                     {100, 10, "SKU-A", "8712345678906", "", true, 5},
                                     {101, 10, "", "8712345678913", "77", true, 6},
                                     {102, 11, "SKU-OLD", "", "", false, 7},
                                 })
              .ok());
  CHECK(*store->count_articles() == 3);
  auto a = store->article_by_number(100);
  REQUIRE(a.ok());
  REQUIRE(a->has_value());
  CHECK((*a)->product_number == 10);
  CHECK((*a)->ext_article_id == "SKU-A");
  CHECK((*a)->barcode == "8712345678906");
  CHECK((*a)->sync_marker == 5);
  CHECK((*store->article_by_ext_id("SKU-A"))->article_number == 100);
  CHECK((*store->article_by_barcode("8712345678913"))->plu == "77");
  CHECK(*store->article_by_ext_id("") == std::nullopt);
  CHECK(*store->article_by_barcode("") == std::nullopt);
  CHECK(*store->article_by_number(102) == std::nullopt);
  CHECK(*store->article_by_ext_id("SKU-OLD") == std::nullopt);
  CHECK(*store->article_by_number(999) == std::nullopt);

  // Replacing an article drops the keys it no longer has.
  REQUIRE(store->upsert_articles({{100, 10, "SKU-B", "", "", true, 8}}).ok());
  CHECK(*store->article_by_ext_id("SKU-A") == std::nullopt);
  CHECK(*store->article_by_barcode("8712345678906") == std::nullopt);
  CHECK((*store->article_by_ext_id("SKU-B"))->article_number == 100);
  CHECK(*store->count_articles() == 3);
}

TEST_CASE("runs are recorded from start to finish and listed newest first", "[state]") {
  auto store = open_store(fresh_db());
  auto first = store->begin_run("orders", 1700000000, false);
  REQUIRE(first.ok());
  auto second = store->begin_run("stock", 1700000100, true);
  REQUIRE(second.ok());
  RunRecord done;
  done.id = *first;
  done.finished_at = 1700000050;
  done.exit_code = 2;
  done.created = 3;
  done.updated = 1;
  done.skipped = 4;
  done.failed = 1;
  done.message = "1 order went to the dead-letter queue";
  REQUIRE(store->finish_run(done).ok());

  auto runs = store->recent_runs(10);
  REQUIRE(runs.ok());
  REQUIRE(runs->size() == 2);
  const RunRecord& running = (*runs)[0];
  CHECK(running.id == *second);
  CHECK(running.flow == "stock");
  CHECK(running.dry_run);
  CHECK(running.finished_at == 0);
  CHECK(running.exit_code == -1);
  const RunRecord& finished = (*runs)[1];
  CHECK(finished.flow == "orders");
  CHECK(finished.started_at == 1700000000);
  CHECK(finished.finished_at == 1700000050);
  CHECK(finished.exit_code == 2);
  CHECK(finished.created == 3);
  CHECK(finished.updated == 1);
  CHECK(finished.skipped == 4);
  CHECK(finished.failed == 1);
  CHECK_FALSE(finished.dry_run);
  CHECK(finished.message == done.message);
  CHECK(store->recent_runs(1)->size() == 1);

  RunRecord unknown;
  unknown.id = 999;
  auto missing = store->finish_run(unknown);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().cls == ErrorClass::state_io);
}

TEST_CASE("a transaction commits when fn succeeds", "[state]") {
  fs::path path = fresh_db();
  {
    auto store = open_store(path);
    auto r = store->transaction([&]() -> Result<void> {
      if (auto w = store->set_cursor("orders", "c", "1"); !w) return w;
      return store->put_link({"order", "1", "M-1", "h", 0});
    });
    REQUIRE(r.ok());
  }
  auto store = open_store(path);
  CHECK(*store->cursor("orders", "c") == std::optional<std::string>("1"));
  CHECK(*store->count_links("order") == 1);
}

TEST_CASE("a transaction whose fn returns an error leaves nothing behind", "[state]") {
  auto store = open_store(fresh_db());
  auto r = store->transaction([&]() -> Result<void> {
    REQUIRE(store->set_cursor("orders", "c", "1").ok());
    REQUIRE(store->put_link({"order", "1", "M-1", "h", 0}).ok());
    return lsmplus::make_error(ErrorClass::permanent, "rejected");
  });
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "rejected");
  CHECK(*store->cursor("orders", "c") == std::nullopt);
  CHECK(*store->count_links("order") == 0);
}

TEST_CASE("a transaction whose fn throws rolls back and rethrows", "[state]") {
  auto store = open_store(fresh_db());
  CHECK_THROWS_AS(store->transaction([&]() -> Result<void> {
    REQUIRE(store->set_cursor("orders", "c", "1").ok());
    throw std::runtime_error("boom");
  }),
                  std::runtime_error);
  CHECK(*store->cursor("orders", "c") == std::nullopt);
  REQUIRE(store->transaction([&] { return store->set_cursor("orders", "c", "2"); }).ok());
  CHECK(*store->cursor("orders", "c") == std::optional<std::string>("2"));
}

TEST_CASE("nested transactions join the outer one", "[state]") {
  auto store = open_store(fresh_db());

  SECTION("an outer failure undoes the inner writes") {
    auto r = store->transaction([&]() -> Result<void> {
      REQUIRE(store->transaction([&] { return store->set_cursor("orders", "inner", "1"); }).ok());
      return lsmplus::make_error(ErrorClass::permanent, "outer fails");
    });
    REQUIRE_FALSE(r.ok());
    CHECK(*store->cursor("orders", "inner") == std::nullopt);
  }

  SECTION("an inner failure undoes only the inner writes when the outer goes on") {
    auto r = store->transaction([&]() -> Result<void> {
      REQUIRE(store->set_cursor("orders", "outer", "1").ok());
      auto inner = store->transaction([&]() -> Result<void> {
        REQUIRE(store->set_cursor("orders", "inner", "1").ok());
        return lsmplus::make_error(ErrorClass::permanent, "inner fails");
      });
      CHECK_FALSE(inner.ok());
      return {};
    });
    REQUIRE(r.ok());
    CHECK(*store->cursor("orders", "outer") == std::optional<std::string>("1"));
    CHECK(*store->cursor("orders", "inner") == std::nullopt);
  }

  SECTION("upsert_articles inside a transaction is part of it") {
    auto r = store->transaction([&]() -> Result<void> {
      REQUIRE(store->upsert_articles({{100, 10, "SKU-A", "", "", true, 1}}).ok());
      return lsmplus::make_error(ErrorClass::permanent, "outer fails");
    });
    REQUIRE_FALSE(r.ok());
    CHECK(*store->count_articles() == 0);
  }
}

TEST_CASE("a database that cannot be created gives state_io naming the path", "[state]") {
  fs::path dir = lsmplus::testing::temp_dir("lsmplus-state");
  std::ofstream(dir / "not-a-folder") << "x";
  fs::path path = dir / "not-a-folder" / "shop.db";
  auto store = StateStore::open(path.string());
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().cls == ErrorClass::state_io);
  CHECK(store.error().message.find("state store " + path.string() + ": ") == 0);
}

TEST_CASE("a file that is not a database gives state_io", "[state]") {
  fs::path path = fresh_db();
  std::ofstream(path) << std::string(4096, 'x');
  auto store = StateStore::open(path.string());
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().cls == ErrorClass::state_io);
  CHECK(store.error().message.find("state store " + path.string() + ": ") == 0);
}

namespace {

// Opens a 0444 database file and a database in a 0555 folder (as `nobody` when run as root, as
// root ignores file permissions); returns a description of what went wrong, empty when both
// opens failed with state_io.
std::string open_without_write_permission(const fs::path& read_only_file, const fs::path& locked_dir) {
  std::string problems;
  auto read_only = StateStore::open(read_only_file.string());
  if (read_only.ok() || read_only.error().cls != ErrorClass::state_io) problems += "read-only file opened; ";
  auto unwritable = StateStore::open((locked_dir / "shop.db").string());
  if (unwritable.ok() || unwritable.error().cls != ErrorClass::state_io) problems += "unwritable folder opened; ";
  return problems;
}

}  // namespace

TEST_CASE("a read-only file or an unwritable folder gives state_io", "[state]") {
  fs::path dir = lsmplus::testing::temp_dir("lsmplus-state");
  fs::path path = dir / "shop.db";
  open_store(path);
  ::chmod(dir.c_str(), 0777);
  ::chmod(path.c_str(), 0444);
  for (const char* suffix : {"-wal", "-shm"}) ::chmod((path.string() + suffix).c_str(), 0444);
  fs::path locked_dir = lsmplus::testing::temp_dir("lsmplus-state");
  ::chmod(locked_dir.c_str(), 0555);

  if (::geteuid() != 0) {
    CHECK(open_without_write_permission(path, locked_dir).empty());
  } else {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(2);
      ::_exit(open_without_write_permission(path, locked_dir).empty() ? 0 : 1);
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    auto proc = StateStore::open("/proc/lsmplus-test.db");
    REQUIRE_FALSE(proc.ok());
    CHECK(proc.error().cls == ErrorClass::state_io);
  }
  ::chmod(locked_dir.c_str(), 0755);
  ::chmod(path.c_str(), 0644);
}
