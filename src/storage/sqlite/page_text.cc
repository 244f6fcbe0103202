#include "storage/sqlite/page_text.h"

#include "query/values.h"
#include "schema/property_type.h"
#include "schema/registry.h"

namespace localnotion::storage {

namespace {

// The row of a text value, from its stored text and whether it holds a mention.
std::optional<PageText> RowOf(std::string_view property_id, std::string_view stored_text, bool unsettled) {
  std::string folded = query::FoldCase(stored_text);
  if (folded.empty() && !unsettled) return std::nullopt;
  return PageText{std::string(property_id), std::move(folded), unsettled};
}

}  // namespace

std::optional<PageText> PageTextOf(std::string_view property_id, const json::value* value) {
  if (value == nullptr || (!value->is_array() && !value->is_string())) return std::nullopt;
  return RowOf(property_id, query::StoredText(value), query::HoldsMention(value));
}

bool MayHaveTextRow(const schema::Schema* schema, std::string_view property_id) {
  if (schema == nullptr) return true;
  const schema::PropertyDef* def = schema::FindPropertyById(*schema, property_id);
  const schema::PropertyType* type = def != nullptr ? schema::TypeOf(*def) : nullptr;
  return type != nullptr && type->filter_family() == schema::FilterFamily::kText;
}

std::vector<PageText> PageTexts(const PageRecord& page, const schema::Schema* schema) {
  std::vector<PageText> rows;
  for (const auto& [key, value] : page.properties) {
    if (!MayHaveTextRow(schema, key)) continue;
    if (std::optional<PageText> row = PageTextOf(key, &value)) rows.push_back(std::move(*row));
  }
  return rows;
}

std::vector<PageTextEdit> PageTextEdits(const PageUpdate& update, const PageRecord& page) {
  std::vector<PageTextEdit> edits;
  for (const std::string& id : *update.changed_properties) {
    const json::value* was = Find(update.before->properties, id);
    const json::value* now = Find(page.properties, id);
    // Values that are neither text nor rich text have no row, before or after: most
    // writes (a checkbox, a number, a date) stop here without folding anything.
    const bool was_text = was != nullptr && (was->is_array() || was->is_string());
    const bool now_text = now != nullptr && (now->is_array() || now->is_string());
    if (!was_text && !now_text) continue;
    // A row is made of the stored text, folded, and whether a mention is held
    // (PageTextOf): when neither changed (bold text, a new link) the row is the same, and
    // only the new text is folded otherwise. A text that changed only in case folds to
    // the row it had: the UPDATE then writes it again, which costs a note for the index
    // and changes no result.
    const bool now_mention = query::HoldsMention(now);
    const bool same_unsettled = query::HoldsMention(was) == now_mention;
    const std::string now_stored = query::StoredText(now);
    if (same_unsettled && query::StoredText(was) == now_stored) continue;
    if (!MayHaveTextRow(update.schema, id)) continue;
    // The new row from what was read above (PageTextOf would read it again).
    std::optional<PageText> row = now_text ? RowOf(id, now_stored, now_mention) : std::nullopt;
    edits.push_back(PageTextEdit{id, std::move(row), same_unsettled});
  }
  return edits;
}

PageTextWriter::PageTextWriter(sqlite3* db)
    : db_(db),
      select_(db, "SELECT id, property_id, folded, unsettled FROM page_text WHERE page_rowid = ?1"),
      remove_(db, "DELETE FROM page_text WHERE id = ?1"),
      remove_property_(db, "DELETE FROM page_text WHERE page_rowid = ?1 AND property_id = ?2"),
      insert_(db, "INSERT INTO page_text (page_rowid, property_id, folded, unsettled) VALUES (?1, ?2, ?3, ?4)"),
      // The updates say OR IGNORE so that SQLite runs them without a statement journal:
      // a statement that fires a trigger and may abort (here only on the NOT NULL of the
      // columns set, which are never bound NULL) copies every page it changes to one,
      // about 5,000 instructions per changed text (docs/benchmarks.md). The outer clause
      // also applies to the trigger's INSERT OR IGNORE, which ignores already. Not an
      // upsert, so that a value without a row is inserted by a statement that fails on a
      // conflict rather than skipping it.
      update_(db, "UPDATE OR IGNORE page_text SET folded = ?2, unsettled = ?3 WHERE id = ?1"),
      update_property_(
          db, "UPDATE OR IGNORE page_text SET folded = ?3, unsettled = ?4 WHERE page_rowid = ?1 AND property_id = ?2"),
      // The text alone: a statement that sets `unsettled` also keeps the partial index
      // page_text_unsettled, whose WHERE names it, about 1,000 instructions more.
      update_property_text_(db,
                            "UPDATE OR IGNORE page_text SET folded = ?3 WHERE page_rowid = ?1 AND property_id = ?2") {}

Status PageTextWriter::Insert(int64_t page_rowid, const PageText& row) {
  insert_.Bind(1, page_rowid).Bind(2, row.property_id).Bind(3, row.folded).Bind(4, int64_t{row.unsettled});
  return insert_.Run();
}

Result<size_t> PageTextWriter::Apply(int64_t page_rowid, const std::vector<PageTextEdit>& edits) {
  for (const PageTextEdit& edit : edits) {
    if (!edit.row) {
      remove_property_.Bind(1, page_rowid).Bind(2, edit.property_id);
      LN_RETURN_IF_ERROR(remove_property_.Run());
      continue;
    }
    // A value that had a row keeps it, and its id: one UPDATE, one note for the index.
    // A row's `unsettled` is whether its value held a mention, so it is right already when
    // that did not change.
    if (edit.same_unsettled) {
      update_property_text_.Bind(1, page_rowid).Bind(2, edit.property_id).Bind(3, edit.row->folded);
      LN_RETURN_IF_ERROR(update_property_text_.Run());
    } else {
      update_property_.Bind(1, page_rowid).Bind(2, edit.property_id).Bind(3, edit.row->folded);
      update_property_.Bind(4, int64_t{edit.row->unsettled});
      LN_RETURN_IF_ERROR(update_property_.Run());
    }
    if (sqlite3_changes(db_) == 0) LN_RETURN_IF_ERROR(Insert(page_rowid, *edit.row));
  }
  return edits.size();
}

Result<size_t> PageTextWriter::Write(int64_t page_rowid, const PageRecord& page, const schema::Schema* schema) {
  // Most writes change no text (a checkbox, a number, a date): the rows that are already
  // right stay, so the trigram index is only touched for the text that changed; a row
  // whose text changed is updated in place and keeps its id.
  struct Old {
    int64_t id;
    PageText text;
    bool seen = false;
  };
  std::vector<Old> old;
  select_.Bind(1, page_rowid);
  for (;;) {
    LN_ASSIGN_OR_RETURN(bool row, select_.StepRow());
    if (!row) break;
    old.push_back(Old{select_.Int(0), PageText{select_.Text(1), select_.Text(2), select_.Int(3) != 0}});
  }
  select_.Reset();
  size_t written = 0;
  for (const PageText& row : PageTexts(page, schema)) {
    Old* match = nullptr;
    for (Old& o : old) {
      if (o.text.property_id == row.property_id) match = &o;
    }
    if (match == nullptr) {
      LN_RETURN_IF_ERROR(Insert(page_rowid, row));
      ++written;
      continue;
    }
    match->seen = true;
    if (match->text.folded == row.folded && match->text.unsettled == row.unsettled) continue;
    update_.Bind(1, match->id).Bind(2, row.folded).Bind(3, int64_t{row.unsettled});
    LN_RETURN_IF_ERROR(update_.Run());
    ++written;
  }
  for (const Old& o : old) {
    if (o.seen) continue;
    remove_.Bind(1, o.id);
    LN_RETURN_IF_ERROR(remove_.Run());
    ++written;
  }
  return written;
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
