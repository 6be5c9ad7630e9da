#pragma once
// Gzip detection and decompression (zlib) for files the tool reads.

#include <cstddef>
#include <string>
#include <string_view>

namespace badung::geodata {

/// True when `bytes` start with the gzip magic bytes 1f 8b.
bool is_gzip(std::string_view bytes) noexcept;

/// Inflates a gzip stream. Throws InputError naming `what` when the stream is
/// corrupt or truncated, or inflates to more than `max_size` bytes.
std::string gunzip(std::string_view bytes, const std::string& what,
                   std::size_t max_size = std::size_t{1} << 30);

}  // namespace badung::geodata
