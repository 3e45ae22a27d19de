package io.dbsync.bench;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Clients;
import io.dbsync.client.CountingHttpClient;
import io.dbsync.config.ExportConfig;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.EmulatorOptions;
import io.dbsync.emulator.sql.HiveCatalog;
import io.dbsync.emulator.sql.SqlFamily;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.git.GitTarget;
import io.dbsync.importer.ImportException;
import io.dbsync.importer.ImportOptions;
import io.dbsync.importer.ImportResult;
import io.dbsync.importer.Importer;
import io.dbsync.kind.KindRegistry;
import io.dbsync.report.ExportReport;
import io.dbsync.report.KindResult;
import io.dbsync.state.LocalStateStore;
import io.dbsync.tf.config.ConfigReader;
import io.dbsync.tf.config.RevisionFiles;
import io.dbsync.tf.config.VariableDecl;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs one scenario: a seeded source emulator, then for each export parallelism an export into a
 * fresh local git repository and (unless export-only) an import into an empty target emulator and a
 * second, no-op import. Each phase starts with the emulators' request logs reset.
 */
public final class BenchRun {
  /** @param notes what else the report should say (the disaster-recovery run's source changes), may be empty */
  public record Result(Scenario scenario, Workload population, List<PhaseResult> phases, List<KindResult> kinds,
                       List<String> notes) {
    public Result(Scenario scenario, Workload population, List<PhaseResult> phases, List<KindResult> kinds) {
      this(scenario, population, phases, kinds, List.of());
    }
  }

  private final Scenario scenario;
  private final Workload population;
  private final KindRegistry kinds;
  private final PrintStream progress;
  private final boolean verbose;

  /** @param verbose also print the export's progress log (timestamped) and the import's apply output */
  public BenchRun(Scenario scenario, Workload population, KindRegistry kinds, PrintStream progress,
                  boolean verbose) {
    this.scenario = scenario;
    this.population = population;
    this.kinds = kinds;
    this.progress = progress;
    this.verbose = verbose;
  }

  private PrintStream phaseLog(String phase) {
    return verbose ? TimestampedLog.to(progress, "[" + scenario.name() + " " + phase + "]")
        : new PrintStream(OutputStream.nullOutputStream());
  }

  public Result run() throws Exception {
    if (scenario.disasterRecovery()) {
      return new DisasterRecoveryRun(this).run();
    }
    List<PhaseResult> phases = new ArrayList<>();
    List<KindResult> kindResults = List.of();
    ExportConfig config = ExportConfig.parse(population.config(), kinds.configKeys());
    Path work = Files.createTempDirectory("dbsync-bench-");
    try (Emulator source = start()) {
      source.seed(population.seed());
      for (int parallelism : scenario.exportParallelism()) {
        Path repo = work.resolve("repo-p" + parallelism);
        progress.printf("[%s] export, parallelism %s%n", scenario.name(),
            parallelism > 0 ? String.valueOf(parallelism) : "the tool's default");
        PhaseOutcome<ExportReport> export = export(source, config, repo, parallelism);
        phases.add(export.phase());
        progress.println(summary(export.phase()));
        if (export.value() == null) {
          continue;
        }
        kindResults = export.value().kinds();
        if (scenario.exportOnly()) {
          continue;
        }
        RevisionFiles exports = RevisionFiles.directory(repo.resolve(ExportRun.EXPORTS));
        Map<String, String> vars = variableValues(exports);
        try (Emulator target = start()) {
          if (population.targetSeed() != null) {
            target.seed(population.targetSeed());
          }
          Path state = work.resolve("state-p" + parallelism);
          progress.printf("[%s] import into an empty workspace%n", scenario.name());
          phases.add(importOnce(target, exports, state, vars, "import", false).phase());
          progress.println(summary(phases.getLast()));
          progress.printf("[%s] import again (no changes)%n", scenario.name());
          phases.add(importOnce(target, exports, state, vars, "re-import", true).phase());
          progress.println(summary(phases.getLast()));
        }
      }
    } finally {
      deleteTree(work);
    }
    return new Result(scenario, population, phases, kindResults);
  }

  /** One line as a phase ends (the report comes after the last): wall, calls, parallelism, rate floor / wall. */
  String summary(PhaseResult p) {
    return String.format(Locale.ROOT, "[%s] %s: %.1f s, %d calls, %d 429s, parallelism %d, rate floor %.1f s (%s), "
            + "floor / wall %.2f", scenario.name(), p.phase(), p.wallMillis() / 1000.0, p.clientCalls(),
        p.clientThrottled(), p.parallelism(), p.rateFloorMillis() / 1000.0, p.rateFloorFamily(),
        p.wallMillis() == 0 ? 0 : (double) p.rateFloorMillis() / p.wallMillis());
  }

