package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.databricks.sdk.service.iam.PartialUpdate;
import io.dbsync.importer.ImportResult;
import io.dbsync.plan.Action;
import io.dbsync.plan.PlannedChange;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For what the export selected the target ends equal to the source, not only "has what is missing":
 * children of a managed container that the source lacks are removed, each as a delete of its own in
 * the plan. A scope created by the import loses the MANAGE ACL the API gives its creator; a secret, an
 * ACL, a group member and a grant added by hand in the target are removed by the next import.
 */
class MirrorTest {
  @TempDir
  Path tmp;

  @Test
  void childrenTheSourceLacksAreRemovedFromTheTarget() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      WorkspaceClient s = source.client();
      E2eSeed.populate(s);
      // a scope whose only ACL is a group's READ (a seeded scope has no implicit creator ACL)
      source.emulator().seed(E2eSeed.JSON.readTree("""
          {"secrets": {"scopes": [{"name": "shared-config", "acls": [{"principal": "data-engineers", "permission": "READ"}]}]}}"""));
      Path repo = tmp.resolve("repo");
      E2eSupport.export(s, repo);

      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
      ImportResult first = importing.run(true);
      assertTrue(first.success(), first.failures() + "\n" + first.planText());
      assertTrue(first.plan().changes().stream().anyMatch(c -> c.action() == Action.DELETE
          && c.type().equals("databricks_secret_acl") && c.id().equals("shared-config|||" + admin(target))),
          "the creator's MANAGE on the new scope is planned for removal\n" + first.planText());
      RoundTripTest.assertSameWorkspace(s, target.client());

      WorkspaceClient t = target.client();
      E2eSeed.call(t, "POST", "/api/2.0/secrets/put", "{\"scope\": \"etl\", \"key\": \"added-by-hand\", \"string_value\": \"x\"}");
      E2eSeed.call(t, "POST", "/api/2.0/secrets/acls/put", "{\"scope\": \"etl\", \"principal\": \"analyst@example.com\", \"permission\": \"READ\"}");
      String platform = E2eSeed.groupId(t, "platform");
      t.groups().patch(new PartialUpdate().setId(platform).setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
          .setOperations(List.of(new Patch().setOp(PatchOp.ADD).setPath("members")
              .setValue(List.of(Map.of("value", E2eSeed.userId(t, "analyst@example.com")))))));
      String jobId = RoundTripTest.jobByName(t, "e2e multi task").path("job_id").asText();
      E2eSeed.call(t, "PATCH", "/api/2.0/permissions/jobs/" + jobId,
          "{\"access_control_list\": [{\"user_name\": \"analyst@example.com\", \"permission_level\": \"CAN_MANAGE\"}]}");

      ImportResult repair = importing.run(true);
      assertTrue(repair.success(), repair.failures() + "\n" + repair.planText());
      Set<String> actions = new TreeSet<>();
      for (PlannedChange c : repair.plan().actionable()) {
        actions.add(c.action() + " " + c.type() + (c.action() == Action.DELETE ? " " + c.id() : ""));
      }
      assertEquals(new TreeSet<>(Set.of(
          "DELETE databricks_secret etl|||added-by-hand",
          "DELETE databricks_secret_acl etl|||analyst@example.com",
          "DELETE databricks_group_member " + platform + "|" + E2eSeed.userId(t, "analyst@example.com"),
          "UPDATE databricks_permissions")), actions, repair.planText());
      RoundTripTest.assertSameWorkspace(s, t);

      long writes = target.emulator().requests().writes();
      ImportResult settled = importing.run(true);
      assertFalse(settled.plan().hasChanges(), settled.planText());
      assertEquals(writes, target.emulator().requests().writes(), "nothing flaps: no writes");
    }
  }

  private static String admin(TestWorkspace ws) {
    return ws.emulator().workspace().adminUser();
  }
}
