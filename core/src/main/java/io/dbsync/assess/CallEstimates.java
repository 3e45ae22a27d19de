package io.dbsync.assess;

import io.dbsync.client.Clients;
import io.dbsync.client.PublishedLimits;
import io.dbsync.kind.ImportFamilies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * API calls and time of an export and an import at the published rate limits
 * ({@link PublishedLimits}: one bucket per limit key, all buckets draining in parallel, so the run
 * takes at least as long as its slowest key needs), and at the latency this assessment saw.
 */
final class CallEstimates {
  /**
   * The import's default number of concurrent actions while paced, as it runs by default
   * (DATABRICKS_SYNC_IMPORT_APPLY_PARALLELISM overrides it; {@code ImportOptions.defaultParallelism}).
   */
  static final int IMPORT_PARALLELISM = Clients.PACED_PARALLELISM;

  private CallEstimates() {}

  /**
   * The export: the calls this assessment's probing export made (listings, then object reads with
   * artifacts probed by one request each), all reads; at least as long as the assessment took.
   */
  static Assessment.Estimate export(Map<String, Long> listing, Map<String, Long> objects, Duration elapsed) {
    Map<String, Long> reads = new TreeMap<>();
    listing.forEach((f, n) -> reads.merge(f + ":read", n, Long::sum));
    objects.forEach((f, n) -> reads.merge(f + ":read", n, Long::sum));
    List<String> notes = new ArrayList<>();
    notes.add("counted while assessing: listings, then every object read; each notebook, file and dashboard "
        + "counted as one request (a DBFS file takes one per MiB)");
    return estimate(reads, elapsed.toMillis() / 1000.0, notes);
  }

  /**
   * An import into an empty target: per resource one read (refresh or adoption check) and one write
   * (create), in the family of its type; at the latency per call the assessment saw, with the import's
   * parallelism.
   */
  static Assessment.Estimate importing(Map<String, Integer> resourcesByType, long exportCalls, Duration exportElapsed,
                                       int exportParallelism) {
    Map<String, Long> calls = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    resourcesByType.forEach((type, n) -> {
      String family = ImportFamilies.familyOf(type).orElse("other");
      calls.merge(family + ":read", (long) n, Long::sum);
      calls.merge(family + ":write", (long) n, Long::sum);
    });
    notes.add("one read and one write per resource, into an empty target (an unchanged re-import sends no write; "
        + "large DBFS files take a write per MiB)");
    long total = calls.values().stream().mapToLong(Long::longValue).sum();
    double perCall = exportCalls == 0 ? 0 : exportElapsed.toMillis() / 1000.0 * exportParallelism / exportCalls;
    return estimate(calls, total * perCall / IMPORT_PARALLELISM, notes);
  }

  private static Assessment.Estimate estimate(Map<String, Long> calls, double latencySeconds, List<String> notes) {
    Map<String, Double> byKey = new TreeMap<>();
    List<String> assumed = new ArrayList<>();
    calls.forEach((familyAndMode, n) -> {
      int colon = familyAndMode.lastIndexOf(':');
      String family = familyAndMode.substring(0, colon);
      boolean write = familyAndMode.endsWith(":write");
      PublishedLimits.of(family, write).ifPresent(limit -> {
        byKey.merge(limit.key(), n / limit.perSecond(), Double::sum);
        if (!limit.published() && !assumed.contains(limit.key())) {
          assumed.add(limit.key());
        }
      });
    });
    String slowest = null;
    double max = 0;
    for (Map.Entry<String, Double> e : byKey.entrySet()) {
      if (e.getValue() > max) {
        max = e.getValue();
        slowest = e.getKey();
      }
    }
    if (!assumed.isEmpty()) {
      notes.add("no published limit for " + String.join(", ", assumed) + ": assumed " + (int) PublishedLimits.UNPUBLISHED + "/s");
    }
    return new Assessment.Estimate(calls, byKey, max, slowest, latencySeconds, List.copyOf(notes));
  }
}
