package io.dbsync.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bucket's pacing and its AIMD, on a simulated clock (nanoseconds passed in, nothing sleeps). */
class AdaptiveBucketTest {
  static final long S = 1_000_000_000L;

  @Test
  void aBurstOfEightTenthsOfASecondThenOneSlotPerInterval() {
    AdaptiveBucket b = new AdaptiveBucket(20, 0);
    assertEquals(16, b.capacity(), 1e-9);
    for (int i = 0; i < 16; i++) {
      assertEquals(0, b.reserve(0), "permit " + i + " is part of the burst");
    }
    // the 17th waits one interval (50 ms), the 18th two: reservations queue in order
    assertEquals(S / 20, b.reserve(0));
    assertEquals(2 * S / 20, b.reserve(0));
    // idle for long: the burst is back, no more than it
    for (int i = 0; i < 16; i++) {
      assertEquals(0, b.reserve(100 * S));
    }
    assertTrue(b.reserve(100 * S) > 0);
  }

  @Test
  void aSlowFamilyGetsAtLeastOnePermitOfBurst() {
    AdaptiveBucket b = new AdaptiveBucket(255 / 60.0, 0);
    assertEquals(255 / 60.0 * 0.8, b.capacity(), 1e-9);
    assertEquals(0, b.reserve(0));
    assertEquals(0, b.reserve(0));
    assertEquals(0, b.reserve(0));
    long fourth = b.reserve(0);
    assertTrue(fourth > 0 && fourth <= S / 4, "the fourth waits for at most one interval: " + fourth);
  }

  @Test
  void a429HalvesTheRateOncePerCongestionAndDrainsTheBurst() {
    AdaptiveBucket b = new AdaptiveBucket(20, 0);
    b.throttled(0);
    assertEquals(10, b.rate(), 1e-9);
    b.throttled(S / 2); // answers requests sent before the decrease: no second halving
    assertEquals(10, b.rate(), 1e-9);
    assertTrue(b.reserve(S / 2) > 0, "no burst right after a 429");
    b.throttled(S / 2 + S);
    assertEquals(5.5, b.rate(), 1e-9, "a 429 after the cooldown halves again (what half a second of recovery made 11)");
  }

  @Test
  void theRateRecoversLinearlyUpToItsCeilingAndNoFurther() {
    AdaptiveBucket b = new AdaptiveBucket(20, 0);
    b.throttled(0); // 10/s
    b.reserve(S); // the cooldown: no recovery yet
    assertEquals(10, b.rate(), 1e-9);
    b.reserve(2 * S); // one second of recovery: + 20/10
    assertEquals(12, b.rate(), 1e-9);
    b.reserve(5 * S);
    assertEquals(18, b.rate(), 1e-9);
    b.reserve(60 * S);
    assertEquals(20, b.rate(), 1e-9, "capped at the starting (published) rate");
  }

  @Test
  void theRateHasAFloor() {
    AdaptiveBucket b = new AdaptiveBucket(16, 0);
    for (int i = 0; i < 10; i++) {
      b.throttled(i * 2 * S);
    }
    assertTrue(b.rate() >= 1 - 1e-9, "never below ceiling/16: " + b.rate());
    assertTrue(b.rate() < 2, "sustained 429s brought it down: " + b.rate());
  }

  @Test
  void slotsFollowTheReducedRate() {
    AdaptiveBucket b = new AdaptiveBucket(10, 0);
    b.throttled(0); // 5/s, burst drained
    long first = b.reserve(0);
    long second = b.reserve(0);
    assertEquals(S / 5, second - first, "one slot per 200 ms at 5/s");
  }

  @Test
  void aClockThatRunsBackwardsIsTreatedAsStill() {
    AdaptiveBucket b = new AdaptiveBucket(2, 10 * S);
    assertEquals(0, b.reserve(10 * S));
    long w = b.reserve(9 * S); // a thread that read the clock earlier enters later
    assertTrue(w >= S / 2, "its slot is after the previous one: " + w);
  }

  @Test
  void aRateMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new AdaptiveBucket(0, 0));
  }
}
