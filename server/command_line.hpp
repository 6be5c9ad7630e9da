#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace badung::cityd {

// Options of the badung-cityd command line.
struct CommandLine {
    std::filesystem::path web_root;
    std::filesystem::path data_root;
    std::optional<std::filesystem::path> config_file;
    int port = 8080;
    std::string host = "127.0.0.1";
    std::filesystem::path data_dir = "var";
    // PEM certificate (chain) and private key; both set or neither.
    std::optional<std::filesystem::path> tls_cert;
    std::optional<std::filesystem::path> tls_key;
    bool help = false;
};

// Raised for a missing, unknown or invalid option, which the message names.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Parses the arguments after the program name. Throws UsageError.
CommandLine parse_command_line(const std::vector<std::string>& args);

// Returns the help text of the command line.
std::string usage_text();

} // namespace badung::cityd
