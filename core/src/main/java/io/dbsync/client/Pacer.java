package io.dbsync.client;

import java.io.InterruptedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client-side pacing per API family, shared by every thread that sends through one client: a request
 * first takes a permit from its family's {@link AdaptiveBucket} (reads and writes separately where the
 * limits distinguish them), so that each family runs at its limit, concurrently with the others,
 * instead of running into 429s and sleeping them off. A 429 slows its family down; the rate recovers
 * while none come.
 */
public final class Pacer {
  /** Time as the pacer sees it; tests substitute a simulated one. */
  public interface Clock {
    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedIOException;

    Clock SYSTEM = new Clock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void sleepNanos(long nanos) throws InterruptedIOException {
        Pause.sleep(nanos / 1_000_000L + (nanos % 1_000_000L == 0 ? 0 : 1));
      }
    };
  }

  private final RateLimits limits;
  private final Clock clock;
  /** "family:read|write" -> its bucket (empty: unpaced); families sharing a limit key share the bucket. */
  private final Map<String, Optional<AdaptiveBucket>> byRequestKind = new ConcurrentHashMap<>();
  private final Map<String, AdaptiveBucket> byLimitKey = new ConcurrentHashMap<>();

  public Pacer(RateLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  public Pacer(RateLimits limits) {
    this(limits, Clock.SYSTEM);
  }

  public RateLimits limits() {
    return limits;
  }

  /** Waits for this request's permit (no wait while its family has burst left). */
  public void acquire(ApiFamily family, boolean write) throws InterruptedIOException {
    Optional<AdaptiveBucket> bucket = bucket(family, write);
    if (bucket.isPresent()) {
      long wait = bucket.get().reserve(clock.nanoTime());
      if (wait > 0) {
        clock.sleepNanos(wait);
      }
    }
  }

  /** The server answered this family's request with 429: slow the family down. */
  public void throttled(ApiFamily family, boolean write) {
    bucket(family, write).ifPresent(b -> b.throttled(clock.nanoTime()));
  }

  /** The current rate of every bucket used so far, by limit key (requests per second). */
  public Map<String, Double> rates() {
    Map<String, Double> out = new TreeMap<>();
    byLimitKey.forEach((k, b) -> out.put(k, b.rate()));
    return out;
  }

  private Optional<AdaptiveBucket> bucket(ApiFamily family, boolean write) {
    String kind = family.name() + (write ? ":write" : ":read");
    return byRequestKind.computeIfAbsent(kind, k -> limits.limitFor(family.name(), write)
        .map(l -> byLimitKey.computeIfAbsent(l.key(), key -> new AdaptiveBucket(l.perSecond(), clock.nanoTime()))));
  }
}
