// The state store (DESIGN.md §2): one SQLite file holding cursors, links between source and
// target ids with content hashes, the article index, reference-data caches and the run history.
// It holds ids, hashes and redacted events, never customer personal data or secrets.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lsmplus/core/error.hpp"

struct sqlite3;

namespace lsmplus::state {

// A link between a source record and the target record written for it.
struct Link {
  std::string kind;       // "order", "relation", ...
  std::string source_id;  // e.g. the Lightspeed order id, or a normalised e-mail hash
  std::string target_id;  // e.g. the Mplus orderId or relation number
  std::string content_hash;  // hash of the mapped payload last written
  int64_t updated_at = 0;    // unix seconds
};

// One article as the index knows it: every key a webshop line can carry resolves to it.
struct IndexedArticle {
  int64_t article_number = 0;
  int64_t product_number = 0;
  std::string ext_article_id;  // may be empty
  std::string barcode;         // EAN, may be empty
  std::string plu;             // may be empty
  bool active = true;
  int64_t sync_marker = 0;
};

struct RunRecord {
  int64_t id = 0;
  std::string flow;
  int64_t started_at = 0;   // unix seconds
  int64_t finished_at = 0;  // 0 while running (or when the run was killed)
  int exit_code = -1;
  int64_t created = 0, updated = 0, skipped = 0, failed = 0;
  bool dry_run = false;
  std::string message;  // short, redacted
};

// Not thread-safe; one per run. All methods return an Error of class `state_io` when SQLite
// fails (disk full, read-only, corrupt file).
class StateStore {
 public:
  // Opens (creating if needed) the database at `path`, applies pending migrations in one
  // transaction and sets WAL mode. A database from a newer lsmplus (higher schema version) is
  // refused with a `state_io` error that says so.
  static Result<std::unique_ptr<StateStore>> open(const std::string& path);
  ~StateStore();

  // The schema version this build writes, and the one in the file.
  static int current_schema_version();
  int schema_version() const;

  // Runs `fn` inside one transaction (BEGIN IMMEDIATE ... COMMIT); rolls back if fn returns an
  // error. Calls nest: an inner call joins the outer transaction.
  Result<void> transaction(const std::function<Result<void>()>& fn);

  // Cursors: one string value per (flow, name); nullopt when never set.
  Result<std::optional<std::string>> cursor(const std::string& flow, const std::string& name);
  Result<void> set_cursor(const std::string& flow, const std::string& name, const std::string& value);

  // Links: at most one per (kind, source_id). put_link replaces.
  Result<std::optional<Link>> find_link(const std::string& kind, const std::string& source_id);
  Result<void> put_link(const Link& link);
  Result<int64_t> count_links(const std::string& kind);

  // Reference-data cache: small key/value facts (e.g. the Lightspeed shop id) with the time
  // they were stored.
  Result<std::optional<std::string>> cached(const std::string& key);
  Result<void> set_cached(const std::string& key, const std::string& value);

  // Article index. upsert replaces rows by article_number (and drops stale keys of that
  // article); lookups return nullopt when nothing matches. Only active articles are returned by
  // the lookups.
  Result<void> upsert_articles(const std::vector<IndexedArticle>& articles);
  Result<std::optional<IndexedArticle>> article_by_number(int64_t article_number);
  Result<std::optional<IndexedArticle>> article_by_ext_id(const std::string& ext_article_id);
  Result<std::optional<IndexedArticle>> article_by_barcode(const std::string& barcode);
  Result<int64_t> count_articles();

  // Run history.
  Result<int64_t> begin_run(const std::string& flow, int64_t started_at, bool dry_run);
  Result<void> finish_run(const RunRecord& run);  // by run.id
  Result<std::vector<RunRecord>> recent_runs(int limit);

 private:
  explicit StateStore(sqlite3* db);
  sqlite3* db_;
  int schema_version_ = 0;
  int tx_depth_ = 0;
};

}  // namespace lsmplus::state
