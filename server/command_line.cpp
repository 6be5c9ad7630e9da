#include "server/command_line.hpp"

#include <charconv>

namespace badung::cityd {

namespace {

int parse_port(const std::string& value) {
    int port = -1;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), port);
    if (ec != std::errc{} || end != value.data() + value.size() || port < 0 || port > 65535) {
        throw UsageError("--port '" + value + "' is not a port number; use 0..65535 (0 picks a free port)");
    }
    return port;
}

bool is_known_option(const std::string& name) {
    for (const char* known : {"--web-root", "--data-root", "--config", "--port", "--host", "--data-dir", "--tls-cert",
                              "--tls-key"}) {
        if (name == known) {
            return true;
        }
    }
    return false;
}

} // namespace

std::string usage_text() {
    return "usage: badung-cityd --web-root DIR --data-root DIR [--config FILE] [--port N] [--host ADDR]\n"
           "                    [--data-dir DIR] [--tls-cert FILE --tls-key FILE]\n"
           "\n"
           "  --web-root DIR   static files of the web build, served at /\n"
           "  --data-root DIR  map data (catalog.json, layers/), served at /data/ and as OGC API collections\n"
           "  --config FILE    settings as key = value lines (see server/cityd.conf)\n"
           "  --port N         TCP port to listen on (default 8080; 0 picks a free port)\n"
           "  --host ADDR      address to listen on (default 127.0.0.1)\n"
           "  --data-dir DIR   folder of the report database cityd.sqlite and of photos (default ./var)\n"
           "  --tls-cert FILE  PEM certificate (chain): serve HTTPS instead of HTTP; needs --tls-key\n"
           "  --tls-key FILE   PEM private key of --tls-cert, without a passphrase\n"
           "\n"
           "       badung-cityd backup --data-dir DIR --out FILE\n"
           "  copies the report database while the server runs (SQLite online backup)\n";
}

CommandLine parse_command_line(const std::vector<std::string>& args) {
    CommandLine options;
    bool have_web_root = false;
    bool have_data_root = false;

    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& name = args[i];
        if (name == "--help" || name == "-h") {
            options.help = true;
            return options;
        }
        if (!is_known_option(name)) {
            throw UsageError(name.rfind("-", 0) == 0 ? "unknown option '" + name + "'; see --help"
                                                     : "unexpected argument '" + name + "'");
        }
        if (i + 1 >= args.size()) {
            throw UsageError("option " + name + " needs a value");
        }

        const std::string& value = args[++i];
        if (name == "--web-root") {
            options.web_root = value;
            have_web_root = true;
        } else if (name == "--data-root") {
            options.data_root = value;
            have_data_root = true;
        } else if (name == "--config") {
            options.config_file = value;
        } else if (name == "--port") {
            options.port = parse_port(value);
        } else if (name == "--host") {
            options.host = value;
        } else if (name == "--data-dir") {
            options.data_dir = value;
        } else if (name == "--tls-cert") {
            options.tls_cert = value;
        } else if (name == "--tls-key") {
            options.tls_key = value;
        } else {
            throw UsageError("unknown option '" + name + "'");
        }
    }

    if (!have_web_root || !have_data_root) {
        throw UsageError("--web-root and --data-root are required");
    }
    if (options.tls_cert.has_value() != options.tls_key.has_value()) {
        throw UsageError("--tls-cert and --tls-key go together; pass both for HTTPS, or neither for HTTP");
    }
    return options;
}

} // namespace badung::cityd
