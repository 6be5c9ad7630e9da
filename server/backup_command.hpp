#pragma once

#include <string>
#include <vector>

namespace badung::cityd {

// Runs `badung-cityd backup --data-dir DIR --out FILE`: copies the report
// database with SQLite's online backup API while the server may keep
// serving (WAL lets its writers go on), checks the copy's integrity and
// renames it into place. Returns the exit status: 0 done, 1 failed, 2 usage.
int run_backup_command(const std::vector<std::string>& args);

} // namespace badung::cityd
