#include "storage/postgres/pg_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>

namespace localnotion::storage {
namespace {

// A loopback port nobody listens on now.
int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

bool TestPostgres::Required() {
  const char* v = std::getenv("LOCALNOTION_REQUIRE_POSTGRES");
  return v != nullptr && std::string(v) == "1";
}

Result<TestPostgres*> TestPostgres::Get() {
  static std::mutex mu;
  static std::unique_ptr<TestPostgres> server;
  static std::optional<Error> failed;
  std::lock_guard<std::mutex> lock(mu);
  if (server) return server.get();
  if (failed) return *failed;
  std::unique_ptr<TestPostgres> made(new TestPostgres());
  Status started = made->Start();
  if (!started.ok()) {
    failed = started.error();
    return std::move(started).error();
  }
  server = std::move(made);
  return server.get();
}

Status TestPostgres::Start() {
  const char* bin = std::getenv("LOCALNOTION_PG_BIN");
  bin_ = bin ? bin : "/usr/lib/postgresql/15/bin";
  if (access((bin_ + "/initdb").c_str(), X_OK) != 0 || access((bin_ + "/pg_ctl").c_str(), X_OK) != 0) {
    return InternalError("PostgreSQL 15 is not installed (no " + bin_ +
                         "/initdb); install the Debian package postgresql-15 (make deps)");
  }
  std::string tmpl = (std::filesystem::temp_directory_path() / "ln_pg_XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) return InternalError("cannot make a temporary directory for PostgreSQL");
  dir_ = tmpl;
  std::string as_user;
  if (geteuid() == 0) {
    passwd* pw = getpwnam("postgres");
    if (pw == nullptr) return InternalError("running as root, and there is no `postgres` user to run PostgreSQL as");
    if (chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) return InternalError("cannot chown " + dir_);
    as_user = "runuser -u postgres -- ";
  }
  port_ = FreePort();
  const std::string data = dir_ + "/data";
  // initdb takes seconds, and every test process needs a cluster: one initdb'ed
  // template per machine is copied instead. It is made under a private name and renamed
  // into place, so processes starting at once never see half of one.
  const std::string tmp = std::filesystem::temp_directory_path().string();
  const std::string uid = std::to_string(geteuid());
  const std::string tmpl_dir = tmp + "/localnotion-pg15-template-" + uid;
  if (access((tmpl_dir + "/PG_VERSION").c_str(), R_OK) != 0) {
    const std::string making = dir_ + "/template";
    std::string initdb = as_user + ShellQuote(bin_ + "/initdb") + " -D " + ShellQuote(making) +
                         " --no-locale -E UTF8 -A trust -U postgres -N > " + ShellQuote(dir_ + "/initdb.log") + " 2>&1";
    if (std::system(initdb.c_str()) != 0) return InternalError("initdb failed; see " + dir_ + "/initdb.log");
    std::error_code ec;
    std::filesystem::rename(making, tmpl_dir, ec);  // another process may have won: then its copy is used
    std::filesystem::remove_all(making, ec);
  }
  std::string copy = as_user + "cp -a " + ShellQuote(tmpl_dir) + " " + ShellQuote(data);
  if (std::system(copy.c_str()) != 0) return InternalError("cannot copy the PostgreSQL template " + tmpl_dir);
  std::string start = as_user + ShellQuote(bin_ + "/pg_ctl") + " start -w -t 60 -D " + ShellQuote(data) + " -l " +
                      ShellQuote(dir_ + "/server.log") + " -o " +
                      ShellQuote("-p " + std::to_string(port_) + " -k " + dir_ +
                                 " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300") +
                      " > /dev/null 2>&1";
  if (std::system(start.c_str()) != 0) return InternalError("pg_ctl start failed; see " + dir_ + "/server.log");
  started_ = true;
  url_ = "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/postgres";
  return OkStatus();
}

bool TestPostgres::Psql(const std::string& sql) const {
  std::string cmd = ShellQuote(bin_ + "/psql") + " -q -v ON_ERROR_STOP=1 -d " + ShellQuote(url_) + " -c " +
                    ShellQuote(sql) + " > /dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

TestPostgres::~TestPostgres() {
  if (started_) {
    std::string as_user = geteuid() == 0 ? "runuser -u postgres -- " : "";
    std::string stop = as_user + ShellQuote(bin_ + "/pg_ctl") + " stop -m immediate -D " + ShellQuote(dir_ + "/data") +
                       " > /dev/null 2>&1";
    (void)std::system(stop.c_str());
  }
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

}  // namespace localnotion::storage
