#include "server/tls_server.hpp"

#include <httplib.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <fstream>

namespace badung::cityd {

namespace {

// The text of OpenSSL's oldest queued error, or "" when there is none.
std::string openssl_reason() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) {
        return "";
    }
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return std::string(": ") + text;
}

// Throws TlsError unless `file` is a regular file this process can open.
void require_readable(const std::string& option, const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::exists(file, error)) {
        throw TlsError(option + " file '" + file.string() + "' does not exist; pass the path of a PEM file");
    }
    if (!std::filesystem::is_regular_file(file, error)) {
        throw TlsError(option + " '" + file.string() + "' is not a regular file; pass the path of a PEM file");
    }
    if (!std::ifstream(file, std::ios::binary)) {
        throw TlsError("cannot read " + option + " file '" + file.string() +
                       "'; check that the user running badung-cityd may read it");
    }
}

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File open_file(const std::filesystem::path& file) {
    return File(std::fopen(file.c_str(), "rb"));
}

} // namespace

void check_tls_files(const std::filesystem::path& cert_file, const std::filesystem::path& key_file) {
    require_readable("--tls-cert", cert_file);
    require_readable("--tls-key", key_file);
    ERR_clear_error();

    const File cert_stream = open_file(cert_file);
    std::unique_ptr<X509, decltype(&X509_free)> cert(
        cert_stream ? PEM_read_X509(cert_stream.get(), nullptr, nullptr, nullptr) : nullptr, X509_free);
    if (!cert) {
        throw TlsError("--tls-cert file '" + cert_file.string() + "' contains no PEM certificate" + openssl_reason() +
                       "; pass a file that starts with -----BEGIN CERTIFICATE-----");
    }

    const File key_stream = open_file(key_file);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        key_stream ? PEM_read_PrivateKey(key_stream.get(), nullptr, nullptr, nullptr) : nullptr, EVP_PKEY_free);
    if (!key) {
        throw TlsError("--tls-key file '" + key_file.string() + "' contains no unencrypted PEM private key" +
                       openssl_reason() + "; pass the key file without a passphrase");
    }

    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        ERR_clear_error();
        throw TlsError("--tls-key '" + key_file.string() + "' does not match the certificate in --tls-cert '" +
                       cert_file.string() + "'; pass the key the certificate was issued for");
    }
}

std::unique_ptr<httplib::Server> make_http_server(const CommandLine& options) {
    if (!options.tls_cert) {
        return std::make_unique<httplib::Server>();
    }
    check_tls_files(*options.tls_cert, *options.tls_key);

    auto server = std::make_unique<httplib::SSLServer>(options.tls_cert->c_str(), options.tls_key->c_str());
    if (!server->is_valid()) {
        throw TlsError("OpenSSL rejected --tls-cert '" + options.tls_cert->string() + "' with --tls-key '" +
                       options.tls_key->string() + "'" + openssl_reason() + "; check both files");
    }
    return server;
}

} // namespace badung::cityd
