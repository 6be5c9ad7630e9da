#pragma once

#include "cityd_process.hpp"

#include <httplib.h>

#include <filesystem>
#include <string>
#include <vector>

namespace badung::cityd::test {

inline const char* const form_type = "application/x-www-form-urlencoded";
inline const char* const staff_token = "staff-token-for-tests-0123456789";

// Writes `folder`/cityd.conf: the shipped settings with the services file
// made absolute, then `extra_lines`, whose keys override the shipped ones.
std::filesystem::path write_config(const std::filesystem::path& folder, const std::string& extra_lines);

// Runs a query on a database file and returns the first column of each row
// as text. Free of Catch2 macros; throws std::runtime_error on failure.
std::vector<std::string> query_database(const std::filesystem::path& database, const std::string& sql);

// Posts a form report of a road in Kuta and returns the response.
httplib::Result post_road_report(httplib::Client& client, const std::string& extra_fields = "",
                                 const httplib::Headers& headers = {});

// Checks an Open311 error array [{"code": status, "description": ...}]
// whose description contains `text`.
void check_open311_error(const httplib::Result& res, int status, const std::string& text);

} // namespace badung::cityd::test
