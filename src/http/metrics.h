// Prometheus metrics: requests by route and status, a latency histogram, errors, pool use.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace huigui::http {

class Metrics {
 public:
  void Observe(const std::string& route, int status, double seconds);
  void CountError();
  // Sampled on each render: connections of the database pool in use, and its size.
  void SetPoolGauges(std::function<int()> in_use, int size);
  // The text exposition format, version 0.0.4.
  std::string Render() const;

 private:
  static constexpr std::array<double, 10> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,  0.1,    0.25,  0.5,  1.0};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;  // GUARDED_BY(mutex_)
  std::map<std::string, Histogram> latency_;                  // GUARDED_BY(mutex_)
  uint64_t errors_ = 0;                                       // GUARDED_BY(mutex_)
  std::function<int()> pool_in_use_;
  int pool_size_ = 0;
};

}  // namespace huigui::http
