#include "cityd_process.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <netinet/in.h>
#include <regex>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace badung::cityd::test {

namespace {

using namespace std::chrono_literals;

std::vector<std::string> server_args(const CitydOptions& options, const std::filesystem::path& data_dir) {
    std::vector<std::string> args = {"--web-root", options.web_root.string(), "--data-root",
                                     options.data_root.string(), "--host", "127.0.0.1", "--port", "0",
                                     "--data-dir", data_dir.string()};
    if (options.config) {
        args.push_back("--config");
        args.push_back(options.config->string());
    }
    args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
    return args;
}

// Starts badung-cityd with TZ=UTC and its stdout and stderr on one pipe.
// Returns the child pid and the read end of the pipe.
std::pair<pid_t, int> spawn_cityd(const std::vector<std::string>& args) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) {
        throw std::runtime_error("pipe failed");
    }

    std::vector<std::string> env_strings = {"TZ=UTC"};
    for (char** entry = environ; *entry != nullptr; ++entry) {
        if (std::string(*entry).rfind("TZ=", 0) != 0) {
            env_strings.emplace_back(*entry);
        }
    }

    std::vector<char*> argv = {const_cast<char*>(BADUNG_CITYD_PATH)};
    for (const auto& arg : args) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& entry : env_strings) {
        envp.push_back(entry.data());
    }
    envp.push_back(nullptr);

    const pid_t pid = fork();
    if (pid == 0) {
        dup2(pipe_fds[1], STDOUT_FILENO);
        dup2(pipe_fds[1], STDERR_FILENO);
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        execve(BADUNG_CITYD_PATH, argv.data(), envp.data());
        _exit(127);
    }
    close(pipe_fds[1]);
    if (pid < 0) {
        close(pipe_fds[0]);
        throw std::runtime_error("fork failed");
    }
    return {pid, pipe_fds[0]};
}

// Waits for a child to exit. A child still running at the deadline is
// killed, and the returned status reads as exit code 124 so the test fails.
int wait_with_deadline(pid_t pid, std::chrono::seconds timeout) {
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        const pid_t result = waitpid(pid, &status, WNOHANG);
        if (result == pid || (result < 0 && errno != EINTR)) {
            return status;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return 124 << 8;
        }
        std::this_thread::sleep_for(10ms);
    }
}

int exit_status(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

} // namespace

std::filesystem::path test_data_dir() {
    return BADUNG_TEST_DATA;
}

std::filesystem::path fixture_web_root() {
    return test_data_dir() / "server" / "web";
}

std::filesystem::path fixture_data_root() {
    return test_data_dir() / "server" / "data";
}

std::filesystem::path shipped_config() {
    return std::filesystem::path(BADUNG_SOURCE_DIR) / "server" / "cityd.conf";
}

std::filesystem::path test_config() {
    static TempDir folder;
    static const std::filesystem::path file = [] {
        std::ifstream shipped(shipped_config());
        std::stringstream text;
        text << shipped.rdbuf();
        const auto path = folder.path() / "cityd.conf";
        std::ofstream(path) << text.str() << "\nservices_file = "
                            << (shipped_config().parent_path() / "services.json").string()
                            << "\nrate_limit_posts_per_minute = 0\n";
        return path;
    }();
    return file;
}

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "badung-cityd-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed for " + pattern);
    }
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
}

CitydProcess::CitydProcess(CitydOptions options) {
    if (options.data_dir.empty()) {
        own_data_dir_.emplace();
        data_dir_ = own_data_dir_->path();
    } else {
        data_dir_ = options.data_dir;
    }

    const auto [pid, fd] = spawn_cityd(server_args(options, data_dir_));
    pid_ = pid;
    reader_ = std::thread([this, fd = fd] { read_output(fd); });

    const std::regex address(R"(serving https?://127\.0\.0\.1:(\d+))");
    std::unique_lock lock(mutex_);
    std::smatch match;
    const bool started = changed_.wait_for(lock, 10s, [&] { return std::regex_search(output_, match, address); });
    if (!started) {
        const std::string output = output_;
        lock.unlock();
        stop(SIGKILL);
        throw std::runtime_error("badung-cityd printed no address; output:\n" + output);
    }
    port_ = std::stoi(match[1]);
}

CitydProcess::~CitydProcess() {
    stop(SIGTERM);
}

int CitydProcess::stop(int signal_number) {
    int status = 0;
    if (pid_ > 0) {
        kill(pid_, signal_number);
        status = wait_with_deadline(pid_, 10s);
        pid_ = -1;
    }
    if (reader_.joinable()) {
        reader_.join();
    }
    return exit_status(status);
}

void CitydProcess::read_output(int fd) {
    char buffer[4096];
    while (true) {
        const ssize_t count = read(fd, buffer, sizeof buffer);
        if (count <= 0) {
            break;
        }
        const std::lock_guard lock(mutex_);
        output_.append(buffer, static_cast<std::size_t>(count));
        changed_.notify_all();
    }
    close(fd);
}

std::string CitydProcess::output() {
    const std::lock_guard lock(mutex_);
    return output_;
}

bool CitydProcess::wait_for_output(const std::string& text) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 5s, [&] { return output_.find(text) != std::string::npos; });
}

std::pair<int, std::string> run_cityd_to_exit(const std::vector<std::string>& args) {
    const auto [pid, fd] = spawn_cityd(args);
    std::string output;
    char buffer[4096];
    ssize_t count = 0;
    while ((count = read(fd, buffer, sizeof buffer)) > 0) {
        output.append(buffer, static_cast<std::size_t>(count));
    }
    close(fd);

    return {exit_status(wait_with_deadline(pid, 10s)), output};
}

std::string raw_http(int port, const std::string& request) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);

    REQUIRE(send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
    std::string response;
    char buffer[4096];
    ssize_t count = 0;
    while ((count = recv(fd, buffer, sizeof buffer, 0)) > 0) {
        response.append(buffer, static_cast<std::size_t>(count));
    }
    close(fd);
    return response;
}

std::string request_id_of(const std::string& body) {
    rapidjson::Document document;
    document.Parse(body.c_str(), body.size());
    if (document.HasParseError() || !document.IsArray() || document.Empty() || !document[0].IsObject()) {
        return "";
    }
    const auto id = document[0].FindMember("service_request_id");
    return id != document[0].MemberEnd() && id->value.IsString() ? id->value.GetString() : "";
}

rapidjson::Document parse_json(const std::string& text) {
    rapidjson::Document document;
    document.Parse(text.c_str(), text.size());
    INFO("body: " << text);
    REQUIRE_FALSE(document.HasParseError());
    return document;
}

int raw_status(const std::string& response) {
    const std::regex status_line(R"(^HTTP/1\.[01] (\d{3}))");
    std::smatch match;
    if (!std::regex_search(response, match, status_line)) {
        return -1;
    }
    return std::stoi(match[1]);
}

std::string raw_body(const std::string& response) {
    const auto start = response.find("\r\n\r\n");
    return start == std::string::npos ? "" : response.substr(start + 4);
}

} // namespace badung::cityd::test
