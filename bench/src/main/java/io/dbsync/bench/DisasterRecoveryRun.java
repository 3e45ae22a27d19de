package io.dbsync.bench;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.client.Clients;
import io.dbsync.config.ExportConfig;
import io.dbsync.emulator.Emulator;
import io.dbsync.git.GitTarget;
import io.dbsync.git.RevisionCheckout;
import io.dbsync.importer.ImportResult;
import io.dbsync.report.ExportReport;
import io.dbsync.report.KindResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The disaster-recovery scale scenario (issue 9): a seeded source of over 10,000 objects is exported
 * (tag 1) and imported into an empty target; the import is repeated (no changes, no writes); the
 * source changes ({@link SourceChanges}) and is exported again and imported; then the first tag is
 * imported (rollback) and once more (no writes). After the imports the target is compared with the
 * source as it was at the export imported, object by object ({@link WorkspaceSnapshot}); a difference
 * is a problem of that phase. Everything runs in this JVM: run it with {@code -Xmx512m}.
 */
final class DisasterRecoveryRun {
  private final BenchRun bench;

  DisasterRecoveryRun(BenchRun bench) {
    this.bench = bench;
  }

  BenchRun.Result run() throws Exception {
    Scenario scenario = bench.scenario();
    Population population = bench.population();
    List<PhaseResult> phases = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<KindResult> kinds = List.of();
    ExportConfig config = ExportConfig.parse(population.config(), bench.kinds().configKeys());
    int parallelism = scenario.exportParallelism().getFirst();
    Path work = Files.createTempDirectory("dbsync-bench-dr-");
    try (Emulator source = bench.start(); Emulator target = bench.start()) {
      source.seed(population.seed());
      Path repo = work.resolve("repo");
      Path state = work.resolve("state");

      say("export the source");
      BenchRun.PhaseOutcome<ExportReport> first = bench.export(source, config, repo, parallelism, "export");
      phases.add(first.phase());
      if (first.value() == null) {
        return new BenchRun.Result(scenario, population, phases, kinds, notes);
      }
      kinds = first.value().kinds();
      String tag = first.value().tag();
      WorkspaceSnapshot atFirstExport = WorkspaceSnapshot.of(source, client(source));

      say("import into an empty workspace");
      phases.add(importRevision(target, repo, null, state, "import", atFirstExport));
      say("import again (no changes)");
      phases.add(importRevision(target, repo, null, state, "re-import", null));

      say("change the source and export again");
      notes.add(SourceChanges.apply(client(source), population));
      BenchRun.PhaseOutcome<ExportReport> second = bench.export(source, config, repo, parallelism, "export 2");
      phases.add(second.phase());
      WorkspaceSnapshot atSecondExport = WorkspaceSnapshot.of(source, client(source));
      say("import the change");
      phases.add(importRevision(target, repo, null, state, "import 2", atSecondExport));

      say("roll back: import the first export's tag " + tag);
      phases.add(importRevision(target, repo, tag, state, "rollback", atFirstExport));
      say("import the first tag again (no changes)");
      phases.add(importRevision(target, repo, tag, state, "re-import", null));
      notes.add("Rollback imports tag `" + tag + "` (the first export); after each import the target is compared "
          + "object by object with the source at the export imported (" + atFirstExport.objects.size()
          + " objects at the first export, " + atSecondExport.objects.size() + " at the second): a difference "
          + "would be listed as a problem of the phase.");
    } finally {
      BenchRun.deleteTree(work);
    }
    return new BenchRun.Result(scenario, population, phases, kinds, notes);
  }

  /**
   * One import of {@code revision} (null: the head) read from the repository's objects; with
   * {@code expected}, the target is then compared with it; without, the import must change nothing.
   */
  private PhaseResult importRevision(Emulator target, Path repo, String revision, Path state, String phase,
                                     WorkspaceSnapshot expected) throws Exception {
    try (RevisionCheckout co = RevisionCheckout.of(new GitTarget.Local(repo), null, revision, null)) {
      BenchRun.PhaseOutcome<ImportResult> outcome = bench.importOnce(target, co.files(), state,
          BenchRun.variableValues(co.files()), phase, expected == null);
      PhaseResult result = outcome.phase();
      if (expected == null && result.serverWrites() > 0) {
        result = result.withProblems(List.of(result.serverWrites() + " writes for an unchanged revision"));
      }
      if (expected != null && outcome.value() != null) {
        List<String> differences = WorkspaceSnapshot.of(target, client(target)).differencesFrom(expected, 10);
        result = result.withProblems(differences.stream().map(d -> "target differs from the source: " + d).toList());
      }
      return result;
    }
  }

  private static WorkspaceClient client(Emulator e) {
    return Clients.forHost(e.url(), e.token());
  }

  private void say(String what) {
    bench.progress().printf("[%s] %s%n", bench.scenario().name(), what);
  }
}
