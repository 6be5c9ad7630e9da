// Benchmark of service request intake. N concurrent clients POST form
// reports to a real badung-cityd on loopback for a fixed time, each on its
// own keep-alive connection. The program reports throughput and the p50 and
// p99 latency of 201 responses. For scale it also measures the
// same INSERT straight into SQLite (WAL, synchronous=FULL) on one
// connection, the ceiling the server's durable writes work under.
// The last line printed is one JSON object with the figures.
#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <regex>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string cityd;
    std::string web_root;
    std::string data_root;
    std::string services;
    int clients = 50;
    double seconds = 10;
};

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        const std::string value = argv[i + 1];
        if (name == "--cityd") {
            options.cityd = value;
        } else if (name == "--web-root") {
            options.web_root = value;
        } else if (name == "--data-root") {
            options.data_root = value;
        } else if (name == "--services") {
            options.services = value;
        } else if (name == "--clients") {
            options.clients = std::stoi(value);
        } else if (name == "--seconds") {
            options.seconds = std::stod(value);
        } else {
            throw std::invalid_argument("unknown option " + name +
                                        "; use --cityd, --web-root, --data-root, --services, --clients, --seconds");
        }
    }
    if (options.cityd.empty() || options.web_root.empty() || options.data_root.empty() || options.services.empty()) {
        throw std::invalid_argument("--cityd, --web-root, --data-root and --services are required");
    }
    return options;
}

// The server as a child process; its first output line names the port.
struct Server {
    pid_t pid = -1;
    int port = 0;
};

Server start_server(const Options& options, const std::filesystem::path& work) {
    const auto config = work / "cityd.conf";
    std::ofstream(config) << "services_file = " << options.services << "\nrate_limit_posts_per_minute = 0\n"
                          << "threads = " << options.clients << "\n";

    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) {
        throw std::runtime_error("pipe failed");
    }
    const std::string data_dir = (work / "var").string();
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(pipe_fds[1], STDOUT_FILENO);
        const int null_fd = ::open("/dev/null", O_WRONLY);
        dup2(null_fd, STDERR_FILENO); // one log line a request would skew the timing
        close(pipe_fds[0]);
        execl(options.cityd.c_str(), options.cityd.c_str(), "--web-root", options.web_root.c_str(), "--data-root",
              options.data_root.c_str(), "--config", config.c_str(), "--port", "0", "--data-dir", data_dir.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    close(pipe_fds[1]);

    std::string output;
    char c = 0;
    while (output.find('\n') == std::string::npos && read(pipe_fds[0], &c, 1) == 1) {
        output += c;
    }
    close(pipe_fds[0]);
    std::smatch match;
    if (!std::regex_search(output, match, std::regex(R"(:(\d+)\s*$)"))) {
        kill(pid, SIGKILL);
        throw std::runtime_error("badung-cityd did not start: " + output);
    }
    return {pid, std::stoi(match[1])};
}

double percentile(std::vector<double>& sorted, double fraction) {
    if (sorted.empty()) {
        return 0;
    }
    const auto index = static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
}

struct PostResult {
    std::size_t created = 0;
    std::size_t failed = 0;
    std::map<std::string, std::size_t> failures; // by HTTP status or client error
    double seconds = 0;
    std::vector<double> latencies_ms;
};

