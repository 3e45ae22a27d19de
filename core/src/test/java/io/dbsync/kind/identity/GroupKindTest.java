package io.dbsync.kind.identity;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.Names;
import io.dbsync.tf.config.ConfigRefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.dbsync.kind.identity.IdentityFixture.ARN_ETL;
import static io.dbsync.kind.identity.IdentityFixture.GROUPS;
import static io.dbsync.kind.identity.IdentityFixture.GROUP_ROLES;
import static io.dbsync.kind.identity.IdentityFixture.MEMBERS;
import static io.dbsync.kind.identity.IdentityFixture.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupKindTest {
  static final String SP_APP_ID = "9f0e5b8a-1c2d-4e3f-8a9b-0c1d2e3f4a5b";

  @TempDir
  Path tmp;

  /**
   * Source: jane (active), old (inactive) and the admin; a service principal; group data-eng (jane,
   * the SP, old, nested group analysts, role etl, entitlements); analysts (jane); admins gets jane
   * and the role etl; users gets the role etl.
   */
  private static void seed(WorkspaceClient c) {
    IdentityFixture.registerInstanceProfiles(c, ARN_ETL);
    String jane = c.users().create(new User().setUserName("jane@example.com").setDisplayName("Jane Doe")).getId();
    String old = c.users().create(new User().setUserName("old@example.com").setActive(false)).getId();
    String sp = c.servicePrincipals().create(new ServicePrincipal().setApplicationId(SP_APP_ID)
        .setDisplayName("etl-bot")).getId();
    String analysts = c.groups().create(new Group().setDisplayName("analysts").setMembers(values(jane))).getId();
    c.groups().create(new Group().setDisplayName("data-eng").setExternalId("ext-de")
        .setEntitlements(values("allow-cluster-create", "workspace-access"))
        .setMembers(values(jane, sp, old, analysts)).setRoles(values(ARN_ETL)));
    IdentityFixture.addMember(c, IdentityFixture.groupId(c, "admins"), jane);
    c.groups().patch(new PartialUpdate().setId(IdentityFixture.groupId(c, "users"))
        .setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
        .setOperations(List.of(new Patch().setOp(PatchOp.ADD).setPath("roles").setValue(values(ARN_ETL)))));
  }

  @Test
  void exportsGroupWithNestedGroupServicePrincipalAndRoleMembersGolden() throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      seed(src.client());
      TestExportContext ctx = IdentityFixture.exportContext(src.client(), "exclude_deleted_users: true", tmp);
      Map<String, List<SourceObject>> listed = IdentityFixture.listAll(ctx, ARN_ETL);
      List<SourceObject> groups = listed.get(GroupKind.TYPE);
      assertEquals(List.of("admins", "analysts", Names.safe("data-eng"), "users"), groups.stream().map(SourceObject::name).toList());

      List<ExportedResource> dataEng = KindHarness.export(GROUPS, ctx, IdentityFixture.named(groups, Names.safe("data-eng")));
      String de = Names.safe("data-eng");
      assertEquals(GroupKind.TYPE, dataEng.get(0).type());
      ObjectNode attrs = dataEng.get(0).attrs();
      assertEquals("data-eng", attrs.get("display_name").asText());
      assertEquals("ext-de", attrs.get("external_id").asText());
      assertTrue(attrs.get("allow_cluster_create").asBoolean());
      assertTrue(attrs.get("workspace_access").asBoolean());
      List<String> memberIds = dataEng.stream().filter(r -> r.type().equals(GroupMemberKind.TYPE))
          .map(r -> r.attrs().get("member_id").asText()).toList();
      assertEquals(List.of("${databricks_group.analysts.id}",
          "${databricks_service_principal." + Names.safe(SP_APP_ID) + ".id}",
          "${databricks_user." + Names.safe("jane@example.com") + ".id}"), memberIds,
          "members sorted by name; the inactive user is not exported, so neither is its membership");
      assertEquals(1, ctx.warnings.size(), ctx.warnings.toString());
      assertTrue(ctx.warnings.get(0).contains("old@example.com") && ctx.warnings.get(0).contains("membership skipped"),
          ctx.warnings.get(0));
      assertTrue(dataEng.stream().allMatch(r -> !r.type().equals(GroupMemberKind.TYPE)
          || r.attrs().get("group_id").asText().equals("${databricks_group." + de + ".id}")));
      IdentityFixture.assertGolden("group", de + ".tf.json", dataEng);

      List<ExportedResource> admins = KindHarness.export(GROUPS, ctx, IdentityFixture.named(groups, "admins"));
      assertEquals(List.of("databricks_group_member.admins_user_" + Names.safe("admin@example.com"),
              "databricks_group_member.admins_user_" + Names.safe("jane@example.com")),
          admins.stream().map(ExportedResource::address).toList(), "admins is never a resource, its members are");
      assertTrue(admins.stream().allMatch(r -> r.attrs().get("group_id").asText().equals("${data.databricks_group.admins.id}")),
          "the built-in group is referred to through its data source (declared by the exporter in main.tf.json)");
      IdentityFixture.assertGolden("group", "admins.tf.json", admins);

      List<ExportedResource> users = KindHarness.export(GROUPS, ctx, IdentityFixture.named(groups, "users"));
      assertEquals(List.of("databricks_group_instance_profile.users_etl"),
          users.stream().map(ExportedResource::address).toList(), "users: its role only, members are implicit");
      assertEquals("${data.databricks_group.users.id}", users.get(0).attrs().get("group_id").asText());
      IdentityFixture.assertGolden("group", "users.tf.json", users);
    }
  }

  @Test
  void roundTripRecreatesGroupsMembershipsAndRolesInTarget() throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      seed(src.client());
      IdentityFixture.registerInstanceProfiles(dst.client(), ARN_ETL);
      // A group of the same name already exists in the target: it is adopted, not duplicated.
      String existingAnalysts = dst.client().groups().create(new Group().setDisplayName("analysts")).getId();
      TestExportContext ctx = IdentityFixture.exportContext(src.client(), null, tmp);
      List<ExportedResource> exported = IdentityFixture.exportAll(ctx, IdentityFixture.listAll(ctx, ARN_ETL));

      IdentityFixture.Importer imp = new IdentityFixture.Importer(dst.client());
      imp.apply(exported);
      imp.assertInSync();
      assertEquals(existingAnalysts, imp.ids.get("databricks_group.analysts"));
      assertTrue(imp.adopted.contains("databricks_group_member.admins_user_" + Names.safe("admin@example.com")),
          "the admin is already in admins in every workspace: adopted, not re-added");

      String dataEng = imp.ids.get("databricks_group." + Names.safe("data-eng"));
      Group g = dst.client().groups().get(dataEng);
      assertEquals(4, g.getMembers().size(), "jane, old, the SP and analysts: " + g.getMembers());
      Group admins = dst.client().groups().get(IdentityFixture.groupId(dst.client(), "admins"));
      assertEquals(2, admins.getMembers().size());
      Group users = dst.client().groups().get(IdentityFixture.groupId(dst.client(), "users"));
      assertEquals(ARN_ETL, users.getRoles().iterator().next().getValue());

      // A second import of the same export writes nothing: everything is adopted and in sync.
      long writes = dst.emulator().requests().writes();
      IdentityFixture.Importer again = new IdentityFixture.Importer(dst.client());
      again.apply(exported);
      assertEquals(writes, dst.emulator().requests().writes());

      // Group update: rename + entitlements, members untouched.
      ObjectNode changed = imp.desired.get("databricks_group." + Names.safe("data-eng")).deepCopy();
      changed.remove("allow_cluster_create");
      changed.put("databricks_sql_access", true);
      GROUPS.update(imp.ctx, dataEng, changed, imp.desired.get("databricks_group." + Names.safe("data-eng")));
      assertEquals(changed, GROUPS.refresh(imp.ctx, dataEng).orElseThrow());
      assertEquals(4, dst.client().groups().get(dataEng).getMembers().size());

      // Member and role pairs: delete, read empty, delete again is fine.
      String memberAddress = "databricks_group_member." + Names.safe("data-eng") + "_group_analysts";
      String pair = imp.ids.get(memberAddress);
      assertEquals(dataEng + "|" + existingAnalysts, pair);
      MEMBERS.delete(imp.ctx, pair, imp.desired.get(memberAddress));
      assertTrue(MEMBERS.refresh(imp.ctx, pair).isEmpty());
      MEMBERS.delete(imp.ctx, pair, imp.desired.get(memberAddress));
      String rolePair = imp.ids.get("databricks_group_instance_profile." + Names.safe("data-eng") + "_etl");
      GROUP_ROLES.delete(imp.ctx, rolePair, null);
      assertNull(KindHarness.read(GROUP_ROLES, dst.client(), rolePair));
      assertThrows(IllegalArgumentException.class,
          () -> MEMBERS.update(imp.ctx, pair, MEMBERS.attrs(dataEng, "other"), null));

      GROUPS.delete(imp.ctx, dataEng, changed);
      assertNull(KindHarness.read(GROUPS, dst.client(), dataEng));
      GROUPS.delete(imp.ctx, dataEng, changed);
    }
  }

  @Test
  void neverRemovesTheImportingAdminFromAdmins() throws Exception {
    try (TestWorkspace dst = TestWorkspace.start()) {
      KindHarness.Apply ctx = KindHarness.applying(dst.client());
      String admins = IdentityFixture.groupId(dst.client(), "admins");
      String me = dst.client().currentUser().me(new MeRequest()).getId();
      String pair = admins + "|" + me;
      assertEquals(pair, MEMBERS.adopt(ctx, MEMBERS.attrs(admins, me)).orElseThrow());
      MEMBERS.delete(ctx, pair, null);
      assertFalse(MEMBERS.refresh(ctx, pair).isEmpty(), "still an admin");

      String bob = dst.client().users().create(new User().setUserName("bob@example.com")).getId();
      String bobPair = MEMBERS.create(ctx, MEMBERS.attrs(admins, bob));
      MEMBERS.delete(ctx, bobPair, null);
      assertTrue(MEMBERS.refresh(ctx, bobPair).isEmpty());
    }
  }

  @Test
  void patternsSkipMembershipsOfUnselectedIdentitiesWithAWarning() throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      seed(src.client());
      TestExportContext ctx = IdentityFixture.exportContext(src.client(), "patterns: ['data-*']", tmp);
      Map<String, List<SourceObject>> listed = IdentityFixture.listAll(ctx, ARN_ETL);
      assertEquals(List.of("admins", Names.safe("data-eng"), "users"),
          listed.get(GroupKind.TYPE).stream().map(SourceObject::name).toList());
      List<ExportedResource> dataEng = KindHarness.export(GROUPS, ctx, IdentityFixture.named(listed.get(GroupKind.TYPE), Names.safe("data-eng")));
      assertEquals(0, dataEng.stream().filter(r -> r.type().equals(GroupMemberKind.TYPE)).count(),
          "jane, old, the SP and analysts are all filtered out");
      assertEquals(4, ctx.warnings.size(), ctx.warnings.toString());
      for (ExportedResource r : IdentityFixture.exportAll(ctx, listed)) {
        for (JsonNode v : (Iterable<JsonNode>) r.attrs()::elements) {
          for (String address : ConfigRefs.resources(v, r.address())) {
            String type = address.substring(0, address.indexOf('.'));
            if (!type.equals("databricks_instance_profile")) {
              String name = address.substring(address.indexOf('.') + 1);
              assertTrue(listed.get(type).stream().anyMatch(o -> o.name().equals(name)), "dangling reference " + address);
            }
          }
        }
      }
    }
  }
}
