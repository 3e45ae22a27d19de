package io.dbsync.bench;

import io.dbsync.kind.KindRegistry;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner end to end on a tiny population: it measures the three phases and reports what it
 * counted. Asserts counts and convergence only, never time.
 */
class BenchRunTest {
  @Test
  void fastScenarioMeasuresExportImportAndNoOpReimport() throws Exception {
    Scenario scenario = Scenario.fast(0.02);
    BenchRun.Result r = new BenchRun(scenario, Population.standard().scaled(scenario.scale()), KindRegistry.standard(),
        new PrintStream(OutputStream.nullOutputStream()), false).run();

    assertEquals(List.of("export", "import", "re-import"), r.phases().stream().map(PhaseResult::phase).toList());
    PhaseResult export = r.phases().get(0);
    PhaseResult importRun = r.phases().get(1);
    PhaseResult reimport = r.phases().get(2);
    assertEquals(List.of(), export.problems());
    assertTrue(export.objects() > 0, export.toString());
    // the SDK-side count (the phase table) and the emulator's (the per-family table) must agree
    assertEquals(export.serverCalls(), export.clientCalls());
    assertEquals(0, export.serverWrites(), "an export only reads");
    assertEquals(List.of(), importRun.problems());
    assertTrue(importRun.serverWrites() > 0 && importRun.changes() == importRun.objects(), importRun.toString());
    assertTrue(importRun.stateBytes() > 0);
    assertEquals(List.of(), reimport.problems());
    assertEquals(0, reimport.changes());
    assertEquals(0, reimport.serverWrites(), "an unchanged revision sends no writes");
    assertEquals(reimport.serverCalls(), reimport.clientCalls());
    assertTrue(reimport.byFamily().getOrDefault("workspace", 0L) > 0, reimport.byFamily().toString());

    String md = MarkdownReport.render("test machine", "BenchMain fast", List.of(r));
    assertTrue(md.contains("| export | ok | 8 | " + export.objects() + " |"), md);
    assertTrue(md.contains("| re-import | ok | 4 | " + reimport.objects() + " | 0 |"), md);
  }

  /**
   * The disaster-recovery run on a tiny population: every phase succeeds (the target equals the source
   * at the export imported, after the rollback too) and the no-change imports write nothing.
   */
  @Test
  void disasterRecoveryRunRollsBackToTheFirstExport() throws Exception {
    Scenario scenario = Scenario.disasterRecovery(0.01);
    BenchRun.Result r = new BenchRun(scenario, scenario.population(), KindRegistry.standard(),
        new PrintStream(OutputStream.nullOutputStream()), false).run();
    assertEquals(List.of("export", "import", "re-import", "export 2", "import 2", "rollback", "re-import"),
        r.phases().stream().map(PhaseResult::phase).toList());
    for (PhaseResult p : r.phases()) {
      assertEquals(List.of(), p.problems(), p.phase());
    }
    assertTrue(r.phases().get(4).changes() > 0 && r.phases().get(5).changes() > 0, r.phases().toString());
    assertEquals(0, r.phases().get(2).serverWrites());
    assertEquals(0, r.phases().get(6).serverWrites());
    assertTrue(r.notes().getFirst().startsWith("Source change between the exports:"), r.notes().toString());
  }

  @Test
  void floorsComeFromLatencyAndTheBusiestRateLimitedFamily() {
    PhaseResult p = new PhaseResult("realistic", "import", 4, 5000, 100, 100, 400, 2, 400, 200,
        Map.of("jobs", 60L, "dbfs", 40L), Map.of(), 400L * 50 / 4, (60 - 20) * 1000 / 20, "jobs", 1024, List.of(),
        0, 0, 300L * 1024 * 1024, 100L * 1024 * 1024);
    assertEquals(5000, p.floorMillis());
    assertEquals(4.0, p.callsPerObject());
    String md = MarkdownReport.render("m", "c", List.of(new BenchRun.Result(Scenario.realistic(1),
        Population.standard(), List.of(p), List.of())));
    assertTrue(md.contains("| 5.00 | 2.00 (jobs) | 1.00 | 1 | 300 / 100 |"), md);
  }

  @Test
  void hiveScenarioCountsMetastoreStatementsAndConverges() throws Exception {
    Scenario scenario = Scenario.hive(0.02).get(1); // 10 databases of 4 tables and views
    BenchRun.Result r = new BenchRun(scenario, scenario.workload(), KindRegistry.standard(),
        new PrintStream(OutputStream.nullOutputStream()), false).run();
    PhaseResult export = r.phases().get(0);
    PhaseResult importRun = r.phases().get(1);
    PhaseResult reimport = r.phases().get(2);
    assertEquals(List.of(), export.problems());
    assertEquals(0, export.sqlWrites(), "an export only reads");
    assertTrue(export.sqlStatements() >= 2L * 40, export.toString());
    assertEquals(List.of(), importRun.problems());
    assertTrue(importRun.sqlWrites() > 40, importRun.toString());
    assertEquals(List.of(), reimport.problems());
    assertEquals(0, reimport.changes());
    assertEquals(0, reimport.sqlWrites(), "an unchanged revision runs no write statement");
    String md = MarkdownReport.render("test machine", "BenchMain hive", List.of(r));
    assertTrue(md.contains("| re-import | " + reimport.sqlStatements() + " | "), md);
  }
}
