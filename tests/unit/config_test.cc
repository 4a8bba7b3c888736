// Settings: `min_cell` (the analysts' small-cell threshold) is read from the config file and the
// environment, and bad values are named.
#include "app/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace huigui::app {
namespace {

Status ApplyLine(Config& c, const std::string& line) {
  const auto path = std::filesystem::temp_directory_path() / "huigui_config_test.conf";
  std::ofstream(path) << line << "\n";
  Status s = ApplyConfigFile(path.string(), c);
  std::filesystem::remove(path);
  return s;
}

TEST(ConfigTest, MinCellDefaultsToFiveAndAcceptsTwoToOneHundred) {
  Config c;
  EXPECT_EQ(c.min_cell, 5);
  EXPECT_TRUE(ApplyLine(c, "min_cell = 10").ok());
  EXPECT_EQ(c.min_cell, 10);
  for (const char* bad : {"min_cell = 1", "min_cell = 101"}) {
    Status s = ApplyLine(c, bad);
    ASSERT_FALSE(s.ok()) << bad;
    ASSERT_EQ(s.errors().size(), 1u);
    EXPECT_EQ(s.errors()[0].field, "min_cell");
    EXPECT_EQ(s.errors()[0].rule, "range");
  }
  Status s = ApplyLine(c, "min_cell = many");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.errors()[0].rule, "integer");
}

TEST(ConfigTest, MinCellFromTheEnvironment) {
  Config c;
  setenv("HUIGUI_MIN_CELL", "7", 1);
  EXPECT_TRUE(ApplyEnvironment(c).ok());
  unsetenv("HUIGUI_MIN_CELL");
  EXPECT_EQ(c.min_cell, 7);
}

}  // namespace
}  // namespace huigui::app
