package io.dbsync.cli;

import io.dbsync.emulator.Emulator;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where export reports go: --report-dir, else a local repository's git folder; never the current folder. */
class CliReportDirTest {
  @TempDir
  Path tmp;
  Emulator source;
  Map<String, String> env;
  Path config;
  Path repo;

  @BeforeEach
  void start() throws Exception {
    source = new Emulator().start();
    env = CliRunner.profileEnv(tmp, "source", source);
    config = tmp.resolve("export.yaml");
    Files.writeString(config, "name: reports\nobjects:\n  cluster_policy:\n");
    repo = tmp.resolve("repo");
  }

  @AfterEach
  void stop() {
    source.close();
  }

  private CliRunner.Result export(String... more) {
    String[] base = {"export", "--profile", "source", "-l", repo.toString(), "-c", config.toString(), "--no-progress"};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    CliRunner.Result r = CliRunner.run(env, args);
    assertFalse(Files.exists(Path.of(ExportCommand.REPORT_JSON)), "never into the current folder");
    return r;
  }

  @Test
  void dryRunWritesNoReportUnlessAsked() throws Exception {
    CliRunner.Result dry = export("--dry-run");
    assertEquals(0, dry.exitCode(), dry.err());
    try (var files = Files.walk(tmp)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("export-report")), "no report file");
    }
    CliRunner.Result excel = export("--dry-run", "--excel-report");
    assertEquals(2, excel.exitCode());
    assertTrue(excel.err().contains("--excel-report needs --report-dir"), excel.err());

    CliRunner.Result asked = export("--dry-run", "--excel-report", "--report-dir", tmp.resolve("reports").toString());
    assertEquals(0, asked.exitCode(), asked.err());
    assertTrue(Files.isRegularFile(tmp.resolve("reports/export-report.json")));
    assertTrue(Files.isRegularFile(tmp.resolve("reports/export-report.xlsx")));
  }

  @Test
  void aRealRunKeepsItsReportInTheRepositorysGitFolder() throws Exception {
    CliRunner.Result r = export("--excel-report");
    assertEquals(0, r.exitCode(), r.err());
    Path reports = repo.resolve(".git/databricks-sync");
    assertTrue(Files.isRegularFile(reports.resolve(ExportCommand.REPORT_JSON)), r.err());
    assertTrue(Files.isRegularFile(reports.resolve(ExportCommand.REPORT_XLSX)));
    assertTrue(r.err().contains("Report: " + reports.resolve(ExportCommand.REPORT_JSON)), r.err());
    try (Git git = Git.open(repo.toFile())) {
      assertTrue(git.status().call().isClean(), "the report is neither in the work tree nor committed");
    }
  }
}
