#include "gunzip.hpp"

#include <array>

#include <zlib.h>

#include "errors.hpp"

namespace badung::geodata {

bool is_gzip(std::string_view bytes) noexcept {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string gunzip(std::string_view bytes, const std::string& what, std::size_t max_size) {
  z_stream stream{};
  // 16 + MAX_WBITS: expect a gzip header rather than a raw zlib stream.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
    throw InputError("cannot start zlib to inflate " + what);
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());

  std::string out;
  std::array<char, 65536> chunk{};
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
    stream.avail_out = static_cast<uInt>(chunk.size());
    status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) {
      inflateEnd(&stream);
      throw InputError(what + " is not a valid gzip stream (zlib: " +
                       (stream.msg != nullptr ? std::string(stream.msg) : "truncated") + ")");
    }
    out.append(chunk.data(), chunk.size() - stream.avail_out);
    if (out.size() > max_size) {
      inflateEnd(&stream);
      throw InputError(what + " inflates to more than " + std::to_string(max_size) + " bytes");
    }
  }
  inflateEnd(&stream);
  return out;
}

}  // namespace badung::geodata
