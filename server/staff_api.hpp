#pragma once

#include "server/open311_api.hpp"

#include <string_view>

namespace httplib {
class Server;
}

namespace badung::cityd {

// Registers the staff routes, which need `Authorization: Bearer <staff_token>`:
//   POST /open311/v2/requests/{id}/status.json (also without .json) changes
//     status, status_notes, agency_responsible and expected_datetime, records
//     the change in the history and returns the request as GET does;
//   GET /open311/v2/requests/{id}/history.json returns the changes, oldest first.
// A missing token gets 401, a wrong one (or no staff_token configured) 403.
// Register before register_open311_routes(), whose catch-all would match first.
void register_staff_routes(httplib::Server& server, Open311Context& context);

// Compares two secrets in time that depends only on their lengths, so a
// client cannot learn a token byte by byte from response times.
bool secrets_equal(std::string_view given, std::string_view expected) noexcept;

} // namespace badung::cityd
