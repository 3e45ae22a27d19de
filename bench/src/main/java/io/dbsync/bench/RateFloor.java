package io.dbsync.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which emulator bucket each request drew from, as the emulator decides it (docs/emulator-rate-limits.md):
 * {@code family:read|write} when configured, else {@code family}, else {@code *} (one bucket per
 * family at that rate). The rate floor of a phase is the busiest bucket's.
 */
final class RateFloor {
  private RateFloor() {}

  /**
   * Requests per limited bucket.
   *
   * @param byOperation requests per {@code family:read|write} (the emulator log's by_operation)
   * @param limits      the emulator's rate limits
   */
  static Map<String, Long> callsByLimitKey(Map<String, Long> byOperation, Map<String, Double> limits) {
    Map<String, Long> out = new TreeMap<>();
    byOperation.forEach((op, n) -> {
      String family = op.substring(0, op.lastIndexOf(':'));
      String key = limits.containsKey(op) ? op : limits.containsKey(family) ? family : limits.containsKey("*") ? family : null;
      if (key != null && limit(limits, key) > 0) {
        out.merge(key, n, Long::sum);
      }
    });
    return out;
  }

  /** The rate of a bucket named by {@link #callsByLimitKey}. */
  static double limit(Map<String, Double> limits, String key) {
    Double rate = limits.get(key);
    return rate != null ? rate : limits.getOrDefault("*", 0.0);
  }
}
