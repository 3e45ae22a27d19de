package io.dbsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Emulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --rate-limit / --no-rate-limit: documented in the usage, checked before any call, and obeyed. */
class CliPacingTest {
  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"export", "import"})
  void usageDocumentsThePacingOptions(String sub) {
    CliRunner.Result r = CliRunner.run(Map.of(), sub, "--help");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("--rate-limit=FAMILY=REQ_PER_S") && r.out().contains("--no-rate-limit")
        && r.out().contains("published"), r.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"jobs", "jobs=fast", "jobs:list=3"})
  void aMalformedRateLimitIsOneClearError(String spec) throws Exception {
    CliRunner.Result r = CliRunner.run(Map.of(), "export", "--profile", "nowhere", "-l", tmp.resolve("r").toString(),
        "-c", config().toString(), "--no-progress", "--rate-limit", spec);
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("rate limit '" + spec + "' is not FAMILY=REQ_PER_S"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void noRateLimitAndRateLimitContradict() throws Exception {
    CliRunner.Result r = CliRunner.run(Map.of(), "export", "--profile", "nowhere", "-l", tmp.resolve("r").toString(),
        "-c", config().toString(), "--no-progress", "--rate-limit", "jobs=5", "--no-rate-limit");
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("--no-rate-limit and --rate-limit contradict"), r.err());
  }

  /**
   * A workspace that allows notebook reads at 10/s: paced at the published 50/s the export runs into
   * 429s; told the real figure with --rate-limit it sends no more than the workspace accepts.
   */
  @Test
  void anOverrideIsWhatTheExportIsPacedAt() throws Exception {
    try (Emulator source = new Emulator().start()) {
      CliRunner.loggingAsTheCli();
      ObjectNode seed = JsonNodeFactory.instance.objectNode();
      ArrayNode notebooks = seed.putArray("workspace");
      for (int i = 0; i < 40; i++) {
        notebooks.addObject().put("path", "/Shared/paced/n" + i).put("language", "PYTHON")
            .put("content", "# Databricks notebook source\nprint(" + i + ")\n");
      }
      source.seed(seed);
      source.options().rateLimits.put("workspace:read", 10.0);
      Map<String, String> env = CliRunner.profileEnv(tmp, "src", source);

      CliRunner.Result paced = CliRunner.run(env, "export", "--profile", "src", "-l", tmp.resolve("paced").toString(),
          "-c", config().toString(), "--no-progress", "--report-dir", tmp.toString(), "--rate-limit", "workspace:read=10");
      assertEquals(0, paced.exitCode(), paced.out() + paced.err());
      assertEquals(0, source.requests().throttled(), "paced at the workspace's limit, nothing was throttled");

      source.requests().reset();
      CliRunner.Result published = CliRunner.run(env, "export", "--profile", "src", "-l", tmp.resolve("published").toString(),
          "-c", config().toString(), "--no-progress", "--report-dir", tmp.toString());
      assertEquals(0, published.exitCode(), published.out() + published.err());
      assertTrue(source.requests().throttled() > 0, "at the published 50/s the stricter workspace throttles");
    }
  }

  private Path config() throws Exception {
    Path config = tmp.resolve("export.yaml");
    Files.writeString(config, "objects:\n  notebook:\n    notebook_path: /Shared/paced\n");
    return config;
  }
}
