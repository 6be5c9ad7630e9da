#pragma once

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace badung::cityd {

// Returns true when the connection must not carry another request after
// this response. That is the case when the library could not read the
// request, or when an error response went to a request that declared a
// body, because part of that body may still be unread.
bool must_close_connection(const httplib::Request& req, const httplib::Response& res);

// Ends the keep-alive loop of the TCP connection that carried `req`, after
// its response has been written. cpp-httplib 0.11.4 has no call for this,
// and a "Connection: close" response header does not stop its loop. So this
// finds the socket by the request's address pair and sends FIN. Then it
// points the descriptor at /dev/null, where the library's next read fails
// and the library closes it.
// Returns false when no socket matches, e.g. when the library rejected the
// request line before it recorded the client's address.
bool end_connection_after_response(const httplib::Request& req);

} // namespace badung::cityd
