// badung-geodata: builds the map data of Kabupaten Badung and converts
// single sources for agencies. See usage_text() for the commands.

#include <iostream>
#include <string>
#include <vector>

#include <cpl_error.h>
#include <gdal_priv.h>

#include "arguments.hpp"
#include "commands.hpp"
#include "errors.hpp"

int main(int argc, char** argv) {
  using namespace badung::geodata;
  GDALAllRegister();

  const std::vector<std::string> args(argv + 1, argv + argc);
  Arguments arguments;
  // Argument checks (a CRS such as --t-srs) report GDAL's and PROJ's errors
  // in their own message, so the default handler must not print them first.
  CPLPushErrorHandler(CPLQuietErrorHandler);
  try {
    arguments = parse_arguments(args);
  } catch (const UsageError& error) {
    std::cerr << "badung-geodata: error: " << error.what() << "\n\n" << usage_text();
    return 2;
  }
  CPLPopErrorHandler();

  if (arguments.command == "help") {
    std::cout << usage_text();
    return 0;
  }
  if (!arguments.verbose) {
    // The tool reports problems per feature itself; GDAL's own warnings
    // (e.g. "Non closed ring detected") would repeat them without the feature.
    CPLSetErrorHandler(CPLQuietErrorHandler);
  }

  try {
    if (arguments.command == "inspect") {
      return run_inspect(arguments.inspect, std::cout);
    }
    if (arguments.command == "glyphs") {
      return run_glyphs(arguments.glyphs, std::cerr);
    }
    if (arguments.command == "build") {
      return run_build(arguments.build, std::cerr);
    }
    if (arguments.command == "query") {
      return run_query(arguments.query, std::cout);
    }
    return run_convert(arguments.convert, std::cerr);
  } catch (const UsageError& error) {
    std::cerr << "badung-geodata: error: " << error.what() << '\n';
    return 2;
  } catch (const InputError& error) {
    std::cerr << "badung-geodata: error: " << error.what() << '\n';
    return 1;
  }
}
