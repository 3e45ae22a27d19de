package io.dbsync.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per rate-limit key; capacity equals the per-second rate (at least one token).
 *
 * <p>Keys (see docs/emulator-rate-limits.md): a request of family F is governed by the first
 * configured entry of {@code F:read} (GET) or {@code F:write} (any other method), then {@code F},
 * then {@code *}. Each entry is its own bucket, except {@code *}, which gives every family without
 * an entry a bucket of its own at that rate.
 */
final class RateLimiter {
  static final String ALL = "*";

  private static final class Bucket {
    double tokens;
    long lastNanos;
  }

  /** The bucket a request draws from and its rate. */
  record Limit(String bucket, double perSecond) {}

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** "read" for GET and HEAD, "write" for everything else: the suffix of the finer-grained keys. */
  static String operation(String method) {
    return method.equals("GET") || method.equals("HEAD") ? "read" : "write";
  }

  /** The configured limit governing a request, or null when it is unlimited. */
  static Limit resolve(Map<String, Double> limits, String family, String method) {
    String finer = family + ":" + operation(method);
    for (String key : new String[] {finer, family}) {
      Double rate = limits.get(key);
      if (rate != null) {
        return rate > 0 ? new Limit(key, rate) : null;
      }
    }
    Double all = limits.get(ALL);
    return all != null && all > 0 ? new Limit(family, all) : null;
  }

  /** True when the request may proceed; false when it must be answered with 429. */
  boolean tryAcquire(Map<String, Double> limits, String family, String method) {
    Limit limit = resolve(limits, family, method);
    return limit == null || tryAcquire(limit);
  }

  private boolean tryAcquire(Limit limit) {
    double rate = limit.perSecond();
    Bucket b = buckets.computeIfAbsent(limit.bucket(), k -> {
      Bucket nb = new Bucket();
      nb.tokens = Math.max(1, rate);
      nb.lastNanos = System.nanoTime();
      return nb;
    });
    synchronized (b) {
      long now = System.nanoTime();
      double capacity = Math.max(1, rate);
      b.tokens = Math.min(capacity, b.tokens + (now - b.lastNanos) / 1e9 * rate);
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
