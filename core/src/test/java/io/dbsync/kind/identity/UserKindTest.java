package io.dbsync.kind.identity;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.dbsync.kind.identity.IdentityFixture.ARN_ETL;
import static io.dbsync.kind.identity.IdentityFixture.ARN_ML;
import static io.dbsync.kind.identity.IdentityFixture.USERS;
import static io.dbsync.kind.identity.IdentityFixture.USER_ROLES;
import static io.dbsync.kind.identity.IdentityFixture.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserKindTest {
  @TempDir
  Path tmp;

  private static String seedJane(WorkspaceClient c) {
    return c.users().create(new User().setUserName("jane@example.com").setDisplayName("Jane Doe")
        .setExternalId("ext-jane").setEntitlements(values("allow-cluster-create", "databricks-sql-access"))
        .setRoles(values(ARN_ML, ARN_ETL))).getId();
  }

  @Test
  void exportsUserAttributesEntitlementsAndInstanceProfileRoles() throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      IdentityFixture.registerInstanceProfiles(src.client(), ARN_ETL, ARN_ML);
      String janeId = seedJane(src.client());
      TestExportContext ctx = IdentityFixture.exportContext(src.client(), null, tmp);
      Map<String, List<SourceObject>> listed = IdentityFixture.listAll(ctx, ARN_ETL, ARN_ML);

      List<SourceObject> users = listed.get(UserKind.TYPE);
      assertEquals(List.of("admin@example.com", "jane@example.com"),
          users.stream().map(u -> u.details().get("userName").asText()).toList(), "the exporting admin is exported too");
      SourceObject jane = IdentityFixture.named(users, Names.safe("jane@example.com"));
      assertEquals(janeId, jane.id());
      List<ExportedResource> out = KindHarness.export(USERS, ctx, jane);

      assertEquals(3, out.size());
      ObjectNode attrs = out.get(0).attrs();
      assertEquals("jane@example.com", attrs.get("user_name").asText());
      assertEquals("Jane Doe", attrs.get("display_name").asText());
      assertEquals("ext-jane", attrs.get("external_id").asText());
      assertTrue(attrs.get("allow_cluster_create").asBoolean());
      assertTrue(attrs.get("databricks_sql_access").asBoolean());
      assertFalse(attrs.has("workspace_access"), "entitlements the user lacks are not written");
      ExportedResource role = out.get(1);
      assertEquals(UserInstanceProfileKind.TYPE, role.type());
      assertEquals("${databricks_user." + jane.name() + ".id}", role.attrs().get("user_id").asText());
      assertEquals("${databricks_instance_profile.etl.id}", role.attrs().get("instance_profile_id").asText());
      IdentityFixture.assertGolden("user", jane.name() + ".tf.json", out);
      assertTrue(ctx.warnings.isEmpty(), ctx.warnings.toString());
    }
  }

  @Test
  void roundTripCreatesRefreshesUpdatesAndDeletesInTarget() throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      IdentityFixture.registerInstanceProfiles(src.client(), ARN_ETL, ARN_ML);
      IdentityFixture.registerInstanceProfiles(dst.client(), ARN_ETL, ARN_ML);
      seedJane(src.client());
      TestExportContext ctx = IdentityFixture.exportContext(src.client(), null, tmp);
      List<ExportedResource> exported = IdentityFixture.exportAll(ctx, IdentityFixture.listAll(ctx, ARN_ETL, ARN_ML));

      IdentityFixture.Importer imp = new IdentityFixture.Importer(dst.client());
      imp.apply(exported);
      imp.assertInSync();
      String janeAddress = "databricks_user." + Names.safe("jane@example.com");
      String adminAddress = "databricks_user." + Names.safe("admin@example.com");
      assertEquals(List.of(adminAddress, "databricks_group_member.admins_user_" + Names.safe("admin@example.com")),
          imp.adopted, "the built-in admin user and its admins membership are adopted, jane is created");
      assertEquals(dst.client().currentUser().me(new MeRequest()).getId(), imp.ids.get(adminAddress));

      // Update in place: display name, entitlements, active.
      String janeId = imp.ids.get(janeAddress);
      ObjectNode changed = imp.desired.get(janeAddress).deepCopy();
      changed.put("display_name", "Jane Q. Doe");
      changed.remove("allow_cluster_create");
      changed.put("workspace_access", true);
      changed.put("active", false);
      changed.remove("external_id");
      ObjectNode prior = imp.desired.get(janeAddress);
      USERS.update(imp.ctx, janeId, changed, prior);
      assertEquals(changed, USERS.refresh(imp.ctx, janeId).orElseThrow());
      // An unchanged update sends no write.
      long writes = dst.emulator().requests().writes();
      USERS.update(imp.ctx, janeId, changed, changed);
      assertEquals(writes, dst.emulator().requests().writes());
      // The role assignments survived the user update (PATCH touches only managed fields).
      assertEquals(2, dst.client().users().get(janeId).getRoles().size());

      // Delete: the user goes, deleting again is fine, role pairs read as gone.
      USERS.delete(imp.ctx, janeId, changed);
      assertNull(KindHarness.read(USERS, dst.client(), janeId));
      USERS.delete(imp.ctx, janeId, changed);
      assertNull(KindHarness.read(USER_ROLES, dst.client(), janeId + "|" + ARN_ETL));
    }
  }

  @Test
  void userInstanceProfilePairIsCreatedReadAndRemoved() throws Exception {
    try (TestWorkspace dst = TestWorkspace.start()) {
      IdentityFixture.registerInstanceProfiles(dst.client(), ARN_ETL);
      String id = dst.client().users().create(new User().setUserName("bob@example.com")).getId();
      KindHarness.Apply ctx = KindHarness.applying(dst.client());
      ObjectNode attrs = USER_ROLES.attrs(id, ARN_ETL);
      assertTrue(USER_ROLES.adopt(ctx, attrs).isEmpty());
      String pair = USER_ROLES.create(ctx, attrs);
      assertEquals(id + "|" + ARN_ETL, pair);
      assertEquals(attrs, USER_ROLES.refresh(ctx, pair).orElseThrow());
      assertEquals(pair, USER_ROLES.adopt(ctx, attrs).orElseThrow());
      USER_ROLES.delete(ctx, pair, attrs);
      assertTrue(USER_ROLES.refresh(ctx, pair).isEmpty());
      USER_ROLES.delete(ctx, pair, attrs);
      assertTrue(USER_ROLES.replaceOnAnyChange());
    }
  }

  @Test
  void excludeDeletedUsersSkipsInactiveUsersButKeepsTheAdmin() throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      src.client().users().create(new User().setUserName("gone@example.com").setActive(false));
      src.client().users().create(new User().setUserName("here@example.com"));
      TestExportContext ctx = IdentityFixture.exportContext(src.client(),
          "exclude_deleted_users: true\npatterns: ['*@example.com']", tmp);
      List<String> names = USERS.list(ctx).stream().map(o -> o.details().get("userName").asText()).toList();
      assertEquals(List.of("admin@example.com", "here@example.com"), names);

      TestExportContext narrow = IdentityFixture.exportContext(src.client(), "patterns: ['here@*']", tmp);
      assertEquals(List.of("admin@example.com", "here@example.com"),
          USERS.list(narrow).stream().map(o -> o.details().get("userName").asText()).toList(),
          "patterns select users, the exporting admin is always exported");
    }
  }

  @Test
  void setAllUsersActiveOverridesTheSourceFlag() throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      src.client().users().create(new User().setUserName("gone@example.com").setActive(false));
      TestExportContext keep = IdentityFixture.exportContext(src.client(), null, tmp);
      SourceObject gone = IdentityFixture.named(USERS.list(keep), Names.safe("gone@example.com"));
      assertFalse(KindHarness.export(USERS, keep, gone).get(0).attrs().get("active").asBoolean());

      TestExportContext activate = IdentityFixture.exportContext(src.client(), "set_all_users_active: true", tmp);
      SourceObject again = IdentityFixture.named(USERS.list(activate), Names.safe("gone@example.com"));
      assertTrue(KindHarness.export(USERS, activate, again).get(0).attrs().get("active").asBoolean());
    }
  }

  @Test
  void adoptsExistingUserByNameAndNeverDeletesTheImportingAdmin() throws Exception {
    try (TestWorkspace dst = TestWorkspace.start()) {
      String existing = dst.client().users().create(new User().setUserName("jane@example.com")).getId();
      KindHarness.Apply ctx = KindHarness.applying(dst.client());
      ObjectNode attrs = JsonNodeFactory.instance.objectNode().put("user_name", "Jane@Example.com");
      assertEquals(existing, USERS.adopt(ctx, attrs).orElseThrow());
      assertTrue(USERS.adopt(ctx, attrs.deepCopy().put("user_name", "nobody@example.com")).isEmpty());

      String me = dst.client().currentUser().me(new MeRequest()).getId();
      USERS.delete(ctx, me, attrs);
      assertNotNull(KindHarness.read(USERS, dst.client(), me), "the user the import runs as is kept");
    }
  }
}
