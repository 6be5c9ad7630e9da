#pragma once

#include "server/command_line.hpp"

#include <memory>
#include <stdexcept>

namespace httplib {
class Server;
} // namespace httplib

namespace badung::cityd {

// Raised when --tls-cert or --tls-key cannot be used; the message names the
// file and what to do.
class TlsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Checks that `cert_file` holds a PEM certificate (chain), `key_file` a PEM
// private key, and that the key belongs to the certificate. Throws TlsError.
void check_tls_files(const std::filesystem::path& cert_file, const std::filesystem::path& key_file);

// Creates the HTTP server: an HTTPS one (OpenSSL through cpp-httplib) when
// the command line names a certificate and key, else plain HTTP. Throws
// TlsError when the files are not usable.
std::unique_ptr<httplib::Server> make_http_server(const CommandLine& options);

} // namespace badung::cityd
