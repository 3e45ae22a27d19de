package io.dbsync.cli;

import io.dbsync.client.RateLimits;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Client-side pacing per API family (see {@link io.dbsync.client.Pacer}): on by default at the published limits. */
final class PacingOptions {
  @Option(names = "--rate-limit", paramLabel = "FAMILY=REQ_PER_S",
      description = {"Pace an API family at this many requests per second instead of its published limit, e.g. "
          + "jobs=10, scim:read=2 (GETs only), workspace:write=30; 0 leaves the family unpaced; repeatable.",
          "Default: the published per-workspace limits (docs/emulator-rate-limits.md); a 429 slows the family down."})
  List<String> rateLimits = new ArrayList<>();

  @Option(names = "--no-rate-limit", description = "No client-side pacing: send as fast as the workers go (429s are still waited out).")
  boolean noRateLimit;

  RateLimits limits() {
    if (noRateLimit) {
      if (!rateLimits.isEmpty()) {
        throw new UserErrors.BadInput("--no-rate-limit and --rate-limit contradict each other: give one of them");
      }
      return RateLimits.off();
    }
    try {
      return RateLimits.published(rateLimits);
    } catch (IllegalArgumentException e) {
      throw new UserErrors.BadInput(e.getMessage());
    }
  }
}
