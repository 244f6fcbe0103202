// PgRecords: users, integrations, shares, meta and reset.
#include "storage/postgres/pg_records.h"

namespace localnotion::storage {
namespace {

constexpr const char* kPgUserColumns = "SELECT id, type, name, avatar_url, email, integration_id FROM users";
constexpr const char* kPgIntegrationColumns =
    "SELECT id, name, secret_hash, bot_user_id, capabilities, created_time FROM integrations";

UserRecord ReadUser(const PgRows& rows, int r) {
  UserRecord u;
  u.id = rows.Text(r, 0);
  u.type = rows.Text(r, 1);
  u.name = rows.Text(r, 2);
  u.avatar_url = rows.Nullable(r, 3);
  u.email = rows.Nullable(r, 4);
  u.integration_id = rows.Nullable(r, 5).value_or("");
  return u;
}

IntegrationRecord ReadIntegration(const PgRows& rows, int r) {
  return IntegrationRecord{rows.Text(r, 0), rows.Text(r, 1), rows.Text(r, 2),
                           rows.Text(r, 3), rows.Text(r, 4), rows.Int(r, 5)};
}

}  // namespace

Result<std::optional<UserRecord>> PgRecords::GetUser(std::string_view id) {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(std::string(kPgUserColumns) + " WHERE id = $1", PgParams().Text(id)));
  if (rows.size() == 0) return std::optional<UserRecord>();
  return std::optional<UserRecord>(ReadUser(rows, 0));
}

Result<std::vector<UserRecord>> PgRecords::ListUsers(std::string_view from_id, int limit) {
  LN_ASSIGN_OR_RETURN(
      PgRows rows, conn_.Query(std::string(kPgUserColumns) + " WHERE id >= $1::text COLLATE \"C\" ORDER BY id LIMIT $2",
                               PgParams().Text(from_id).Int(limit)));
  std::vector<UserRecord> out;
  for (int r = 0; r < rows.size(); ++r) out.push_back(ReadUser(rows, r));
  return out;
}

Status PgRecords::PutUser(const UserRecord& u) {
  PgParams params;
  params.Text(u.id).Text(u.type).Text(u.name).Opt(u.avatar_url).Opt(u.email);
  params.Opt(u.integration_id.empty() ? std::nullopt : std::optional<std::string>(u.integration_id));
  LN_RETURN_IF_ERROR(BumpCacheGeneration());
  return (
      Run("INSERT INTO users (id, type, name, avatar_url, email, integration_id) VALUES ($1, $2, $3, $4, $5, $6) "
          "ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, name = EXCLUDED.name, "
          "avatar_url = EXCLUDED.avatar_url, email = EXCLUDED.email, integration_id = EXCLUDED.integration_id",
          params));
}

Result<std::optional<IntegrationRecord>> PgRecords::FindIntegrationBySecretHash(std::string_view secret_hash) {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(std::string(kPgIntegrationColumns) + " WHERE secret_hash = $1",
                                               PgParams().Text(secret_hash)));
  if (rows.size() == 0) return std::optional<IntegrationRecord>();
  return std::optional<IntegrationRecord>(ReadIntegration(rows, 0));
}

Result<std::vector<IntegrationRecord>> PgRecords::ListIntegrations() {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(std::string(kPgIntegrationColumns) + " ORDER BY created_time, id"));
  std::vector<IntegrationRecord> out;
  for (int r = 0; r < rows.size(); ++r) out.push_back(ReadIntegration(rows, r));
  return out;
}

Status PgRecords::PutIntegration(const IntegrationRecord& i) {
  // As SQLite's INSERT OR REPLACE: another integration holding the same secret hash
  // is replaced too.
  LN_RETURN_IF_ERROR(BumpCacheGeneration());
  LN_RETURN_IF_ERROR(
      Run("DELETE FROM integrations WHERE secret_hash = $1 AND id <> $2", PgParams().Text(i.secret_hash).Text(i.id)));
  PgParams params;
  params.Text(i.id).Text(i.name).Text(i.secret_hash).Text(i.bot_user_id).Text(i.capabilities).Int(i.created_time);
  LN_RETURN_IF_ERROR(
      Run("INSERT INTO integrations (id, name, secret_hash, bot_user_id, capabilities, created_time) "
          "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, "
          "secret_hash = EXCLUDED.secret_hash, bot_user_id = EXCLUDED.bot_user_id, "
          "capabilities = EXCLUDED.capabilities, created_time = EXCLUDED.created_time",
          params));
  return OkStatus();
}

