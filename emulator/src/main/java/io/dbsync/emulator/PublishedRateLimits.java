package io.dbsync.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "published" rate-limit preset: per-family requests per second as close as we know to the
 * limits Databricks publishes for a workspace. docs/emulator-rate-limits.md gives the source of
 * every row and marks the assumed ones; keys follow {@link RateLimiter} ({@code family},
 * {@code family:read}, {@code family:write}). Families absent here (meta, oauth) are unlimited.
 */
public final class PublishedRateLimits {
  private PublishedRateLimits() {}

  /** One preset row; {@code published} is false when no published figure exists and the value is assumed. */
  public record Entry(String key, double perSecond, boolean published) {}

  /** Families with no published limit get this (an assumption, see the doc). */
  static final double UNPUBLISHED_DEFAULT = 30;

  public static final List<Entry> TABLE = List.of(
      new Entry("jobs:write", 20, true),
      new Entry("jobs:read", 100, true),
      new Entry("dbfs", 30, true),
      new Entry("scim:read", 255 / 60.0, true),
      new Entry("scim:write", 5, false),
      new Entry("permissions:read", 100, true),
      new Entry("permissions:write", 30, true),
      new Entry("secrets", 1100 / 60.0, true),
      new Entry("workspace:read", 50, true),
      new Entry("workspace:write", 30, true),
      new Entry("tokens", 40, false),
      new Entry("clusters", UNPUBLISHED_DEFAULT, false),
      new Entry("policies", UNPUBLISHED_DEFAULT, false),
      new Entry("instance-pools", UNPUBLISHED_DEFAULT, false),
      new Entry("instance-profiles", UNPUBLISHED_DEFAULT, false),
      new Entry("libraries", UNPUBLISHED_DEFAULT, false),
      new Entry("global-init-scripts", UNPUBLISHED_DEFAULT, false),
      new Entry("commands", UNPUBLISHED_DEFAULT, false),
      new Entry("sql", UNPUBLISHED_DEFAULT, false));

  /** The preset as a rate-limit map (key -> requests per second), in table order. */
  public static Map<String, Double> asMap() {
    Map<String, Double> out = new LinkedHashMap<>();
    TABLE.forEach(e -> out.put(e.key(), e.perSecond()));
    return out;
  }
}
