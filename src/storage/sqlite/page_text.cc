#include "storage/sqlite/page_text.h"

#include "query/values.h"

namespace localnotion::storage {

std::optional<PageText> PageTextOf(std::string_view property_id, const json::value* value) {
  if (value == nullptr || (!value->is_array() && !value->is_string())) return std::nullopt;
  const bool unsettled = query::HoldsMention(value);
  std::string folded = query::FoldCase(query::StoredText(value));
  if (folded.empty() && !unsettled) return std::nullopt;
  return PageText{std::string(property_id), std::move(folded), unsettled};
}

std::vector<PageText> PageTexts(const PageRecord& page) {
  std::vector<PageText> rows;
  for (const auto& [key, value] : page.properties) {
    if (std::optional<PageText> row = PageTextOf(key, &value)) rows.push_back(std::move(*row));
  }
  return rows;
}

std::vector<PageTextEdit> PageTextEdits(const PageUpdate& update, const PageRecord& page) {
  std::vector<PageTextEdit> edits;
  for (const std::string& id : update.changed_properties) {
    const json::value* was = Find(update.before.properties, id);
    const json::value* now = Find(page.properties, id);
    // Values that are neither text nor rich text have no row, before or after: most
    // writes (a checkbox, a number, a date) stop here without folding anything.
    const bool was_text = was != nullptr && (was->is_array() || was->is_string());
    const bool now_text = now != nullptr && (now->is_array() || now->is_string());
    if (!was_text && !now_text) continue;
    std::optional<PageText> old_row = PageTextOf(id, was);
    std::optional<PageText> new_row = PageTextOf(id, now);
    const bool same = old_row.has_value() == new_row.has_value() &&
                      (!old_row || (old_row->folded == new_row->folded && old_row->unsettled == new_row->unsettled));
    if (!same) edits.push_back(PageTextEdit{id, std::move(new_row)});
  }
  return edits;
}

PageTextWriter::PageTextWriter(sqlite3* db)
    : select_(db, "SELECT id, property_id, folded, unsettled FROM page_text WHERE page_rowid = ?1"),
      remove_(db, "DELETE FROM page_text WHERE id = ?1"),
      remove_property_(db, "DELETE FROM page_text WHERE page_rowid = ?1 AND property_id = ?2"),
      insert_(db, "INSERT INTO page_text (page_rowid, property_id, folded, unsettled) VALUES (?1, ?2, ?3, ?4)") {}

Status PageTextWriter::Insert(int64_t page_rowid, const PageText& row) {
  insert_.Bind(1, page_rowid).Bind(2, row.property_id).Bind(3, row.folded).Bind(4, int64_t{row.unsettled});
  return insert_.Run();
}

Status PageTextWriter::Apply(int64_t page_rowid, const std::vector<PageTextEdit>& edits) {
  for (const PageTextEdit& edit : edits) {
    remove_property_.Bind(1, page_rowid).Bind(2, edit.property_id);
    LN_RETURN_IF_ERROR(remove_property_.Run());
    if (edit.row) LN_RETURN_IF_ERROR(Insert(page_rowid, *edit.row));
  }
  return OkStatus();
}

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
  for (const PageText* row : added) LN_RETURN_IF_ERROR(Insert(page_rowid, *row));
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
  // Only the first kMaxFtsPhraseChars characters, cut on a character boundary: a title
  // that contains the needle contains its prefix, so the phrase still finds every match,
  // and the caller's instr() on the whole needle decides. FTS5 makes one phrase term per
  // trigram, so a 200 KB query would otherwise cost 200,000 index look-ups.
  size_t chars = 0;
  size_t end = 0;
  while (end < needle.size()) {
    if ((static_cast<unsigned char>(needle[end]) & 0xC0) != 0x80 && chars++ == kMaxFtsPhraseChars) break;
    ++end;
  }
  std::string phrase = "\"";
  for (char c : needle.substr(0, end)) {
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
