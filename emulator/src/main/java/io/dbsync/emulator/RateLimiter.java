package io.dbsync.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets per family; capacity equals the per-second rate (at least one token). */
final class RateLimiter {
  private static final class Bucket {
    double tokens;
    long lastNanos;
  }

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** True when the request may proceed; false when it must be answered with 429. */
  boolean tryAcquire(String family, Double ratePerSecond) {
    if (ratePerSecond == null || ratePerSecond <= 0) {
      return true;
    }
    Bucket b = buckets.computeIfAbsent(family, k -> {
      Bucket nb = new Bucket();
      nb.tokens = Math.max(1, ratePerSecond);
      nb.lastNanos = System.nanoTime();
      return nb;
    });
    synchronized (b) {
      long now = System.nanoTime();
      double capacity = Math.max(1, ratePerSecond);
      b.tokens = Math.min(capacity, b.tokens + (now - b.lastNanos) / 1e9 * ratePerSecond);
      b.lastNanos = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return true;
      }
      return false;
    }
  }

  void reset() {
    buckets.clear();
  }
}
