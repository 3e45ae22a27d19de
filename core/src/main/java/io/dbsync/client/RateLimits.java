package io.dbsync.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast a client may call each API family: the {@link PublishedLimits} table unless an override
 * names the family ({@code jobs=10} for all of its requests, {@code jobs:read=50} for its GETs only,
 * {@code 0} for no pacing of it), or no pacing at all ({@link #off}).
 *
 * @param enabled false: requests go as fast as the workers send them (429s are still waited out)
 * @param overrides requests per second by key, {@code family} or {@code family:read|write}
 */
public record RateLimits(boolean enabled, Map<String, Double> overrides) {
  private static final Pattern SPEC = Pattern.compile("([a-z][a-z0-9_-]*(?::(?:read|write))?)=([0-9]+(?:\\.[0-9]+)?)");

  public RateLimits {
    overrides = Map.copyOf(overrides);
  }

  /** Every family at its published limit. */
  public static RateLimits published() {
    return new RateLimits(true, Map.of());
  }

  /** No client-side pacing. */
  public static RateLimits off() {
    return new RateLimits(false, Map.of());
  }

  /**
   * The published limits with overrides given as {@code KEY=REQ_PER_S} ({@code --rate-limit}).
   *
   * @throws IllegalArgumentException naming the first malformed entry
   */
  public static RateLimits published(List<String> specs) {
    Map<String, Double> overrides = new TreeMap<>();
    for (String spec : specs) {
      Matcher m = SPEC.matcher(spec.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException("rate limit '" + spec
            + "' is not FAMILY=REQ_PER_S or FAMILY:read|write=REQ_PER_S (e.g. jobs=20, scim:read=4.25, dbfs=0 for unpaced)");
      }
      overrides.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return new RateLimits(true, overrides);
  }

  /**
   * The limit pacing a family's reads or writes: the most specific override, else the published
   * (or assumed) one; empty when that family is not paced.
   */
  public Optional<PublishedLimits.Limit> limitFor(String family, boolean write) {
    if (!enabled) {
      return Optional.empty();
    }
    for (String key : List.of(family + (write ? ":write" : ":read"), family)) {
      Double rate = overrides.get(key);
      if (rate != null) {
        return rate > 0 ? Optional.of(new PublishedLimits.Limit(key, rate, false)) : Optional.empty();
      }
    }
    return PublishedLimits.of(family, write);
  }
}
