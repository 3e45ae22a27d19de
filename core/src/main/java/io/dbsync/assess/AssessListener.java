package io.dbsync.assess;

import io.dbsync.client.CountingHttpClient;
import io.dbsync.export.ExportListener;
import io.dbsync.kind.Kind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Hears the probing export: the API counter at the start, after the listings and at the end (the
 * calls of each phase), the time taken, and the objects kinds skip by design (from worker threads:
 * a concurrent queue).
 */
final class AssessListener implements ExportListener {
  private record Skipped(String type, String object, String reason) {}

  private final CountingHttpClient counter;
  private final Clock clock;
  private final Queue<Skipped> skipped = new ConcurrentLinkedQueue<>();
  private volatile CountingHttpClient.Snapshot atStart;
  private volatile CountingHttpClient.Snapshot afterListing;
  private volatile CountingHttpClient.Snapshot atEnd;
  private volatile Instant started;
  private volatile Instant ended;

  AssessListener(CountingHttpClient counter, Clock clock) {
    this.counter = counter;
    this.clock = clock;
  }

  void start() {
    started = clock.instant();
    atStart = snapshot();
  }

  @Override
  public void exportStarted(int totalObjects) {
    afterListing = snapshot();
  }

  @Override
  public void finished() {
    atEnd = snapshot();
    ended = clock.instant();
  }

  @Override
  public void skipped(Kind kind, String object, String reason) {
    skipped.add(new Skipped(kind.info().type(), object, reason));
  }

  /** Calls per family made by the export's listings, and by its object reads (artifacts probed). */
  Map<String, Long> listingCalls() {
    return diff(afterListing, atStart);
  }

  Map<String, Long> objectCalls() {
    return diff(atEnd, afterListing);
  }

  Duration elapsed() {
    return started == null || ended == null ? Duration.ZERO : Duration.between(started, ended);
  }

  boolean counted() {
    return counter != null;
  }

  /** Skipped objects grouped by type and reason, up to five example names each, sorted. */
  List<Assessment.Skip> skips() {
    Map<String, List<String>> byReason = new TreeMap<>();
    for (Skipped s : skipped) {
      byReason.computeIfAbsent(s.type() + "\u0000" + s.reason(), k -> new ArrayList<>()).add(s.object());
    }
    List<Assessment.Skip> out = new ArrayList<>();
    byReason.forEach((key, objects) -> {
      String[] parts = key.split("\u0000", 2);
      List<String> examples = objects.stream().sorted().limit(5).toList();
      out.add(new Assessment.Skip(parts[0], parts[1], objects.size(), examples));
    });
    return out;
  }

  private CountingHttpClient.Snapshot snapshot() {
    return counter == null ? null : counter.snapshot();
  }

  private static Map<String, Long> diff(CountingHttpClient.Snapshot later, CountingHttpClient.Snapshot earlier) {
    if (later == null || earlier == null) {
      return Map.of();
    }
    return new TreeMap<>(later.minus(earlier).callsByFamily());
  }
}