PostResult run_clients(const Options& options, int port) {
    const std::string body = "service_code=JLN-01&lat=-8.7177&long=115.1691&attribute%5Btingkat%5D=berat"
                             "&description=Jalan+berlubang+di+depan+balai+banjar";
    std::mutex mutex;
    PostResult result;
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::duration<double>(options.seconds);

    std::vector<std::thread> threads;
    for (int client = 0; client < options.clients; ++client) {
        threads.emplace_back([&, client] {
            httplib::Client http("127.0.0.1", port);
            http.set_keep_alive(true);
            http.set_read_timeout(30); // fsync waits under load exceed the 5 s default
            std::vector<double> latencies;
            std::size_t failed = 0;
            std::string key;
            for (int n = 0; Clock::now() < deadline; ++n) {
                // A transport error is retried with the same key, as the
                // outbox does, so the next attempt may return the first 201.
                if (key.empty()) {
                    key = "bench-" + std::to_string(client) + "-" + std::to_string(n);
                }
                const auto sent = Clock::now();
                const auto res = http.Post("/open311/v2/requests.json", {{"Idempotency-Key", key}}, body,
                                           "application/x-www-form-urlencoded");
                if (res) {
                    key.clear();
                }
                const double ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
                if (res && res->status == 201 && res->has_header("Idempotent-Replayed")) {
                    continue; // counted by the failure before it
                }
                if (res && res->status == 201) {
                    latencies.push_back(ms);
                    continue;
                }
                ++failed;
                const std::string reason = res ? "HTTP " + std::to_string(res->status) : httplib::to_string(res.error());
                const std::lock_guard lock(mutex);
                ++result.failures[reason];
            }
            const std::lock_guard lock(mutex);
            result.latencies_ms.insert(result.latencies_ms.end(), latencies.begin(), latencies.end());
            result.failed += failed;
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    result.created = result.latencies_ms.size();
    std::sort(result.latencies_ms.begin(), result.latencies_ms.end());
    return result;
}

// Inserts rows one transaction each into a WAL database with
// synchronous=FULL for `seconds`, and returns rows per second.
double sqlite_insert_rate(const std::filesystem::path& file, double seconds) {
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                     "CREATE TABLE t (id INTEGER PRIMARY KEY, description TEXT)",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO t (description) VALUES ('Jalan berlubang di depan balai banjar')", -1,
                       &insert, nullptr);
    std::size_t rows = 0;
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::duration<double>(seconds);
    while (Clock::now() < deadline) {
        sqlite3_step(insert);
        sqlite3_reset(insert);
        ++rows;
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return static_cast<double>(rows) / elapsed;
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    try {
        options = parse_options(argc, argv);
    } catch (const std::exception& error) {
        std::cerr << "badung-bench-reports: " << error.what() << '\n';
        return 2;
    }

    const auto work = std::filesystem::temp_directory_path() / ("badung-bench-reports-" + std::to_string(getpid()));
    std::filesystem::create_directories(work);

    const Server server = start_server(options, work);
    PostResult result = run_clients(options, server.port);
    kill(server.pid, SIGTERM);
    waitpid(server.pid, nullptr, 0);

    const double sqlite_rate = sqlite_insert_rate(work / "baseline.sqlite", 3);
    std::filesystem::remove_all(work);

    const double throughput = static_cast<double>(result.created) / result.seconds;
    const double p50 = percentile(result.latencies_ms, 0.50);
    const double p99 = percentile(result.latencies_ms, 0.99);
    std::printf("clients %d, %.1f s: %zu created, %zu failed\n", options.clients, result.seconds, result.created,
                result.failed);
    for (const auto& [reason, count] : result.failures) {
        std::printf("not created: %zu x %s (transport errors are retried with the same key)\n", count,
                    reason.c_str());
    }
    std::printf("POST requests.json: %.0f requests/s, p50 %.2f ms, p99 %.2f ms\n", throughput, p50, p99);
    std::printf("SQLite INSERT alone (WAL, synchronous=FULL, one connection): %.0f rows/s; server/SQLite %.2f\n",
                sqlite_rate, throughput / sqlite_rate);
    std::printf("{\"benchmark\":\"reports\",\"clients\":%d,\"seconds\":%.2f,\"created\":%zu,\"failed\":%zu,"
                "\"requests_per_second\":%.1f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"sqlite_insert_rows_per_second\":%.1f,"
                "\"server_to_sqlite_ratio\":%.3f}\n",
                options.clients, result.seconds, result.created, result.failed, throughput, p50, p99, sqlite_rate,
                throughput / sqlite_rate);
    return 0;
}
