package io.dbsync.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knobs tests and benchmarks turn: latency per request, per-family rate limits (requests per second,
 * answered with 429 + Retry-After past the limit), and the token the emulator accepts.
 */
public final class EmulatorOptions {
  public volatile long latencyMillis = 0;
  public volatile int retryAfterSeconds = 1;
  /** family name -> max requests per second; "*" applies to every family without its own entry. */
  public final Map<String, Double> rateLimits = new ConcurrentHashMap<>();
  /** Bearer token the emulator accepts; null accepts any non-empty token. */
  public volatile String token = null;
  public volatile String adminUser = "admin@example.com";
  public volatile long randomSeed = 42;
}
