// PostgreSQL migration 8: the folded text of each page's text values (page_text), with
// pg_trgm GIN indexes over it and over pages.title_folded, so that text terms of a page
// scan and title search read an index instead of every page (pg_page_text.h). The rows
// are the SQLite store's page_text rows (sqlite/page_text.h): one per property whose
// value is a string or an array with folded text that is not empty, or that holds a
// mention (`unsettled`). The migration fills the table from the existing pages in C++
// (BackfillPgPageText, run by pg_migrations.cc inside the same transaction), since the
// folding is query::FoldCase's, not PostgreSQL's lower().
//
// pg_trgm: an extension lives in one schema of the database, while each store has a
// schema of its own. It is created once, in schema localnotion_ext (so that dropping a
// store's schema never drops it, nor the other stores' indexes with it), unless it is
// installed already, in which case its schema is used. The operator class is named with
// that schema; LIKE itself is pg_catalog's operator, so the indexes serve it whatever the
// search_path.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kPgMigration0008PageText = R"sql(
CREATE TABLE page_text (
  page_seq    bigint NOT NULL,
  property_id text COLLATE "C" NOT NULL,
  folded      text NOT NULL,
  unsettled   boolean NOT NULL,
  PRIMARY KEY (page_seq, property_id)
);
CREATE INDEX page_text_unsettled ON page_text (property_id, page_seq) WHERE unsettled;
DO $$
DECLARE ext_schema text;
BEGIN
  SELECT n.nspname INTO ext_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
  IF ext_schema IS NULL THEN
    CREATE SCHEMA IF NOT EXISTS localnotion_ext;
    CREATE EXTENSION pg_trgm SCHEMA localnotion_ext;
    ext_schema := 'localnotion_ext';
  END IF;
  EXECUTE format('CREATE INDEX page_text_trgm ON page_text USING gin (folded %I.gin_trgm_ops)', ext_schema);
  EXECUTE format('CREATE INDEX pages_title_trgm ON pages USING gin (title_folded %I.gin_trgm_ops)', ext_schema);
END
$$;
)sql";

}  // namespace localnotion::storage
