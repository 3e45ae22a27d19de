package io.dbsync.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knobs tests and benchmarks turn: latency per request, per-family rate limits (requests per second,
 * answered with 429 + Retry-After past the limit), the token the emulator accepts, and the workspace's
 * identity (id, Unity Catalog metastore).
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
  /** This workspace's numeric id (host metadata, Unity Catalog metastore assignment and workspace bindings). */
  public volatile long workspaceId = 1234567890123456L;
  /**
   * The Unity Catalog metastore this workspace is assigned to. Give two emulators in one JVM the same
   * object (and distinct {@link #workspaceId}s) to model workspaces sharing a metastore; null gives the
   * emulator a metastore of its own with a distinct id.
   */
  public volatile io.dbsync.emulator.uc.UcMetastore unityCatalog = null;
}
