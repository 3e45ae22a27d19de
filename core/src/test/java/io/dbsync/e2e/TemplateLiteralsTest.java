package io.dbsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.config.ExportConfig;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.git.GitTarget;
import io.dbsync.importer.ImportResult;
import io.dbsync.report.ExportReport;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review D2: "${" and "%{" in source values are literal text. A cluster env var "${LD_LIBRARY_PATH}",
 * a job named "nightly ${var.x}" and a notebook path with "${var.x}" are exported escaped and
 * arrive in the target exactly as they were, without asking for a variable x.
 */
class TemplateLiteralsTest {
  static final String JOB_NAME = "nightly ${var.x} \"quoted\" \\ ünïcødé %{if} $$";
  static final String NOTEBOOK = "/Shared/tpl/${var.x}";
  static final String DBFS_FILE = "/FileStore/tpl/${path.module}.txt";

  @TempDir
  Path tmp;

  @Test
  void sourceTextWithTemplateSequencesRoundTripsUnchanged() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      source.emulator().seed(TfJson.MAPPER.readTree("""
          {"clusters": [{"cluster_id": "0101-010101-envvar01", "cluster_name": "envvars %%{x}",
             "spark_version": "15.4.x-scala2.12", "num_workers": 1, "state": "TERMINATED",
             "spark_env_vars": {"LD_LIBRARY_PATH": "${LD_LIBRARY_PATH}:/opt/lib", "JAVA_OPTS": "%%{foo} plain $"}}],
           "jobs": [{"job_id": 77, "name": %s,
             "tasks": [{"task_key": "t", "notebook_task": {"notebook_path": "/x"}}]}],
           "workspace": [{"path": %s, "language": "PYTHON", "content": "# Databricks notebook source\\nprint('${a}')\\n"}],
           "dbfs": [{"path": %s, "content": "${x} %%{y}"}]}
          """.formatted(quote(JOB_NAME), quote(NOTEBOOK), quote(DBFS_FILE))));
      String config = """
          name: d2
          objects:
            cluster: {}
            job: {}
            notebook:
              notebook_path: "/Shared/tpl"
            dbfs_file:
              dbfs_path: "dbfs:/FileStore/tpl"
          """;
      Path repo = tmp.resolve("repo");
      ExportReport r = ExportRun.run(ExportOptions.builder(source.client(), ExportConfig.parse(config),
          GitTarget.parse(repo.toString())).branch("main").build());
      assertTrue(r.success(), r.failures().toString());
      assertTrue(r.warnings().stream().noneMatch(w -> w.message().contains("variable")), r.warnings().toString());
      String clusterFile = new String(E2eSupport.files(repo.resolve("exports")).entrySet().stream()
          .filter(e -> e.getKey().startsWith("cluster/") && e.getKey().endsWith(".tf.json"))
          .findFirst().orElseThrow().getValue(), StandardCharsets.UTF_8);
      assertTrue(clusterFile.contains("$${LD_LIBRARY_PATH}:/opt/lib"), clusterFile);
      assertTrue(clusterFile.contains("%%{foo} plain $"), clusterFile);

      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
      ImportResult applied = importing.run(b -> b.apply(true).varOverrides(Map.of()));
      assertTrue(applied.success(), applied.failures() + "\n" + importing.output());

      JsonNode cluster = E2eSeed.call(target.client(), "GET", "/api/2.1/clusters/list", null).path("clusters").get(0);
      assertEquals("envvars %{x}", cluster.path("cluster_name").asText());
      assertEquals("${LD_LIBRARY_PATH}:/opt/lib", cluster.at("/spark_env_vars/LD_LIBRARY_PATH").asText());
      assertEquals("%{foo} plain $", cluster.at("/spark_env_vars/JAVA_OPTS").asText());
      assertEquals(JOB_NAME, E2eSeed.call(target.client(), "GET", "/api/2.2/jobs/list", null)
          .at("/jobs/0/settings/name").asText());
      assertEquals(NOTEBOOK, E2eSeed.call(target.client(), "GET", "/api/2.0/workspace/get-status", null,
          "path", NOTEBOOK).path("path").asText());
      assertEquals(DBFS_FILE, E2eSeed.call(target.client(), "GET", "/api/2.0/dbfs/get-status", null,
          "path", DBFS_FILE).path("path").asText());

      ImportResult again = importing.run(b -> b.apply(false).varOverrides(Map.of()));
      assertFalse(again.plan().hasChanges(), again.planText());
    }
  }

  private static String quote(String s) {
    return TfJson.MAPPER.valueToTree(s).toString();
  }
}
