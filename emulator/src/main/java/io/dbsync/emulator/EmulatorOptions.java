package io.dbsync.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knobs tests and benchmarks turn: latency per request, rate limits (requests per second, answered
 * with 429 + Retry-After past the limit), the token the emulator accepts, the cloud it emulates, and
 * the workspace's identity (id, Unity Catalog metastore).
 */
public final class EmulatorOptions {
  public volatile long latencyMillis = 0;
  public volatile int retryAfterSeconds = 1;
  /**
   * Rate-limit key -> max requests per second. Keys: a family name ("jobs"), a family's reads or
   * writes ("jobs:read" = GET, "jobs:write" = other methods; the finer key wins), and "*" for every
   * family without an entry. See docs/emulator-rate-limits.md.
   */
  public final Map<String, Double> rateLimits = new ConcurrentHashMap<>();
  /** Bearer token the emulator accepts for the admin; null accepts any non-empty token. */
  public volatile String token = null;
  public volatile String adminUser = "admin@example.com";
  public volatile long randomSeed = 42;
  /** Fixed at construction of the {@link Emulator}: node types, cluster attribute blocks, instance profiles. */
  public volatile Cloud cloud = Cloud.AWS;

  /**
   * The "published" preset: the per-family limits Databricks publishes for a workspace, as best
   * known (docs/emulator-rate-limits.md gives the source of each). Put it into {@link #rateLimits}:
   * {@code options.rateLimits.putAll(EmulatorOptions.publishedRateLimits())}.
   */
  public static Map<String, Double> publishedRateLimits() {
    return PublishedRateLimits.asMap();
  }
  /** This workspace's numeric id (host metadata, Unity Catalog metastore assignment and workspace bindings). */
  public volatile long workspaceId = 1234567890123456L;
  /**
   * The Unity Catalog metastore this workspace is assigned to. Give two emulators in one JVM the same
   * object (and distinct {@link #workspaceId}s) to model workspaces sharing a metastore; null gives the
   * emulator a metastore of its own with a distinct id.
   */
  public volatile io.dbsync.emulator.uc.UcMetastore unityCatalog = null;
}
