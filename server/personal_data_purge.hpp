#pragma once

#include "server/report_store.hpp"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace badung::cityd {

// A thread that erases the personal fields of service requests older than
// the retention period: once at start, then every `interval_seconds`.
// Stops and joins on destruction.
class PersonalDataPurge {
public:
    PersonalDataPurge(ReportStore& reports, std::int64_t retention_seconds, std::int64_t interval_seconds);
    ~PersonalDataPurge();
    PersonalDataPurge(const PersonalDataPurge&) = delete;
    PersonalDataPurge& operator=(const PersonalDataPurge&) = delete;

    // Erases now. Returns the number of requests erased; logs and returns 0
    // when the database fails.
    std::size_t run_once();

private:
    void loop();

    ReportStore& reports_;
    std::int64_t retention_seconds_;
    std::int64_t interval_seconds_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace badung::cityd
