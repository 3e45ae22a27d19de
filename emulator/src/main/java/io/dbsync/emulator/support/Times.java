package io.dbsync.emulator.support;

import java.time.Instant;

/** Timestamps in the RFC 3339 form the newer APIs use ("2024-05-03T09:27:23.443Z"). */
public final class Times {
  private Times() {}

  public static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
