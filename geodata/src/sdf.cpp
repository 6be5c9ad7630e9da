#include "sdf.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace badung::geodata {

namespace {

constexpr double kInfinity = 1e20;

/// Squared Euclidean distance transform of one row or column in place
/// (the lower envelope of parabolas, Felzenszwalb and Huttenlocher 2012).
void distance_transform_1d(const std::vector<double>& f, std::vector<double>& d, std::vector<std::size_t>& v,
                           std::vector<double>& z) {
  const std::size_t n = f.size();
  const auto parabola_meet = [&f](std::size_t q, std::size_t p) {
    const double qd = static_cast<double>(q);
    const double pd = static_cast<double>(p);
    return ((f[q] + qd * qd) - (f[p] + pd * pd)) / (2.0 * (qd - pd));
  };

  std::size_t k = 0;
  v[0] = 0;
  z[0] = -kInfinity;
  z[1] = kInfinity;
  for (std::size_t q = 1; q < n; ++q) {
    double s = parabola_meet(q, v[k]);
    // z[0] is -infinity, so the loop stops at k == 0 at the latest.
    while (s <= z[k]) {
      --k;
      s = parabola_meet(q, v[k]);
    }
    ++k;
    v[k] = q;
    z[k] = s;
    z[k + 1] = kInfinity;
  }

  k = 0;
  for (std::size_t q = 0; q < n; ++q) {
    while (z[k + 1] < static_cast<double>(q)) {
      ++k;
    }
    const double offset = static_cast<double>(q) - static_cast<double>(v[k]);
    d[q] = offset * offset + f[v[k]];
  }
}

/// 2-D squared distance transform of `grid` (width x height) in place.
void distance_transform(std::vector<double>& grid, int width, int height) {
  const int longest = std::max(width, height);
  std::vector<double> f(static_cast<std::size_t>(longest));
  std::vector<double> d(static_cast<std::size_t>(longest));
  std::vector<std::size_t> v(static_cast<std::size_t>(longest));
  std::vector<double> z(static_cast<std::size_t>(longest) + 1);

  for (int x = 0; x < width; ++x) {
    f.resize(static_cast<std::size_t>(height));
    d.resize(static_cast<std::size_t>(height));
    for (int y = 0; y < height; ++y) {
      f[static_cast<std::size_t>(y)] = grid[static_cast<std::size_t>(y * width + x)];
    }
    distance_transform_1d(f, d, v, z);
    for (int y = 0; y < height; ++y) {
      grid[static_cast<std::size_t>(y * width + x)] = d[static_cast<std::size_t>(y)];
    }
  }
  for (int y = 0; y < height; ++y) {
    f.resize(static_cast<std::size_t>(width));
    d.resize(static_cast<std::size_t>(width));
    for (int x = 0; x < width; ++x) {
      f[static_cast<std::size_t>(x)] = grid[static_cast<std::size_t>(y * width + x)];
    }
    distance_transform_1d(f, d, v, z);
    for (int x = 0; x < width; ++x) {
      grid[static_cast<std::size_t>(y * width + x)] = d[static_cast<std::size_t>(x)];
    }
  }
}

}  // namespace

std::vector<std::uint8_t> signed_distance_field(const std::uint8_t* coverage, int width, int height, int pitch,
                                                int buffer, double radius, double cutoff) {
  const int w = width + 2 * buffer;
  const int h = height + 2 * buffer;
  const auto size = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
  // outside: squared distance to the glyph, 0 on covered pixels;
  // inside: squared distance to the background, 0 on empty pixels.
  std::vector<double> outside(size, kInfinity);
  std::vector<double> inside(size, 0.0);

  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const double a = coverage[y * pitch + x] / 255.0;
      const auto i = static_cast<std::size_t>((y + buffer) * w + x + buffer);
      if (a >= 1.0) {
        outside[i] = 0.0;
        inside[i] = kInfinity;
      } else if (a > 0.0) {
        const double to_edge_out = std::max(0.0, 0.5 - a);
        const double to_edge_in = std::max(0.0, a - 0.5);
        outside[i] = to_edge_out * to_edge_out;
        inside[i] = to_edge_in * to_edge_in;
      }
    }
  }
  distance_transform(outside, w, h);
  distance_transform(inside, w, h);

  std::vector<std::uint8_t> field(size);
  for (std::size_t i = 0; i < size; ++i) {
    const double distance = std::sqrt(outside[i]) - std::sqrt(inside[i]);
    const double value = std::round(255.0 - 255.0 * (distance / radius + cutoff));
    field[i] = static_cast<std::uint8_t>(std::clamp(value, 0.0, 255.0));
  }
  return field;
}

}  // namespace badung::geodata
