package io.dbsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.emulator.Emulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --output json: stdout is exactly one JSON document summarising the run; people's text goes to stderr. */
class CliOutputJsonTest {
  @TempDir
  Path tmp;

  private static JsonNode onlyDocument(CliRunner.Result r) throws Exception {
    var parser = new ObjectMapper().createParser(r.out());
    JsonNode doc = parser.readValueAsTree();
    assertTrue(parser.nextToken() == null, "nothing after the document on stdout:\n" + r.out());
    return doc;
  }

  @Test
  void exportAndImportSummariseThemselvesForAutomation() throws Exception {
    try (Emulator source = new Emulator().start(); Emulator target = new Emulator().start()) {
      Path profiles = tmp.resolve("databrickscfg");
      Files.writeString(profiles, "[src]\nhost = " + source.url() + "\ntoken = " + source.token()
          + "\n\n[dst]\nhost = " + target.url() + "\ntoken = " + target.token() + "\n");
      Map<String, String> env = Map.of("DATABRICKS_CONFIG_FILE", profiles.toString());
      Path config = tmp.resolve("export.yaml");
      Files.writeString(config, "name: json\nobjects:\n  cluster_policy:\n");
      Path repo = tmp.resolve("repo");

      CliRunner.Result exported = CliRunner.run(env, "export", "-p", "src", "-l", repo.toString(), "-c", config.toString(),
          "--no-progress", "-o", "json");
      assertEquals(0, exported.exitCode(), exported.err());
      JsonNode e = onlyDocument(exported);
      assertEquals("export", e.path("command").asText());
      assertTrue(e.path("success").asBoolean());
      int policies = e.path("totals").path("exported").asInt();
      assertTrue(policies > 0, e.toString());
      assertEquals(policies + 1, e.path("changes").path("added").asInt(), "every policy file plus main.tf.json");
      assertTrue(e.path("commit").asText().matches("[0-9a-f]{40}"), e.toString());
      assertTrue(Files.isRegularFile(Path.of(e.path("report_file").asText())), e.toString());
      assertTrue(e.path("excel_report_file").isNull());
      assertTrue(exported.err().contains("databricks_cluster_policy"), "the table goes to stderr:\n" + exported.err());

      Path state = tmp.resolve("state");
      CliRunner.Result planned = CliRunner.run(env, "import", "-p", "dst", "-l", repo.toString(),
          "--artifact-dir", state.toString(), "--plan", "--output", "JSON");
      assertEquals(0, planned.exitCode(), planned.err());
      JsonNode p = onlyDocument(planned);
      assertEquals("import", p.path("command").asText());
      assertEquals(e.path("commit").asText(), p.path("revision").asText());
      assertFalse(p.path("apply").asBoolean());
      assertTrue(p.path("plan").path("has_changes").asBoolean(), p.toString());
      assertEquals(state.resolve("plan.json").toAbsolutePath().normalize().toString(), p.path("plan_file").asText());
      assertEquals(0, p.path("applied").size());
      assertTrue(planned.err().contains("Plan:"), "the plan text goes to stderr:\n" + planned.err());

      CliRunner.Result applied = CliRunner.run(env, "import", "-p", "dst", "-l", repo.toString(),
          "--artifact-dir", state.toString(), "--apply", "-o", "json");
      assertEquals(0, applied.exitCode(), applied.err());
      JsonNode a = onlyDocument(applied);
      assertTrue(a.path("success").asBoolean());
      int plannedChanges = a.path("plan").path("add").asInt() + a.path("plan").path("change").asInt()
          + a.path("plan").path("destroy").asInt() + a.path("plan").path("import").asInt();
      assertEquals(plannedChanges, a.path("applied").size(), a.toString());
      assertEquals(0, a.path("failures").size());

      CliRunner.Result again = CliRunner.run(env, "import", "-p", "dst", "-l", repo.toString(),
          "--artifact-dir", state.toString(), "--apply", "-o", "json");
      assertFalse(onlyDocument(again).path("plan").path("has_changes").asBoolean(), again.out());
    }
  }
}
