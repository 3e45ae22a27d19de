package io.dbsync.kind.identity;

import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.config.ExportConfig;
import io.dbsync.export.ExportOutcome;
import io.dbsync.export.Exporter;
import io.dbsync.importer.ImportOptions;
import io.dbsync.importer.ImportResult;
import io.dbsync.importer.Importer;
import io.dbsync.kind.KindRegistry;
import io.dbsync.kind.compute.InstanceProfileKind;
import io.dbsync.state.LocalStateStore;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.dbsync.kind.identity.IdentityFixture.ARN_ETL;
import static io.dbsync.kind.identity.IdentityFixture.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The identity kinds through the real exporter and import engine: source emulator -> exports/ ->
 * target emulator, then a second import plans nothing and sends no write.
 */
class IdentityEndToEndTest {
  private static final String USER_GET = "GET /api/2.0/preview/scim/v2/Users/{id}";

  @TempDir
  Path tmp;

  private static KindRegistry registry() {
    return new KindRegistry(List.of(new InstanceProfileKind(), new UserKind(), new ServicePrincipalKind(), new GroupKind(),
        new GroupMemberKind(), new UserInstanceProfileKind(), new GroupInstanceProfileKind()));
  }

  @Test
  void exportThenImportConvergesAndRerunIsANoOp() throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      var c = src.client();
      IdentityFixture.registerInstanceProfiles(c, ARN_ETL);
      String jane = c.users().create(new User().setUserName("jane@example.com").setDisplayName("Jane Doe")
          .setEntitlements(values("allow-cluster-create")).setRoles(values(ARN_ETL))).getId();
      String sp = c.servicePrincipals().create(new ServicePrincipal().setApplicationId(GroupKindTest.SP_APP_ID)
          .setDisplayName("etl-bot")).getId();
      String analysts = c.groups().create(new Group().setDisplayName("analysts").setMembers(values(jane))).getId();
      c.groups().create(new Group().setDisplayName("data-eng").setMembers(values(jane, sp, analysts)).setRoles(values(ARN_ETL)));
      IdentityFixture.addMember(c, IdentityFixture.groupId(c, "admins"), jane);

      Path exports = tmp.resolve("repo/exports");
      String yaml = "name: t\nobjects:\n  identity:\n    patterns: ['*']\n  instance_profile:\n    patterns: ['*']\n";
      src.emulator().requests().reset();
      ExportOutcome out = new Exporter(c, ExportConfig.parse(yaml, List.of()), registry(), 4, null, null).export(exports);
      assertFalse(out.hasFailures(), out.failures().toString());
      assertTrue(out.warnings().isEmpty(), out.warnings().toString());
      // SCIM reads are the scarcest budget: one listing per collection for all the identity kinds, no
      // empty page after a listing's last, the caller asked once
      for (String collection : List.of("Users", "Groups", "ServicePrincipals", "Me")) {
        assertEquals(1, src.emulator().requests().route("GET /api/2.0/preview/scim/v2/" + collection), collection);
      }
      assertTrue(Files.exists(exports.resolve("group/admins.tf.json")));
      JsonNode main = TfJson.read(Files.readAllBytes(exports.resolve("main.tf.json")));
      assertEquals("admins", main.path("data").path("databricks_group").path("admins").path("display_name").asText(),
          "the exporter declares the admins data source the memberships refer to");

      LocalStateStore store = LocalStateStore.inDirectory(tmp.resolve("state"));
      ImportOptions.Builder options = ImportOptions.builder(exports, store, registry(), dst.client()).env(Map.of())
          .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).apply(true);
      ImportResult first = new Importer(options.build()).run();
      assertTrue(first.success(), first.failures() + "\n" + first.planText());

      String dataEng = IdentityFixture.groupId(dst.client(), "data-eng");
      assertEquals(3, dst.client().groups().get(dataEng).getMembers().size());
      assertEquals(2, dst.client().groups().get(IdentityFixture.groupId(dst.client(), "admins")).getMembers().size(),
          "the target admin (adopted) and jane");

      long writes = dst.emulator().requests().writes();
      long userReads = dst.emulator().requests().route(USER_GET);
      ImportResult second = new Importer(options.build()).run();
      assertTrue(second.success(), second.failures().toString());
      assertFalse(second.plan().hasChanges(), second.planText());
      assertEquals(writes, dst.emulator().requests().writes(), "an unchanged revision sends no writes");
      assertEquals(userReads, dst.emulator().requests().route(USER_GET),
          "jane's instance-profile role is refreshed from the users listing, not read on its own");

      // the role removed behind the tool's back: the listing shows jane without roles, the refresh
      // reads her to be sure, and the plan puts the role back
      String janeThere = null;
      for (User u : dst.client().users().list(new ListUsersRequest())) {
        if ("jane@example.com".equals(u.getUserName())) {
          janeThere = u.getId();
        }
      }
      dst.client().users().patch(new PartialUpdate().setId(janeThere)
          .setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
          .setOperations(List.of(new Patch().setOp(PatchOp.REMOVE).setPath("roles"))));
      ImportResult third = new Importer(options.apply(false).build()).run();
      assertTrue(third.planText().contains("databricks_user_instance_profile."), third.planText());
      assertTrue(third.planText().contains("1 to add, 0 to change, 0 to destroy"), third.planText());
    }
  }
}
