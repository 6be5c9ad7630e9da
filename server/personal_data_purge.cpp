#include "server/personal_data_purge.hpp"

#include "server/log.hpp"
#include "server/sqlite_database.hpp"
#include "server/wita_time.hpp"

namespace badung::cityd {

PersonalDataPurge::PersonalDataPurge(ReportStore& reports, std::int64_t retention_seconds,
                                     std::int64_t interval_seconds)
    : reports_(reports), retention_seconds_(retention_seconds), interval_seconds_(interval_seconds) {
    run_once();
    thread_ = std::thread([this] { loop(); });
}

PersonalDataPurge::~PersonalDataPurge() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

std::size_t PersonalDataPurge::run_once() {
    const std::int64_t cutoff_ms = now_unix_ms() - retention_seconds_ * 1000;
    try {
        const std::size_t erased = reports_.erase_personal_data(cutoff_ms);
        if (erased > 0) {
            log_event("personal_data_erased", {{"service_requests", std::to_string(erased)},
                                               {"requested_before", format_wita(cutoff_ms)}});
        }
        return erased;
    } catch (const DatabaseError& error) {
        log_event("personal_data_erase_failed", {{"reason", error.what()}});
        return 0;
    }
}

void PersonalDataPurge::loop() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::seconds(interval_seconds_), [this] { return stopping_; })) {
        lock.unlock();
        run_once();
        lock.lock();
    }
}

} // namespace badung::cityd
