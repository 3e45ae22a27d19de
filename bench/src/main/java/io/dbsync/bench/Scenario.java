package io.dbsync.bench;

import io.dbsync.client.RateLimits;
import io.dbsync.emulator.PublishedRateLimits;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark configuration: emulator latency and per-family rate limits, the population scale,
 * and the export parallelism values to run (one run per value; 0: the tool's default for the client, as
 * a new user runs it, and likewise an import parallelism of 0).
 *
 * @param exportOnly true: measure the export only (the parallelism sweep: import does not depend on it)
 * @param disasterRecovery true: the disaster-recovery scale run ({@link DisasterRecoveryRun}) instead of
 *                   export / import / re-import per parallelism
 * @param hive       the workload is the large Hive metastore ({@link HivePopulation}), not the standard population
 * @param clientLimits how the tool's clients pace themselves (off: as fast as the workers go)
 */
public record Scenario(String name, String description, long latencyMillis, Map<String, Double> rateLimits,
                       double scale, List<Integer> exportParallelism, int importParallelism, boolean exportOnly,
                       boolean disasterRecovery, boolean hive, RateLimits clientLimits) {
  /**
   * Published per-workspace limits (Azure "resource limits", api-reference §1.3): DBFS ~30 req/s,
   * jobs create/run-now ~20 req/s. The emulator limits a whole family, so jobs get 20 req/s for every
   * jobs call: stricter than a real workspace for reads.
   */
  public static final Map<String, Double> PUBLISHED_LIMITS = new TreeMap<>(Map.of("dbfs", 30.0, "jobs", 20.0));
  public static final long REALISTIC_LATENCY_MS = 50;

  public Scenario {
    rateLimits = new TreeMap<>(rateLimits);
    exportParallelism = List.copyOf(exportParallelism);
  }

  public static List<String> names() {
    return List.of("fast", "realistic", "sweep", "all", "dr", "hive", "paced");
  }

  /** What the scenario's source holds, at its scale. */
  public Workload workload() {
    return hive ? HivePopulation.tenThousand().scaled(scale) : population();
  }

  /** The source population of the scenario: the standard one, or the disaster-recovery scale, times the scale. */
  public Population population() {
    return (disasterRecovery ? Population.disasterRecovery() : Population.standard()).scaled(scale);
  }

  /** The scenarios a command-line name stands for ("all" is every one, in order). */
  public static List<Scenario> named(String name, double scaleFactor) {
    return switch (name) {
      case "fast" -> List.of(fast(scaleFactor));
      case "realistic" -> List.of(realistic(scaleFactor));
      case "sweep" -> List.of(sweep(scaleFactor));
      case "all" -> List.of(fast(scaleFactor), realistic(scaleFactor), sweep(scaleFactor));
      case "dr" -> List.of(disasterRecovery(scaleFactor));
      case "hive" -> hive(scaleFactor);
      case "paced" -> List.of(paced(scaleFactor));
      default -> throw new IllegalArgumentException("unknown scenario '" + name + "' (known: "
          + String.join(", ", names()) + ")");
    };
  }

  static Scenario fast(double f) {
    return new Scenario("fast", "no latency, no rate limits: the engine's own cost and the API-call counts",
        0, Map.of(), f, List.of(8), 4, false, false, false, RateLimits.off());
  }

  static Scenario realistic(double f) {
    return new Scenario("realistic", REALISTIC_LATENCY_MS + " ms per request, DBFS 30 req/s, jobs 20 req/s",
        REALISTIC_LATENCY_MS, PUBLISHED_LIMITS, 0.5 * f, List.of(8), 4, false, false, false, RateLimits.off());
  }

  /**
   * Every family at the limit Databricks publishes for it (the emulator's "published" preset,
   * docs/emulator-rate-limits.md), 50 ms per request, the standard population (about 1,000 objects
   * at scale 1, 10,000 at 8.6): the tool paces itself by the same table (issue 14), or not, with
   * {@link #withClientLimits}. Export and import run at the tool's default parallelism (as a new user
   * runs them: higher while paced), which the report shows.
   */
  static Scenario paced(double f) {
    return new Scenario("paced", REALISTIC_LATENCY_MS + " ms per request, the published limit of every API family, "
        + "the tool's default parallelism", REALISTIC_LATENCY_MS, PublishedRateLimits.asMap(), f, List.of(0), 0, false,
        false, false, RateLimits.published());
  }

  /** The same scenario with the tool's clients paced at {@code limits}. */
  public Scenario withClientLimits(RateLimits limits) {
    return new Scenario(name, description + (limits.enabled() ? ", client paced" : ", client not paced"), latencyMillis,
        rateLimits, scale, exportParallelism, importParallelism, exportOnly, disasterRecovery, hive, limits);
  }

  static Scenario sweep(double f) {
    return new Scenario("sweep", "export only, " + REALISTIC_LATENCY_MS
        + " ms per request, DBFS 30 req/s, jobs 20 req/s, export parallelism 1/4/8/16",
        REALISTIC_LATENCY_MS, PUBLISHED_LIMITS, 0.25 * f, List.of(1, 4, 8, 16), 4, true, false, false, RateLimits.off());
  }

  /**
   * Disaster recovery at scale (issue 9): over 10,000 objects, no latency or rate limits (the engine's
   * own cost), export -> import -> re-import -> source change -> export -> import -> rollback to the
   * first export's tag -> re-import; run with -Xmx512m.
   */
  static Scenario disasterRecovery(double f) {
    return new Scenario("dr", "disaster recovery at scale: export, import, re-import, change, export, import, "
        + "rollback to the first tag, re-import", 0, Map.of(), f, List.of(8), 8, false, true, false, RateLimits.off());
  }

  /**
   * The Hive metastore through a SQL warehouse the tool finds, no latency, no rate limits (not part
   * of "all"; run it with -Xmx512m): the export of 10,000 tables and views (listing and reads), then
   * export, import and re-import of a fifth of them (the import's cost grows with the state it
   * writes after every action, see docs/benchmarks.md).
   */
  static List<Scenario> hive(double f) {
    return List.of(
        new Scenario("hive", "10,000 Hive tables and views x F through a SQL warehouse, export only, no latency, "
            + "no rate limits", 0, Map.of(), f, List.of(8), 8, true, false, true, RateLimits.off()),
        new Scenario("hive-import", "2,000 Hive tables and views x F through a SQL warehouse: export, import, "
            + "re-import, no latency, no rate limits", 0, Map.of(), 0.2 * f, List.of(8), 8, false, false, true, RateLimits.off()));
  }
}
