package io.dbsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.emulator.Emulator;
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

/** The original tool's flags and environment keep working (docs: /work/shared/seed, "Common commands"). */
class CliSeedParityTest {
  @TempDir
  Path tmp;
  Emulator source;
  Map<String, String> env;
  Path config;

  @BeforeEach
  void start() throws Exception {
    source = new Emulator().start();
    env = CliRunner.profileEnv(tmp, "source", source);
    config = tmp.resolve("test.yaml");
    Files.writeString(config, "name: seed\nobjects:\n  cluster_policy:\n");
  }

  @AfterEach
  void stop() {
    source.close();
  }

  private JsonNode requiredDatabricksProvider(Path repo) throws Exception {
    return new ObjectMapper().readTree(repo.resolve("exports/main.tf.json").toFile())
        .path("terraform").path("required_providers").path("databricks");
  }

  @Test
  void daskIsTheAlwaysOnParallelExport() {
    CliRunner.Result r = CliRunner.run(env, "export", "--profile", "source", "-l", tmp.resolve("repo").toString(),
        "-c", config.toString(), "-v", "DEBUG", "--dry-run", "--dask", "--branch", "main", "--no-progress",
        "--report-dir", tmp.resolve("reports").toString());
    assertEquals(0, r.exitCode(), r.err());
  }

  @Test
  void initTakesTheOriginalFilenameFlag() throws Exception {
    CliRunner.Result r = CliRunner.run(env, "init", "-f", tmp.resolve("my-export-config").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.readString(tmp.resolve("my-export-config.yaml")).contains("objects:"));
    CliRunner.Result neither = CliRunner.run(env, "init");
    assertEquals(2, neither.exitCode());
    assertTrue(neither.err().contains("init FILE"), neither.err());
  }

  @Test
  void providerVersionVariablePinsTheProviderInMainTfJson() throws Exception {
    Path pinned = tmp.resolve("pinned");
    env.put(ExportCommand.PROVIDER_VERSION_ENV, "~> 1.58");
    CliRunner.Result r = CliRunner.run(env, "export", "--profile", "source", "-l", pinned.toString(), "-c", config.toString(),
        "--no-progress", "--report-dir", tmp.resolve("reports").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("~> 1.58", requiredDatabricksProvider(pinned).path("version").asText());
    assertEquals("databricks/databricks", requiredDatabricksProvider(pinned).path("source").asText());

    Path unpinned = tmp.resolve("unpinned");
    env.remove(ExportCommand.PROVIDER_VERSION_ENV);
    CliRunner.Result plain = CliRunner.run(env, "export", "--profile", "source", "-l", unpinned.toString(), "-c", config.toString(),
        "--no-progress", "--report-dir", tmp.resolve("reports").toString());
    assertEquals(0, plain.exitCode(), plain.err());
    assertFalse(requiredDatabricksProvider(unpinned).has("version"), "no pin unless asked: exports stay as they were");
  }
}
