// Catch2's main(), compiled once for the geodata test binary. GDAL's drivers
// are registered before any test, because the library calls need them.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cpl_error.h>
#include <gdal_priv.h>

int main(int argc, char* argv[]) {
  GDALAllRegister();
  CPLSetErrorHandler(CPLQuietErrorHandler);
  return Catch::Session().run(argc, argv);
}
