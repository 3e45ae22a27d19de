package io.dbsync.cli;

import io.dbsync.client.Clients;
import io.dbsync.demo.SampleWorkspace;
import io.dbsync.emulator.Emulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands as an admin types them: profiles, a local git repo, plan, apply, an idempotent re-run. */
class CliRoundTripTest {
  @TempDir
  Path tmp;

  @Test
  void exportThenImportThroughTheCommandsConvergesAndReimportIsANoOp() throws Exception {
    try (Emulator source = new Emulator().start(); Emulator target = new Emulator().start()) {
      CliRunner.loggingAsTheCli();
      new SampleWorkspace(Clients.forHost(source.url(), source.token())).populate();
      target.seed(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
          "{\"sql\": {\"warehouses\": [{\"name\": \"dr-warehouse\"}]}}")); // Unity Catalog tables need one
      Path cfgFile = tmp.resolve("databrickscfg");
      Files.writeString(cfgFile, "[src]\nhost = " + source.url() + "\ntoken = " + source.token()
          + "\n\n[dst]\nhost = " + target.url() + "\ntoken = " + target.token() + "\n");
      Map<String, String> env = Map.of("DATABRICKS_CONFIG_FILE", cfgFile.toString(), "TF_VAR_etl_db_password", "x");
      Path config = tmp.resolve("export.yaml");
      assertEquals(0, CliRunner.run(env, "init", config.toString()).exitCode());
      Path repo = tmp.resolve("repo");

      source.requests().reset();
      CliRunner.Result exported = CliRunner.run(env, "export", "--profile", "src", "-l", repo.toString(),
          "-c", config.toString(), "--no-progress", "--report-dir", tmp.toString());
      assertEquals(0, exported.exitCode(), exported.out() + exported.err());
      assertEquals(0, source.requests().writes(), "export never writes to the source workspace");
      assertTrue(Files.isRegularFile(tmp.resolve("export-report.json")));

      Path vars = tmp.resolve("secrets.tfvars");
      Files.writeString(vars, secretVariables(repo));
      CliRunner.Result plan = CliRunner.run(env, "import", "--profile", "dst", "-l", repo.toString(),
          "--artifact-dir", tmp.resolve("state").toString(), "--plan", "--var-file", vars.toString());
      assertEquals(0, plan.exitCode(), plan.out() + plan.err());
      assertTrue(plan.out().contains("to add"), plan.out());
      var planJson = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tmp.resolve("state/plan.json").toFile());
      assertTrue(planJson.toString().contains("\"create\""), "the plan is also written as JSON: " + planJson);
      assertTrue(!planJson.toString().contains("restored-secret"), "secret values are masked in the JSON plan too");
      assertEquals(0, target.requests().writes(), "--plan alone writes nothing");

      CliRunner.Result applied = CliRunner.run(env, "import", "--profile", "dst", "-l", repo.toString(),
          "--artifact-dir", tmp.resolve("state").toString(), "--apply", "--var-file", vars.toString());
      assertEquals(0, applied.exitCode(), applied.out() + applied.err());
      assertTrue(target.requests().writes() > 0);

      target.requests().reset();
      CliRunner.Result again = CliRunner.run(env, "import", "--profile", "dst", "-l", repo.toString(),
          "--artifact-dir", tmp.resolve("state").toString(), "--plan", "--apply", "--var-file", vars.toString());
      assertEquals(0, again.exitCode(), again.out() + again.err());
      assertTrue(again.out().contains("No changes."), again.out());
      assertEquals(0, target.requests().writes(), "an unchanged revision sends no write request");
      assertTrue(!again.out().contains("demo-only-value") && !applied.out().contains("demo-only-value"),
          "secret values never appear in output");
    }
  }

  /** A tfvars file giving every variable without a default a value (secrets cannot be exported). */
  private static String secretVariables(Path repo) throws Exception {
    var declared = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(repo.resolve("exports/variables.tf.json").toFile()).path("variable");
    StringBuilder sb = new StringBuilder();
    declared.fieldNames().forEachRemaining(n -> {
      if (!declared.get(n).has("default")) {
        sb.append(n).append(" = \"restored-secret\"\n");
      }
    });
    return sb.toString();
  }
}
