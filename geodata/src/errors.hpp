#pragma once
// Typed errors of the data tool: a caller mistake on the command line versus
// input that cannot be read or used.

#include <stdexcept>
#include <string>

namespace badung::geodata {

/// A bad command-line argument; the tool prints the message and usage and exits 2.
class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// A source, catalog, CRS or output that cannot be used; names the value and the fix.
class InputError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// An OGR SQL attribute filter (a catalog's "where" or convert's --where)
/// that GDAL rejects.
class InvalidFilter : public InputError {
public:
  using InputError::InputError;
};

}  // namespace badung::geodata
