// The PostgreSQL store's numbered migrations (migrations/NNNN_*.sql.h), applied when a
// store opens and by `localnotion migrate`. Each store keeps its own bookkeeping in its
// own schema (table schema_migrations), so two stores in two schemas of one database
// migrate independently. Migrations never change once released: a later layout is a
// new numbered file.
#pragma once

#include "common/error.h"
#include "storage/postgres/pg_connection.h"

namespace localnotion::storage {

int LatestPostgresMigration();

// Creates the connection's schema if missing and applies the migrations it lacks, each
// in its own transaction. Instances starting at once over one database take turns (a
// session advisory lock), so each migration is applied exactly once. Returns the number
// of migrations applied.
Result<int> MigratePostgres(PgConnection& conn);

}  // namespace localnotion::storage
