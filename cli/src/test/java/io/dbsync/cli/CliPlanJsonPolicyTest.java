package io.dbsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON plan read the way an OPA/conftest policy written for terraform plans reads it:
 *
 * <pre>
 *   deny[msg] {
 *     rc := input.resource_changes[_]
 *     rc.type == "databricks_job"
 *     rc.change.actions[_] == "delete"
 *     msg := sprintf("%s would be deleted", [rc.address])
 *   }
 * </pre>
 *
 * evaluated here with Jackson over exactly those paths, plus the other keys policy tools rely on.
 */
class CliPlanJsonPolicyTest {
  @TempDir
  Path tmp;

  /** The Rego rule above. */
  static List<String> denyJobDeletes(JsonNode input) {
    List<String> deny = new ArrayList<>();
    for (JsonNode rc : input.path("resource_changes")) {
      if (rc.path("type").asText().equals("databricks_job")) {
        for (JsonNode action : rc.path("change").path("actions")) {
          if (action.asText().equals("delete")) {
            deny.add(rc.path("address").asText() + " would be deleted");
          }
        }
      }
    }
    return deny;
  }

  static Map<String, JsonNode> byAddress(JsonNode input) {
    Map<String, JsonNode> out = new HashMap<>();
    input.path("resource_changes").forEach(rc -> out.put(rc.path("address").asText(), rc));
    return out;
  }

  @Test
  void aPolicyWrittenForTerraformPlansReadsThePlan() throws Exception {
    try (ImportFixture f = new ImportFixture(tmp)) {
      f.expect(0, "--plan");
      Path planFile = f.artifacts.resolve("plan.json");
      String raw = Files.readString(planFile);
      JsonNode first = new ObjectMapper().readTree(raw);
      assertEquals("1.2", first.path("format_version").asText());
      assertTrue(denyJobDeletes(first).isEmpty());
      Map<String, JsonNode> created = byAddress(first);
      // the mirror removes the MANAGE ACL the API gives the importing user on the scope it creates
      JsonNode mirrored = created.remove("databricks_secret_acl.etl_admin_example_com_46e21ac9");
      assertEquals("[\"delete\"]", mirrored.path("change").path("actions").toString(), raw);
      assertEquals(5, created.size(), raw);
      for (JsonNode rc : created.values()) {
        assertEquals("managed", rc.path("mode").asText());
        assertEquals("registry.terraform.io/databricks/databricks", rc.path("provider_name").asText());
        assertEquals(rc.path("type").asText() + "." + rc.path("name").asText(), rc.path("address").asText());
        assertEquals("[\"create\"]", rc.path("change").path("actions").toString());
        assertTrue(rc.path("change").path("before").isNull());
        assertTrue(rc.path("change").path("after_unknown").path("id").asBoolean(), rc.toString());
      }
      JsonNode job = created.get("databricks_job.nightly").path("change");
      assertEquals("0 0 2 * * ?", job.at("/after/schedule/quartz_cron_expression").asText());
      assertTrue(job.at("/after_unknown/task/0/notebook_task/notebook_path").asBoolean(),
          "a reference to an object still to be created is unknown: " + job);
      assertFalse(job.at("/after/task/0/notebook_task").has("notebook_path"), "unknown values are left out of after");
      JsonNode secret = created.get("databricks_secret.etl_token").path("change");
      assertFalse(secret.path("after").has("string_value"), secret.toString());
      assertTrue(secret.at("/after_sensitive/string_value").asBoolean(), secret.toString());
      assertFalse(raw.contains("tok-1-secret"), "a secret value never reaches the plan file");
      assertEquals(5, first.at("/planned_values/root_module/resources").size());

      f.expect(0, "--apply");
      f.env.put("TF_VAR_etl_token", "tok-2-secret");
      Files.delete(f.repo.resolve("exports/job/nightly.tf.json"));
      Files.writeString(f.repo.resolve("exports/notebook/data/Shared/etl/ingest.py"), "print('rewritten')\n");
      f.commit("job removed, notebook rewritten");
      Path second = tmp.resolve("second.json");
      f.expect(0, "--plan", "--plan-json", second.toString());
      JsonNode input = new ObjectMapper().readTree(second.toFile());
      assertEquals(List.of("databricks_job.nightly would be deleted"), denyJobDeletes(input));
      Map<String, JsonNode> changes = byAddress(input);
      assertEquals("[\"delete\"]", changes.get("databricks_job.nightly").at("/change/actions").toString());
      assertTrue(changes.get("databricks_job.nightly").at("/change/after").isNull());
      assertEquals("delete_because_no_resource_config", changes.get("databricks_job.nightly").path("action_reason").asText());
      assertEquals("[\"update\"]", changes.get("databricks_notebook.ingest").at("/change/actions").toString());
      assertEquals("[\"no-op\"]", changes.get("databricks_cluster_policy.small").at("/change/actions").toString());
      JsonNode secret2 = changes.get("databricks_secret.etl_token");
      assertEquals("[\"update\"]", secret2.at("/change/actions").toString(), "a rotated secret is updated in place (review D20)");
      assertTrue(secret2.at("/change/before_sensitive/string_value").asBoolean(), secret2.toString());
      assertFalse(Files.readString(second).contains("tok-2-secret"));
      assertTrue(input.path("applyable").asBoolean());
      assertEquals(1, input.at("/databricks_sync/summary/destroy").asInt(), "the job");
    }
  }
}
