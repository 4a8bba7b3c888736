// Seed tables both demo generators draw from (the Hubei demo, demo_builder.cc, and the
// nation-scale one, demo_nation.cc), so the two describe the same population.
#pragma once

#include <array>
#include <string_view>

namespace huigui::app::demo {

template <typename T>
struct Weighted {
  T value;
  int weight;
};

// Plausible weights: methamphetamine and heroin dominate registers; etomidate is the new one.
inline constexpr auto kSubstances = std::to_array<Weighted<std::string_view>>({
    {"冰毒", 34},
    {"海洛因", 28},
    {"麻果", 10},
    {"氯胺酮", 10},
    {"依托咪酯", 8},
    {"大麻", 6},
    {"可卡因", 4},
});

}  // namespace huigui::app::demo
