#pragma once

#include <rapidjson/document.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <sys/types.h>
#include <thread>
#include <utility>
#include <vector>

namespace badung::cityd::test {

// Folders of the test fixtures and of the shipped server settings.
std::filesystem::path test_data_dir();
std::filesystem::path fixture_web_root();
std::filesystem::path fixture_data_root();
std::filesystem::path shipped_config();

// The shipped settings with the POST rate limit off, because most tests
// post more than one client may. Written once per test run.
std::filesystem::path test_config();

// A fresh temporary folder, removed with its content on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

struct CitydOptions {
    std::filesystem::path web_root = fixture_web_root();
    std::filesystem::path data_root = fixture_data_root();
    std::optional<std::filesystem::path> config = test_config();
    // A data folder to reuse. Empty means a fresh temporary one.
    std::filesystem::path data_dir;
    std::vector<std::string> extra_args;
};

// The real badung-cityd started as a child process with TZ=UTC on a free
// loopback port (--port 0). Stopped with SIGTERM on destruction.
class CitydProcess {
public:
    // Starts the server and waits up to 10 s for its address. Throws
    // std::runtime_error with the server's output when it does not start.
    explicit CitydProcess(CitydOptions options = {});
    ~CitydProcess();
    CitydProcess(const CitydProcess&) = delete;
    CitydProcess& operator=(const CitydProcess&) = delete;

    int port() const noexcept { return port_; }
    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    const std::filesystem::path& data_dir() const noexcept { return data_dir_; }
    std::filesystem::path database() const { return data_dir_ / "cityd.sqlite"; }

    // Sends a signal and waits for the exit. Returns the exit status, or
    // 128 + signal when the server died of a signal.
    int stop(int signal_number);

    // Everything the server wrote to stdout and stderr so far.
    std::string output();

    // Waits up to 5 s until the output contains `text`.
    bool wait_for_output(const std::string& text);

private:
    void read_output(int fd);

    std::optional<TempDir> own_data_dir_;
    std::filesystem::path data_dir_;
    pid_t pid_ = -1;
    int port_ = 0;
    std::thread reader_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::string output_;
};

// Runs badung-cityd with `args` to its exit (for start-up failures) and
// returns the exit status and its output. Gives up after 10 s.
std::pair<int, std::string> run_cityd_to_exit(const std::vector<std::string>& args);

// Sends raw bytes over loopback and returns the whole response text.
std::string raw_http(int port, const std::string& request);

// Parses JSON text, and fails the current test when it is not JSON.
// The service_request_id of a POST response body, or "" when the body is
// not that shape. Free of Catch2 macros, so sender threads may call it
// (Catch2 assertions are not thread-safe).
std::string request_id_of(const std::string& body);

rapidjson::Document parse_json(const std::string& text);

// Returns the status code of a raw HTTP response ("HTTP/1.1 404 ...").
int raw_status(const std::string& response);

// Returns the body of a raw HTTP response: what follows the blank line
// after the headers, or "" when there is none.
std::string raw_body(const std::string& response);

} // namespace badung::cityd::test