  Scenario scenario() {
    return scenario;
  }

  /** The disaster-recovery run's population (that scenario's workload is always one). */
  Population population() {
    return (Population) population;
  }

  KindRegistry kinds() {
    return kinds;
  }

  PrintStream progress() {
    return progress;
  }

  Emulator start() throws IOException {
    EmulatorOptions options = new EmulatorOptions();
    options.latencyMillis = scenario.latencyMillis();
    options.rateLimits.putAll(scenario.rateLimits());
    return new Emulator(options).start();
  }

  /** A phase's measurements and what it produced (null when it was aborted). */
  record PhaseOutcome<T>(PhaseResult phase, T value) {}

  PhaseOutcome<ExportReport> export(Emulator source, ExportConfig config, Path repo, int parallelism)
      throws Exception {
    return export(source, config, repo, parallelism, "export");
  }

  PhaseOutcome<ExportReport> export(Emulator source, ExportConfig config, Path repo, int parallelism, String phase)
      throws Exception {
    WorkspaceClient client = Clients.countingForHost(source.url(), source.token(), scenario.clientLimits());
    source.requests().reset();
    PhaseStart before = PhaseStart.of(counter(client), source);
    long t0 = System.nanoTime();
    ExportReport r;
    // 0: the tool's default for this client, as a new user runs it; the report shows what was used
    ExportOptions options = ExportOptions.builder(client, config, new GitTarget.Local(repo))
        .kinds(kinds).parallelism(parallelism).listener(new ExportLog(phaseLog(phase))).build();
    int used = options.parallelism();
    try (HeapWatch heap = HeapWatch.start()) {
      try {
        r = ExportRun.run(options);
      } catch (IOException | RuntimeException e) {
        long wall = (System.nanoTime() - t0) / 1_000_000;
        return new PhaseOutcome<>(measure(phase, used, wall, 0, 0, client, before, source, 0,
            List.of(aborted(e)), heap.peakBytes(), heap.retainedBytes()), null);
      }
      long wall = (System.nanoTime() - t0) / 1_000_000;
      List<String> problems = r.failures().stream().map(p -> p.describe()).limit(10).toList();
      int changes = r.changelog() == null ? 0 : r.changelog().added() + r.changelog().modified() + r.changelog().removed();
      return new PhaseOutcome<>(measure(phase, used, wall, r.exported(), changes, client, before,
          source, 0, problems, heap.peakBytes(), heap.retainedBytes()), r);
    }
  }

