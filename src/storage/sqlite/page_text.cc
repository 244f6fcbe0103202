#include "storage/sqlite/page_text.h"

#include "query/values.h"

namespace localnotion::storage {

std::vector<PageText> PageTexts(const PageRecord& page) {
  std::vector<PageText> rows;
  for (const auto& [key, value] : page.properties) {
    if (!value.is_array() && !value.is_string()) continue;
    const bool unsettled = query::HoldsMention(&value);
    std::string folded = query::FoldCase(query::StoredText(&value));
    if (folded.empty() && !unsettled) continue;
    rows.push_back(PageText{std::string(key), std::move(folded), unsettled});
  }
  return rows;
}

PageTextWriter::PageTextWriter(sqlite3* db)
    : select_(db, "SELECT id, property_id, folded, unsettled FROM page_text WHERE page_rowid = ?1"),
      remove_(db, "DELETE FROM page_text WHERE id = ?1"),
      insert_(db, "INSERT INTO page_text (page_rowid, property_id, folded, unsettled) VALUES (?1, ?2, ?3, ?4)") {}

Status PageTextWriter::Write(int64_t page_rowid, const PageRecord& page) {
  // Most writes change no text (a checkbox, a number, a date): the rows that are already
  // right stay, so the trigram index is only touched for the text that changed.
  struct Old {
    int64_t id;
    PageText text;
    bool keep = false;
  };
  std::vector<Old> old;
  select_.Bind(1, page_rowid);
  for (;;) {
    LN_ASSIGN_OR_RETURN(bool row, select_.StepRow());
    if (!row) break;
    old.push_back(Old{select_.Int(0), PageText{select_.Text(1), select_.Text(2), select_.Int(3) != 0}});
  }
  select_.Reset();
  std::vector<const PageText*> added;
  const std::vector<PageText> rows = PageTexts(page);
  for (const PageText& row : rows) {
    bool same = false;
    for (Old& o : old) {
      if (o.text.property_id != row.property_id) continue;
      same = o.text.folded == row.folded && o.text.unsettled == row.unsettled;
      o.keep = same;
      break;
    }
    if (!same) added.push_back(&row);
  }
  for (const Old& o : old) {
    if (o.keep) continue;
    remove_.Bind(1, o.id);
    LN_RETURN_IF_ERROR(remove_.Run());
  }
  for (const PageText* row : added) {
    insert_.Bind(1, page_rowid).Bind(2, row->property_id).Bind(3, row->folded).Bind(4, int64_t{row->unsettled});
    LN_RETURN_IF_ERROR(insert_.Run());
  }
  return OkStatus();
}

Status BackfillPageText(sqlite3* db) {
  Statement pages(db, "SELECT rowid, id, properties FROM pages ORDER BY rowid");
  PageTextWriter writer(db);
  if (!pages.valid() || !writer.valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
  while (true) {
    LN_ASSIGN_OR_RETURN(bool row, pages.StepRow());
    if (!row) break;
    PageRecord page;
    page.id = pages.Text(1);
    auto properties = ParseJson(pages.Text(2));
    if (!properties || !properties->is_object()) return InternalError("sqlite: stored JSON is corrupt");
    page.properties = std::move(properties->as_object());
    LN_RETURN_IF_ERROR(writer.Write(pages.Int(0), page));
  }
  return OkStatus();
}

std::string FtsPhrase(std::string_view needle) {
  std::string phrase = "\"";
  for (char c : needle) {
    phrase += c;
    if (c == '"') phrase += '"';
  }
  phrase += '"';
  return phrase;
}

bool TrigramSearchable(std::string_view needle) {
  size_t chars = 0;
  for (unsigned char c : needle) chars += (c & 0xC0) != 0x80;
  return chars >= 3;
}

}  // namespace localnotion::storage
