#pragma once

#include "server/report_store.hpp"
#include "server/sqlite_database.hpp"

namespace badung::cityd {

// The columns of service_requests that GET returns, in the order
// read_public_request() reads them. Personal fields are not among them.
extern const char* const public_request_columns;

// Reads a row selected with public_request_columns.
PublicServiceRequest read_public_request(const Statement& row);

} // namespace badung::cityd
