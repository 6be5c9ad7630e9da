// badung-cityd: the reference city API server of the Badung city map.
// See command_line.cpp for the options and city_server.hpp for what it serves.

#include "server/backup_command.hpp"
#include "server/city_server.hpp"
#include "server/command_line.hpp"
#include "server/config.hpp"
#include "server/log.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <pthread.h>
#include <stdexcept>
#include <thread>

namespace {

using namespace badung::cityd;

int fail(const std::string& message) {
    std::cerr << "badung-cityd: error: " << message << '\n';
    log_event("start_failed", {{"reason", message}});
    return 1;
}

std::string url_host(const std::string& host) {
    return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

// Throws std::runtime_error naming the option when a served folder is
// missing, because the server would otherwise return 404 for every request.
void require_folder(const std::string& option, const std::filesystem::path& folder) {
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error)) {
        throw std::runtime_error(option + " folder '" + folder.string() +
                                 "' does not exist or is not a folder; pass an existing folder");
    }
}

int serve(const CommandLine& options) {
    require_folder("--web-root", options.web_root);
    require_folder("--data-root", options.data_root);

    Config config;
    if (options.config_file) {
        config = load_config(*options.config_file);
    }

    // Block the stop signals in every thread. One thread waits for them, so
    // stopping never runs inside a signal handler.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    CityServer server(options, std::move(config));
    const int port = server.bind();
    if (port < 0) {
        return fail("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                    "; the port may be in use or the address not local (try --port 0)");
    }

    const std::string url = "http://" + url_host(options.host) + ":" + std::to_string(port);
    std::printf("badung-cityd: serving %s\n", url.c_str());
    std::fflush(stdout);
    log_event("start", {{"url", url},
                        {"web_root", options.web_root.string()},
                        {"data_root", options.data_root.string()},
                        {"data_dir", options.data_dir.string()}});

    // The library ignores stop() until its accept loop runs, and a signal may
    // arrive just before that, so the waiter repeats stop() until run() returns.
    std::atomic<bool> run_returned = false;
    std::thread signal_waiter([&server, &stop_signals, &run_returned] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        if (run_returned) {
            return;
        }
        log_event("stop_requested", {{"signal", signal == SIGINT ? "SIGINT" : "SIGTERM"}});
        while (!run_returned) {
            server.stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });

    const bool served = server.run();

    // Wake the waiter when serving ended without a signal.
    run_returned = true;
    pthread_kill(signal_waiter.native_handle(), SIGTERM);
    signal_waiter.join();
    log_event("stop", {{"url", url}, {"result", served ? "clean" : "listen failed"}});
    return served ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && std::string(argv[1]) == "backup") {
        return run_backup_command(std::vector<std::string>(argv + 2, argv + argc));
    }

    CommandLine options;
    try {
        options = parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const UsageError& error) {
        std::cerr << "badung-cityd: " << error.what() << "\n\n" << usage_text();
        return 2;
    }
    if (options.help) {
        std::cout << usage_text();
        return 0;
    }

    try {
        return serve(options);
    } catch (const std::exception& error) {
        return fail(error.what());
    }
}
