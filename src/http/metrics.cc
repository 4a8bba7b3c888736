#include "http/metrics.h"

#include <sstream>

namespace huigui::http {

void Metrics::Observe(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  Histogram& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::CountError() {
  std::lock_guard lock(mutex_);
  ++errors_;
}

void Metrics::SetPoolGauges(std::function<int()> in_use, int size) {
  std::lock_guard lock(mutex_);
  pool_in_use_ = std::move(in_use);
  pool_size_ = size;
}

std::string Metrics::Render() const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  out << "# HELP huigui_http_requests_total HTTP requests by route and status.\n"
      << "# TYPE huigui_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out << "huigui_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second
        << "\"} " << n << "\n";
  }
  out << "# HELP huigui_http_request_duration_seconds Request latency.\n"
      << "# TYPE huigui_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out << "huigui_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
          << kBuckets[i] << "\"} " << h.buckets[i] << "\n";
    }
    out << "huigui_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} "
        << h.count << "\n";
    out << "huigui_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum << "\n";
    out << "huigui_http_request_duration_seconds_count{route=\"" << route << "\"} " << h.count
        << "\n";
  }
  out << "# HELP huigui_http_errors_total Requests that failed with an internal error.\n"
      << "# TYPE huigui_http_errors_total counter\n"
      << "huigui_http_errors_total " << errors_ << "\n";
  out << "# HELP huigui_db_pool_in_use Database connections in use.\n"
      << "# TYPE huigui_db_pool_in_use gauge\n"
      << "huigui_db_pool_in_use " << (pool_in_use_ ? pool_in_use_() : 0) << "\n"
      << "# HELP huigui_db_pool_size Database connections in the pool.\n"
      << "# TYPE huigui_db_pool_size gauge\n"
      << "huigui_db_pool_size " << pool_size_ << "\n";
  return out.str();
}

}  // namespace huigui::http
