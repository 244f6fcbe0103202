#include "storage/postgres/pg_page_text.h"

#include "common/json.h"

namespace localnotion::storage {
namespace {

// The rows as the JSON array that jsonb_to_recordset reads.
std::string PgPageTextRowsJson(const std::vector<PageText>& rows) {
  json::array out;
  for (const PageText& row : rows) {
    out.push_back(json::object{{"property_id", row.property_id}, {"folded", row.folded}, {"unsettled", row.unsettled}});
  }
  return SerializeJson(json::value(std::move(out)));
}

// One statement: the page's rows whose property matches `gone` ($2, a JSON array of
// property ids) are deleted, and those of $3 upserted. The delete and the upsert touch
// disjoint rows, so their order inside the statement does not matter.
std::string PgPageTextSql(const char* gone) {
  return std::string(
             "WITH p AS (SELECT seq FROM pages WHERE id = $1), "
             "gone AS (DELETE FROM page_text t USING p WHERE t.page_seq = p.seq AND ") +
         gone +
         ") INSERT INTO page_text (page_seq, property_id, folded, unsettled) "
         "SELECT p.seq, r.property_id, r.folded, r.unsettled FROM p, "
         "jsonb_to_recordset($3::jsonb) AS r(property_id text, folded text, unsettled boolean) "
         "ON CONFLICT (page_seq, property_id) DO UPDATE SET folded = EXCLUDED.folded, unsettled = EXCLUDED.unsettled "
         "WHERE page_text.folded <> EXCLUDED.folded OR page_text.unsettled <> EXCLUDED.unsettled";
}

}  // namespace

Status WritePgPageText(PgConnection& conn, std::string_view page_id, const std::vector<PageText>& rows) {
  // Every property without a row in `rows` loses its row.
  static const std::string sql =
      PgPageTextSql("NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text($2::jsonb) k(id) WHERE k.id = t.property_id)");
  json::array kept;
  for (const PageText& row : rows) kept.push_back(json::value(row.property_id));
  PgParams params;
  params.Text(page_id).Text(SerializeJson(json::value(std::move(kept)))).Text(PgPageTextRowsJson(rows));
  LN_ASSIGN_OR_RETURN(PgRows done, conn.Query(sql, params));
  (void)done;
  return OkStatus();
}

Status ApplyPgPageText(PgConnection& conn, std::string_view page_id, const std::vector<PageTextEdit>& edits) {
  if (edits.empty()) return OkStatus();
  static const std::string sql =
      PgPageTextSql("t.property_id IN (SELECT k.id FROM jsonb_array_elements_text($2::jsonb) k(id))");
  json::array gone;
  std::vector<PageText> rows;
  for (const PageTextEdit& edit : edits) {
    if (edit.row) {
      rows.push_back(*edit.row);
    } else {
      gone.push_back(json::value(edit.property_id));
    }
  }
  PgParams params;
  params.Text(page_id).Text(SerializeJson(json::value(std::move(gone)))).Text(PgPageTextRowsJson(rows));
  LN_ASSIGN_OR_RETURN(PgRows done, conn.Query(sql, params));
  (void)done;
  return OkStatus();
}

Status BackfillPgPageText(PgConnection& conn) {
  // In slices of pages by seq, each slice's rows inserted in one statement.
  constexpr int kSlice = 2000;
  int64_t after = -1;
  for (;;) {
    PgParams params;
    params.Int(after).Int(kSlice);
    LN_ASSIGN_OR_RETURN(PgRows pages,
                        conn.Query("SELECT seq, properties FROM pages WHERE seq > $1 ORDER BY seq LIMIT $2", params,
                                   /*prepare=*/false));
    if (pages.size() == 0) return OkStatus();
    json::array rows;
    for (int r = 0; r < pages.size(); ++r) {
      after = pages.Int(r, 0);
      auto properties = ParseJson(pages.Text(r, 1));
      if (!properties || !properties->is_object()) return InternalError("postgresql: stored JSON is corrupt");
      PageRecord page;
      page.properties = std::move(properties->as_object());
      for (PageText& row : PageTexts(page)) {
        rows.push_back(json::object{{"page_seq", after},
                                    {"property_id", std::move(row.property_id)},
                                    {"folded", std::move(row.folded)},
                                    {"unsettled", row.unsettled}});
      }
    }
    PgParams insert;
    insert.Text(SerializeJson(json::value(std::move(rows))));
    LN_ASSIGN_OR_RETURN(
        PgRows done,
        conn.Query(
            "INSERT INTO page_text (page_seq, property_id, folded, unsettled) "
            "SELECT r.page_seq, r.property_id, r.folded, r.unsettled FROM "
            "jsonb_to_recordset($1::jsonb) AS r(page_seq bigint, property_id text, folded text, unsettled boolean)",
            insert, /*prepare=*/false));
    (void)done;
  }
}

std::string PgLikePattern(std::string_view needle, PgLikeKind kind) {
  std::string pattern;
  if (kind != PgLikeKind::kStartsWith) pattern += '%';
  for (char c : needle) {
    if (c == '\\' || c == '%' || c == '_') pattern += '\\';
    pattern += c;
  }
  if (kind != PgLikeKind::kEndsWith) pattern += '%';
  return pattern;
}

}  // namespace localnotion::storage
