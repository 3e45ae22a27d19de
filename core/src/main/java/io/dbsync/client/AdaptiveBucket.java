package io.dbsync.client;

/**
 * One client-side rate limiter whose rate adapts to the server (AIMD): it starts at its ceiling (the
 * published limit), halves on a 429 and climbs back linearly to the ceiling while no 429 comes.
 *
 * <p>It is a token bucket in its virtual-scheduling form (GCRA): {@code tat} is the theoretical
 * arrival time of the next request at the current rate, and a request may go at {@code tat - burst}
 * or now, whichever is later. Permits are reserved, not polled: {@link #reserve} books the next slot
 * and returns how long the caller must wait for it, so waiting threads are served in the order they
 * asked and nobody spins. Slots never come closer together than the ceiling allows (beyond the burst),
 * whatever the rate did meanwhile. All state is guarded by the bucket's monitor; the clock is read by
 * the caller and the bucket never lets it run backwards.
 *
 * <p>The burst is {@link #BURST_SECONDS} of requests: the server's bucket (capacity one second, in the
 * emulator and as far as is known on a workspace) then keeps the rest of its second as slack while
 * both refill at the same rate, which absorbs the jitter between when a request leaves and when it
 * arrives (milliseconds on a network, tens of them for a collection pause). Why not less: every
 * paced phase starts with the burst, and what the client holds back is time the run takes longer
 * (half a second held back was a third of a 1,000-object no-change import's wall time). A server
 * stricter than assumed answers 429, and the rate adapts as to any 429.
 */
final class AdaptiveBucket {
  /** The burst a full bucket allows, in seconds of requests at the ceiling: the server's second, less 0.2 s of slack. */
  static final double BURST_SECONDS = 0.8;
  /** A 429 multiplies the rate by this. */
  static final double DECREASE = 0.5;
  /** 429s within this long of a decrease answer requests sent before it and do not decrease again. */
  static final long COOLDOWN_NANOS = 1_000_000_000L;
  /** Without 429s the rate climbs by its ceiling divided by this, per second (from half: 5 s). */
  static final double RECOVERY_SECONDS = 10;
  /** The rate never falls below its ceiling divided by this. */
  static final double FLOOR_DIVISOR = 16;

  private final double ceiling;
  private final double capacity;
  private final long burstNanos;
  private double rate;
  private long tatNanos;
  private long lastNanos;
  private long lastDecreaseNanos;

  AdaptiveBucket(double ceilingPerSecond, long nowNanos) {
    if (!(ceilingPerSecond > 0) || Double.isInfinite(ceilingPerSecond)) {
      throw new IllegalArgumentException("rate must be a positive number: " + ceilingPerSecond);
    }
    this.ceiling = ceilingPerSecond;
    this.capacity = Math.max(1, ceilingPerSecond * BURST_SECONDS);
    this.burstNanos = (long) ((capacity - 1) * 1e9 / ceilingPerSecond);
    this.rate = ceilingPerSecond;
    this.tatNanos = nowNanos;
    this.lastNanos = nowNanos;
    this.lastDecreaseNanos = nowNanos - COOLDOWN_NANOS;
  }

  /** Books one permit; returns the nanoseconds to wait before using it (0: go now). */
  synchronized long reserve(long nowNanos) {
    long now = advance(nowNanos);
    long grant = Math.max(now, tatNanos - burstNanos);
    tatNanos = Math.max(tatNanos, now) + (long) Math.ceil(1e9 / rate);
    return grant - nowNanos <= 0 ? 0 : grant - nowNanos;
  }

  /**
   * The server answered 429: the burst is gone (the server has no tokens either) and, unless this
   * 429 belongs to the congestion already answered, the rate halves.
   */
  synchronized void throttled(long nowNanos) {
    long now = advance(nowNanos);
    if (now - lastDecreaseNanos >= COOLDOWN_NANOS) {
      rate = Math.max(ceiling / FLOOR_DIVISOR, rate * DECREASE);
      lastDecreaseNanos = now;
    }
    // the next slot is one interval away at the earliest: the server refills its first token then
    tatNanos = Math.max(tatNanos, now + burstNanos + (long) Math.ceil(1e9 / rate));
  }

  synchronized double rate() {
    return rate;
  }

  double ceiling() {
    return ceiling;
  }

  double capacity() {
    return capacity;
  }

  /** Lets the rate recover for the time since the last call (one cooldown after a decrease); returns the monotonic now. */
  private long advance(long nowNanos) {
    long now = Math.max(nowNanos, lastNanos);
    long recoveringSince = Math.max(lastNanos, lastDecreaseNanos + COOLDOWN_NANOS);
    if (rate < ceiling && now > recoveringSince) {
      rate = Math.min(ceiling, rate + ceiling / RECOVERY_SECONDS * ((now - recoveringSince) / 1e9));
    }
    lastNanos = now;
    return now;
  }
}
