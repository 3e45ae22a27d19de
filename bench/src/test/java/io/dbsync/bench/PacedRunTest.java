package io.dbsync.bench;

import io.dbsync.client.Clients;
import io.dbsync.emulator.PublishedRateLimits;
import io.dbsync.kind.KindRegistry;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 against the emulator with the published limit of every family: the paced client completes
 * export, import and re-import while hardly ever being throttled (an unpaced one runs into the SCIM
 * and workspace limits at once). Asserts counts only, never time.
 */
class PacedRunTest {
  @Test
  void aPacedRunCompletesWithFew429s() throws Exception {
    // at 0.05 the export's workspace reads (~70) still pass the 50/s bucket's burst: the SCIM reads that
    // bound a smaller export are now 4, within their burst
    Scenario scenario = Scenario.paced(0.05);
    BenchRun.Result r = new BenchRun(scenario, scenario.population(), KindRegistry.standard(),
        new PrintStream(OutputStream.nullOutputStream()), false).run();
    assertEquals(List.of("export", "import", "re-import"), r.phases().stream().map(PhaseResult::phase).toList());
    for (PhaseResult p : r.phases()) {
      assertEquals(List.of(), p.problems(), p.phase());
      assertTrue(p.clientCalls() > 50, p.toString());
      assertTrue(p.clientThrottled() <= Math.max(1, p.clientCalls() / 50),
          p.phase() + ": " + p.clientThrottled() + " of " + p.clientCalls() + " calls were throttled");
      if (!p.phase().equals("re-import")) {
        // at this size the no-change re-import's reads (listings, issue 14) fit in every bucket's first
        // second (the emulator's burst), so no limit bounds it
        assertTrue(p.rateFloorFamily() != null, "a published limit bounds the export and the import: " + p);
      }
    }
    assertEquals(0, r.phases().get(2).changes());
    // the tool's default parallelism, as a new user runs it: sized for pacing, and reported
    for (PhaseResult p : r.phases()) {
      assertEquals(Clients.PACED_PARALLELISM, p.parallelism(), p.phase());
    }
  }

  @Test
  void theRateFloorCountsEachBucketAsTheEmulatorDraws() {
    Map<String, Double> published = PublishedRateLimits.asMap();
    Map<String, Long> calls = RateFloor.callsByLimitKey(Map.of("jobs:read", 10L, "jobs:write", 4L, "secrets:read", 3L,
        "secrets:write", 2L, "meta:read", 7L, "repos:read", 1L), published);
    assertEquals(Map.of("jobs:read", 10L, "jobs:write", 4L, "secrets", 5L), calls);
    assertEquals(1100 / 60.0, RateFloor.limit(published, "secrets"));
    assertEquals(Map.of("repos", 1L), RateFloor.callsByLimitKey(Map.of("repos:read", 1L), Map.of("*", 5.0)));
  }
}