Status PgRecords::DeleteIntegration(std::string_view id) {
  // The bot user goes with its integration: pages it created keep its id and show it as
  // a partial user.
  LN_RETURN_IF_ERROR(BumpCacheGeneration());
  for (const char* sql : {"DELETE FROM users WHERE type = 'bot' AND integration_id = $1",
                          "DELETE FROM shares WHERE integration_id = $1", "DELETE FROM integrations WHERE id = $1"}) {
    LN_RETURN_IF_ERROR(Run(sql, PgParams().Text(id)));
  }
  return OkStatus();
}

Result<std::vector<std::string>> PgRecords::ListShares(std::string_view integration_id) {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query("SELECT object_id FROM shares WHERE integration_id = $1 ORDER BY seq",
                                               PgParams().Text(integration_id)));
  std::vector<std::string> out;
  for (int r = 0; r < rows.size(); ++r) out.push_back(rows.Text(r, 0));
  return out;
}

// Shares are cached (CachingStore) as integrations are: a write moves the generation.
Status PgRecords::PutShare(std::string_view integration_id, std::string_view object_id) {
  LN_RETURN_IF_ERROR(BumpCacheGeneration());
  return Run("INSERT INTO shares (integration_id, object_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
             PgParams().Text(integration_id).Text(object_id));
}

Status PgRecords::DeleteShare(std::string_view integration_id, std::string_view object_id) {
  LN_RETURN_IF_ERROR(BumpCacheGeneration());
  return Run("DELETE FROM shares WHERE integration_id = $1 AND object_id = $2",
             PgParams().Text(integration_id).Text(object_id));
}

namespace {
// Keys written once when the workspace is made and only read after: read without a lock.
bool FixedMetaKey(std::string_view key) {
  return key == "workspace_id" || key == "workspace_name" || key == "owner_user_id";
}
}  // namespace

Result<std::optional<std::string>> PgRecords::GetMeta(std::string_view key) {
  // A write transaction may write what it read (a cursor, a counter, an index): the
  // key's lock first, so the read below sees the last committed value and no other
  // writer changes it before this transaction ends.
  if (writable_ && !FixedMetaKey(key)) LN_RETURN_IF_ERROR(LockKey("meta:" + std::string(key)));
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query("SELECT value FROM meta WHERE key = $1", PgParams().Text(key)));
  if (rows.size() == 0) return std::optional<std::string>();
  return std::optional<std::string>(rows.Text(0, 0));
}

Status PgRecords::PutMeta(std::string_view key, std::string_view value) {
  return Run("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
             PgParams().Text(key).Text(value));
}

Status PgRecords::Reset(bool keep_integrations) {
  LN_RETURN_IF_ERROR(BumpCacheGeneration());  // refuses in a read transaction
  LN_RETURN_IF_ERROR(FlushChanges());         // changes appended before are emptied too
  LN_RETURN_IF_ERROR(conn_.Exec(
      "DELETE FROM pages; DELETE FROM page_text; DELETE FROM data_sources; DELETE FROM databases; DELETE FROM changes; "
      "DELETE FROM blocks; DELETE FROM file_upload_parts; DELETE FROM file_uploads; DELETE FROM comments; "
      "DELETE FROM webhook_deliveries; DELETE FROM views;"));
  // Webhook subscriptions go with their integrations; those kept start again at the
  // emptied outbox.
  if (keep_integrations) {
    return conn_.Exec(
        "UPDATE webhook_subscriptions SET after_sequence = 0; "
        "DELETE FROM shares WHERE object_id <> 'workspace'; "
        "DELETE FROM meta WHERE key NOT IN ('default_token', 'admin_token', 'file_url_secret', 'shard_map'); "
        "DELETE FROM users WHERE integration_id IS NULL OR integration_id NOT IN (SELECT id FROM integrations);");
  }
  return conn_.Exec(
      "DELETE FROM webhook_subscriptions; DELETE FROM shares; "
      "DELETE FROM meta WHERE key NOT IN ('admin_token', 'file_url_secret', 'shard_map'); DELETE FROM users; "
      "DELETE FROM integrations;");
}

}  // namespace localnotion::storage
