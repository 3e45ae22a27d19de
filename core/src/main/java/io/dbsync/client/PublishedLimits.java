package io.dbsync.client;

import java.util.List;
import java.util.Optional;

/**
 * The request rates Databricks publishes per API family, as requests per second, with the same keys
 * and values as the emulator's "published" preset and docs/emulator-rate-limits.md (a test keeps the
 * three equal): {@code family:read} (GET), {@code family:write} (everything else), else {@code family}.
 * A family without a row has no published figure and is assumed at {@link #UNPUBLISHED}; meta
 * (discovery) and oauth are not limited. Assess estimates how long an export or import takes from it.
 */
public final class PublishedLimits {
  /** One row; {@code published} is false when the figure is assumed. */
  public record Limit(String key, double perSecond, boolean published) {}

  /** Requests per second assumed for a family without a published figure (the doc's "assumed: not published"). */
  public static final double UNPUBLISHED = 30;

  public static final List<Limit> TABLE = List.of(
      new Limit("jobs:write", 20, true),
      new Limit("jobs:read", 100, true),
      new Limit("dbfs", 30, true),
      new Limit("scim:read", 255 / 60.0, true),
      new Limit("scim:write", 5, false),
      new Limit("permissions:read", 100, true),
      new Limit("permissions:write", 30, true),
      new Limit("secrets", 1100 / 60.0, true),
      new Limit("workspace:read", 50, true),
      new Limit("workspace:write", 30, true),
      new Limit("tokens", 40, false),
      new Limit("clusters", UNPUBLISHED, false),
      new Limit("policies", UNPUBLISHED, false),
      new Limit("instance-pools", UNPUBLISHED, false),
      new Limit("instance-profiles", UNPUBLISHED, false),
      new Limit("libraries", UNPUBLISHED, false),
      new Limit("global-init-scripts", UNPUBLISHED, false),
      new Limit("commands", UNPUBLISHED, false),
      new Limit("sql", UNPUBLISHED, false));

  private PublishedLimits() {}

  /**
   * The limit governing a family's reads or writes: its most specific row, else an assumed
   * {@link #UNPUBLISHED} one keyed by the family; empty for meta and oauth, which are not limited.
   */
  public static Optional<Limit> of(String family, boolean write) {
    if (family.equals("meta") || family.equals("oauth")) {
      return Optional.empty();
    }
    String specific = family + (write ? ":write" : ":read");
    for (String key : List.of(specific, family)) {
      for (Limit l : TABLE) {
        if (l.key().equals(key)) {
          return Optional.of(l);
        }
      }
    }
    return Optional.of(new Limit(family, UNPUBLISHED, false));
  }
}
