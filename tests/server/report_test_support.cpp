#include "report_test_support.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace badung::cityd::test {

std::filesystem::path write_config(const std::filesystem::path& folder, const std::string& extra_lines) {
    std::ifstream shipped(shipped_config());
    std::stringstream text;
    text << shipped.rdbuf();

    const auto file = folder / "cityd.conf";
    std::ofstream(file) << text.str() << "\nservices_file = "
                        << (shipped_config().parent_path() / "services.json").string() << "\n"
                        << extra_lines << "\n";
    return file;
}

std::vector<std::string> query_database(const std::filesystem::path& database, const std::string& sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + database.string());
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
        const std::string error = sqlite3_errmsg(db);
        sqlite3_close(db);
        throw std::runtime_error("cannot prepare '" + sql + "': " + error);
    }
    std::vector<std::string> values;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        const auto* text = sqlite3_column_text(statement, 0);
        values.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return values;
}

httplib::Result post_road_report(httplib::Client& client, const std::string& extra_fields,
                                 const httplib::Headers& headers) {
    const std::string body = "service_code=JLN-01&lat=-8.7177&long=115.1691&attribute%5Btingkat%5D=berat"
                             "&description=Jalan+berlubang" +
                             extra_fields;
    return client.Post("/open311/v2/requests.json", headers, body, form_type);
}

void check_open311_error(const httplib::Result& res, int status, const std::string& text) {
    REQUIRE(res);
    INFO("body: " << res->body);
    CHECK(res->status == status);
    const auto body = parse_json(res->body);
    REQUIRE(body.IsArray());
    REQUIRE(body.Size() == 1);
    CHECK(body[0]["code"].GetInt() == status);
    REQUIRE(body[0]["description"].IsString());
    CHECK(std::string(body[0]["description"].GetString()).find(text) != std::string::npos);
}

} // namespace badung::cityd::test
