package io.dbsync.cli;

import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.EmulatorOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets one clear line and a non-zero exit, never a stack trace (unless --debug). */
class CliErrorsTest {
  @TempDir
  Path tmp;

  private static void assertOneLineError(CliRunner.Result r, String expected) {
    assertTrue(r.err().contains(expected), "stderr should mention '" + expected + "' but was:\n" + r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace expected:\n" + r.err());
    assertTrue(r.err().lines().filter(l -> l.startsWith("error: ")).count() == 1, r.err());
  }

  @Test
  void versionPrintsTheVersion() {
    CliRunner.Result r = CliRunner.run(Map.of(), "version");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().startsWith("databricks-sync "), r.out());
  }

  @Test
  void unknownFlagIsUsageErrorExit2() {
    CliRunner.Result r = CliRunner.run(Map.of(), "export", "-l", "x", "-c", "y", "--no-such-flag");
    assertEquals(2, r.exitCode());
    assertOneLineError(r, "Unknown option");
  }

  @Test
  void initWritesATemplateThatExportAccepts() throws Exception {
    Path file = tmp.resolve("my-export");
    CliRunner.Result r = CliRunner.run(Map.of(), "init", file.toString());
    assertEquals(0, r.exitCode(), r.err());
    Path written = tmp.resolve("my-export.yaml");
    assertTrue(Files.readString(written).contains("objects:"));
    io.dbsync.config.ExportConfig.load(written);
    CliRunner.Result again = CliRunner.run(Map.of(), "init", file.toString());
    assertEquals(2, again.exitCode());
    assertOneLineError(again, "already exists");
  }

  @Test
  void malformedConfigNamesTheKey() throws Exception {
    Path cfg = tmp.resolve("bad.yaml");
    Files.writeString(cfg, "name: x\nobjects:\n  notebook:\n    notebook_path: {a: 1}\n");
    CliRunner.Result r = CliRunner.run(Map.of(), "export", "-l", tmp.resolve("repo").toString(), "-c", cfg.toString());
    assertEquals(2, r.exitCode());
    assertOneLineError(r, "notebook_path");
  }

  @Test
  void missingConfigFileIsClear() {
    CliRunner.Result r = CliRunner.run(Map.of(), "export", "-l", tmp.toString(), "-c", tmp.resolve("nope.yaml").toString());
    assertEquals(2, r.exitCode());
    assertOneLineError(r, "config file not found");
  }

  @Test
  void unreachableHostIsOneLine() throws Exception {
    Path cfg = tmp.resolve("ok.yaml");
    Files.writeString(cfg, "name: x\nobjects:\n  cluster_policy:\n    patterns: [\"*\"]\n");
    Path profiles = tmp.resolve("databrickscfg");
    Files.writeString(profiles, "[down]\nhost = http://127.0.0.1:9\ntoken = t\n");
    CliRunner.Result r = CliRunner.run(Map.of("DATABRICKS_CONFIG_FILE", profiles.toString()),
        "export", "-p", "down", "-l", tmp.resolve("repo").toString(), "-c", cfg.toString(), "--no-progress");
    assertEquals(1, r.exitCode(), r.err());
    assertOneLineError(r, "cannot connect");
    assertFalse(Files.exists(tmp.resolve("repo")), "nothing is written when the workspace cannot be reached");
  }

  @Test
  void badTokenIsReportedAsCredentialsProblem() throws Exception {
    EmulatorOptions options = new EmulatorOptions();
    options.token = "right-token";
    try (Emulator emulator = new Emulator(options).start()) {
      Path cfg = tmp.resolve("ok.yaml");
      Files.writeString(cfg, "name: x\nobjects:\n  cluster_policy:\n    patterns: [\"*\"]\n");
      Path profile = tmp.resolve("databrickscfg");
      Files.writeString(profile, "[src]\nhost = " + emulator.url() + "\ntoken = wrong-token\n");
      CliRunner.Result r = CliRunner.run(Map.of("DATABRICKS_CONFIG_FILE", profile.toString()),
          "export", "--profile", "src", "-l", tmp.resolve("repo").toString(), "-c", cfg.toString(), "--no-progress");
      assertEquals(1, r.exitCode(), r.err());
      assertOneLineError(r, "rejected the credentials");
      assertFalse(r.err().contains("wrong-token"), "the token must never be printed");
    }
  }

  @Test
  void debugShowsTheStackTrace() {
    CliRunner.Result r = CliRunner.run(Map.of(), "--debug", "export", "-l", tmp.toString(), "-c", tmp.resolve("nope.yaml").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("\tat "), r.err());
  }
}