  /** An exception that ended a phase, as one problem line (the SDK's message names the request). */
  private static String aborted(Exception e) {
    return "ABORTED: " + e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  PhaseOutcome<ImportResult> importOnce(Emulator target, RevisionFiles exports, Path stateDir, Map<String, String> vars,
                                        String phase, boolean expectNoChanges) throws Exception {
    WorkspaceClient client = Clients.countingForHost(target.url(), target.token(), scenario.clientLimits());
    target.requests().reset();
    PhaseStart before = PhaseStart.of(counter(client), target);
    long t0 = System.nanoTime();
    ImportResult r;
    ImportOptions options = ImportOptions.builder(exports, LocalStateStore.inDirectory(stateDir), kinds, client)
        .env(Map.of()).varOverrides(vars).apply(true).printPlan(false).parallelism(scenario.importParallelism())
        .out(phaseLog(phase)).build();
    int parallelism = options.effectiveParallelism(); // 0 in the scenario: the tool's default
    try (HeapWatch heap = HeapWatch.start()) {
      try {
        r = new Importer(options).run();
      } catch (ImportException | IOException | RuntimeException e) {
        // e.g. a refresh that ran out of the SDK's retries on 429: the whole run stops before applying
        long wall = (System.nanoTime() - t0) / 1_000_000;
        return new PhaseOutcome<>(measure(phase, parallelism, wall, 0, 0, client, before, target,
            stateSize(stateDir), List.of(aborted(e)), heap.peakBytes(), heap.retainedBytes()), null);
      }
      long wall = (System.nanoTime() - t0) / 1_000_000;
      List<String> problems = r.failures().stream()
          .filter(f -> !f.skipped())
          .map(f -> f.address() + " (" + f.action().name().toLowerCase() + "): " + f.message())
          .limit(10).toList();
      long skipped = r.failures().stream().filter(f -> f.skipped()).count();
      if (skipped > 0) {
        problems = Stream.concat(problems.stream(), Stream.of(skipped + " change(s) skipped: a dependency failed")).toList();
      }
      if (expectNoChanges && r.plan().hasChanges()) {
        // an unchanged revision must converge: anything planned here is a diff the engine cannot settle
        problems = Stream.concat(problems.stream(), Stream.of("planned " + r.plan().actionable().size()
            + " change(s) for an unchanged revision, e.g. " + r.plan().actionable().getFirst().address())).toList();
      }
      return new PhaseOutcome<>(measure(phase, parallelism, wall, r.plan().changes().size(),
          r.applied().size(), client, before, target, stateSize(stateDir), problems, heap.peakBytes(), heap.retainedBytes()), r);
    }
  }

  private static long stateSize(Path stateDir) throws IOException {
    Path stateFile = stateDir.resolve(LocalStateStore.STATE_FILE);
    return Files.exists(stateFile) ? Files.size(stateFile) : 0;
  }

  private PhaseResult measure(String phase, int parallelism, long wallMillis, int objects, int changes,
                              WorkspaceClient client, PhaseStart before, Emulator emulator,
                              long stateBytes, List<String> problems, long peakHeapBytes, long retainedHeapBytes) {
    CountingHttpClient.Snapshot used = counter(client).snapshot().minus(before.calls());
    HiveCatalog sql = PhaseStart.metastore(emulator);
    JsonNode log = emulator.requests().toJson();
    Map<String, Long> byFamily = longs(log.path("by_family"));
    Map<String, Long> byRoute = longs(log.path("by_route"));
    long total = log.path("total").asLong();
    long latencyFloor = total * scenario.latencyMillis() / Math.max(1, parallelism);
    long rateFloor = 0;
    String rateFamily = null;
    for (Map.Entry<String, Long> e : RateFloor.callsByLimitKey(longs(log.path("by_operation")), scenario.rateLimits()).entrySet()) {
      double limit = RateFloor.limit(scenario.rateLimits(), e.getKey());
      // the emulator's token bucket starts full (capacity = one second's worth): that burst is free
      long floor = (long) Math.max(0, (e.getValue() - Math.max(1, limit)) / limit * 1000);
      if (floor > rateFloor) {
        rateFloor = floor;
        rateFamily = e.getKey();
      }
    }
    return new PhaseResult(scenario.name(), phase, parallelism, wallMillis, objects, changes, used.calls(),
        used.throttled(), total, log.path("writes").asLong(), byFamily, byRoute, latencyFloor, rateFloor,
        rateFamily, stateBytes, problems, sql.statementCount() - before.statements(),
        sql.writeStatementCount() - before.sqlWrites(), peakHeapBytes, retainedHeapBytes);
  }

  /** Counters at the start of a phase: the client's calls and the metastore's statements (all, and those that write). */
  private record PhaseStart(CountingHttpClient.Snapshot calls, long statements, long sqlWrites) {
    static PhaseStart of(CountingHttpClient counter, Emulator emulator) {
      HiveCatalog sql = metastore(emulator);
      return new PhaseStart(counter.snapshot(), sql.statementCount(), sql.writeStatementCount());
    }

    static HiveCatalog metastore(Emulator emulator) {
      return emulator.workspace().family(SqlFamily.class).catalog();
    }
  }

  private static CountingHttpClient counter(WorkspaceClient client) {
    return Clients.counter(client).orElseThrow(() -> new IllegalStateException("client does not count calls"));
  }

  private static Map<String, Long> longs(JsonNode obj) {
    Map<String, Long> out = new TreeMap<>();
    obj.properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
    return out;
  }

  /**
   * A value for every variable the export declares without a default (secret values, which are
   * never exported): what an operator passes with --var or TF_VAR_* at import time.
   */
  static Map<String, String> variableValues(RevisionFiles exports) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (VariableDecl v : ConfigReader.read(exports).variables().values()) {
      if (v.defaultValue() != null && !v.defaultValue().isNull()) {
        continue;
      }
      out.put(v.name(), switch (v.type() == null ? "string" : v.type()) {
        case "bool" -> "false";
        case "number" -> "0";
        default -> "bench-value-" + v.name();
      });
    }
    return out;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
