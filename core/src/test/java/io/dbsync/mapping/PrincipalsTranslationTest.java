package io.dbsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.tf.Cloud;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.config.DesiredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renames within one cloud (users, groups, service principals, paths, storage) and the missing-principals policies. */
class PrincipalsTranslationTest {
  @TempDir
  Path tmp;

  static final String SP = "11111111-1111-1111-1111-111111111111";
  static final String SP2 = "22222222-2222-2222-2222-222222222222";

  static final String RENAMES = """
      {"resource": {
        "databricks_user": {"jane": {"user_name": "jane@old.com"}},
        "databricks_group": {"eng": {"display_name": "eng"}},
        "databricks_notebook": {"nb": {"path": "/Users/jane@old.com/reports/nb", "source": "${path.module}/nb.py"}},
        "databricks_permissions": {"nb": {"notebook_path": "${databricks_notebook.nb.id}", "access_control": [
            {"user_name": "jane@old.com", "permission_level": "CAN_READ"},
            {"group_name": "eng", "permission_level": "CAN_RUN"},
            {"service_principal_name": "%s", "permission_level": "CAN_MANAGE"}]}},
        "databricks_job": {"j": {"name": "j", "run_as": {"service_principal_name": "%s"},
            "email_notifications": {"on_failure": ["jane@old.com"]},
            "task": [{"task_key": "t", "notebook_task": {"notebook_path": "/Workspace/Shared/old/etl"}}]}},
        "databricks_external_location": {"l": {"name": "l", "url": "${var.loc_url}", "credential_name": "c"}}
      },
      "variable": {"loc_url": {"type": "string", "default": "s3://old-bucket/landing"}}}
      """.formatted(SP, SP);

  @Test
  void renamesReachEveryPlaceANameOrPathAppears() throws Exception {
    DesiredConfig config = Configs.read(tmp, RENAMES);
    Mapping m = Mapping.parse("""
        principals:
          users: {jane@old.com: jane@new.com}
          groups: {eng: engineering}
          service_principals: {"%s": "%s"}
        workspace_paths: {/Shared/old/: /Shared/new/}
        storage: {"s3://old-bucket/": "s3://new-bucket/"}
        """.formatted(SP, SP2), null);
    Translation t = m.translate(config, Target.of(Cloud.AWS, Cloud.AWS, null));
    assertEquals(List.of(), t.needs());
    assertEquals("jane@new.com", Configs.attrs(t.config(), "databricks_user.jane").path("user_name").asText());
    assertEquals("engineering", Configs.attrs(t.config(), "databricks_group.eng").path("display_name").asText());
    assertEquals("/Users/jane@new.com/reports/nb", Configs.attrs(t.config(), "databricks_notebook.nb").path("path").asText());
    assertEquals(TfJson.MAPPER.readTree("""
        [{"user_name": "jane@new.com", "permission_level": "CAN_READ"},
         {"group_name": "engineering", "permission_level": "CAN_RUN"},
         {"service_principal_name": "%s", "permission_level": "CAN_MANAGE"}]""".formatted(SP2)),
        Configs.attrs(t.config(), "databricks_permissions.nb").get("access_control"));
    JsonNode job = Configs.attrs(t.config(), "databricks_job.j");
    assertEquals(SP2, job.at("/run_as/service_principal_name").asText());
    assertEquals("jane@new.com", job.at("/email_notifications/on_failure/0").asText());
    assertEquals("/Workspace/Shared/new/etl", job.at("/task/0/notebook_task/notebook_path").asText());
    assertEquals("s3://new-bucket/landing", t.config().variables().get("loc_url").defaultValue().asText());
    assertTrue(t.applied().contains("user jane@old.com -> jane@new.com (3 places)"), t.applied().toString());
    assertTrue(t.applied().contains("home folder /Users/jane@old.com -> /Users/jane@new.com"), t.applied().toString());
  }

  @Test
  void anAclRenamedToADeclaredUserWaitsForItsCreation() throws Exception {
    DesiredConfig config = Configs.read(tmp, """
        {"resource": {
          "databricks_user": {"bob": {"user_name": "bob@new.com"}},
          "databricks_permissions": {"p": {"cluster_id": "c1", "access_control": [
              {"user_name": "bob@old.com", "permission_level": "CAN_RESTART"}]}}}}
        """);
    assertEquals(List.of(), config.resources().get(0).references());
    Translation t = Mapping.parse("principals: {users: {bob@old.com: bob@new.com}}", null)
        .translate(config, Target.of(Cloud.AWS, Cloud.AWS, null));
    assertEquals(List.of("databricks_user.bob"), t.config().resources().get(0).references());
  }

  static final String ACCESS = """
      {"resource": {
        "databricks_user": {"ann": {"user_name": "ann@x.com"}, "gone": {"user_name": "gone@x.com"}},
        "databricks_group": {"lost": {"display_name": "lost"}},
        "databricks_group_member": {"lost_gone": {"group_id": "${databricks_group.lost.id}", "member_id": "${databricks_user.gone.id}"}},
        "databricks_job": {"j": {"name": "j", "run_as": {"user_name": "ghost@x.com"}}},
        "databricks_permissions": {"j": {"job_id": "${databricks_job.j.id}", "access_control": [
            {"user_name": "ghost@x.com", "permission_level": "IS_OWNER"},
            {"user_name": "${databricks_user.gone.user_name}", "permission_level": "CAN_VIEW"},
            {"user_name": "ann@x.com", "permission_level": "CAN_MANAGE_RUN"},
            {"group_name": "lost", "permission_level": "CAN_VIEW"}]}},
        "databricks_catalog": {"c": {"name": "c", "owner": "ghost@x.com"}},
        "databricks_grants": {"c": {"catalog": "${databricks_catalog.c.id}", "grant": [
            {"principal": "ghost@x.com", "privileges": ["USE_CATALOG"]},
            {"principal": "ann@x.com", "privileges": ["USE_CATALOG"]}]}},
        "databricks_secret_acl": {"s": {"scope": "etl", "principal": "ghost@x.com", "permission": "READ"}}
      }}
      """;

  private static Target withDirectory() {
    return Target.of(Cloud.AWS, Cloud.AWS,
        PrincipalDirectory.of(List.of("ann@x.com", "me@x.com", "fallback@x.com"), List.of(), List.of(), "me@x.com"));
  }

  private Translation translate(String mappingYaml) throws Exception {
    return Mapping.parse(mappingYaml, null).translate(Configs.read(tmp, ACCESS), withDirectory());
  }

  @Test
  void createKeepsEverythingAsToday() throws Exception {
    Translation t = translate("missing_principals: create");
    assertTrue(t.unchanged(), t.text());
    assertEquals(List.of(), t.needs());
  }

  @Test
  void dropRemovesTheMissingAndTheirAccessAndNeverWidensIt() throws Exception {
    Translation t = translate("missing_principals: drop");
    assertEquals(List.of(), t.needs());
    DesiredConfig c = t.config();
    assertFalse(Configs.has(c, "databricks_user.gone"));
    assertFalse(Configs.has(c, "databricks_group.lost"));
    assertFalse(Configs.has(c, "databricks_group_member.lost_gone"), "refers to dropped principals");
    assertFalse(Configs.has(c, "databricks_secret_acl.s"));
    assertTrue(Configs.has(c, "databricks_user.ann"));
    assertEquals(TfJson.MAPPER.readTree("""
        [{"permission_level": "IS_OWNER", "user_name": "me@x.com"},
         {"user_name": "ann@x.com", "permission_level": "CAN_MANAGE_RUN"}]"""),
        Configs.attrs(c, "databricks_permissions.j").get("access_control"), "owner: the importing identity");
    assertNull(Configs.attrs(c, "databricks_job.j").get("run_as"), "runs as its owner");
    assertNull(Configs.attrs(c, "databricks_catalog.c").get("owner"), "the creator owns it");
    assertEquals(TfJson.MAPPER.readTree("[{\"principal\": \"ann@x.com\", \"privileges\": [\"USE_CATALOG\"]}]"),
        Configs.attrs(c, "databricks_grants.c").get("grant"));
    assertTrue(t.dropped().contains("databricks_user.gone: user gone@x.com does not exist in the target (missing principals: drop)"),
        t.dropped().toString());
  }

  @Test
  void theFallbackOwnerTakesOverJobsWhoseOwnerIsMissing() throws Exception {
    Translation t = translate("missing_principals: drop\nfallback_owner: fallback@x.com");
    assertEquals("fallback@x.com", Configs.attrs(t.config(), "databricks_job.j").at("/run_as/user_name").asText());
    assertEquals("fallback@x.com", Configs.attrs(t.config(), "databricks_permissions.j").at("/access_control/0/user_name").asText());
    Translation missingFallback = translate("missing_principals: drop\nfallback_owner: nobody@x.com");
    assertEquals(List.of("fallback owner nobody@x.com is not a user or service principal of the target (databricks_job.j, "
            + "databricks_permissions.j); add to the mapping file: fallback_owner: \"<user or service principal application id in the target>\""),
        missingFallback.needs().stream().map(Need::toString).toList());
  }

  @Test
  void createWithAFallbackOwnerOnlyReplacesOwnersTheImportWillNotCreate() throws Exception {
    Translation t = translate("fallback_owner: fallback@x.com");
    assertEquals(List.of(), t.needs());
    assertEquals("fallback@x.com", Configs.attrs(t.config(), "databricks_job.j").at("/run_as/user_name").asText());
    assertEquals(4, Configs.attrs(t.config(), "databricks_permissions.j").get("access_control").size());
    assertTrue(Configs.has(t.config(), "databricks_user.gone"), "declared: created as today");
  }

  @Test
  void mapAsksForARenameOfEachMissingPrincipal() throws Exception {
    Translation t = translate("missing_principals: map");
    assertEquals(List.of(
            "principals: {groups: {\"lost\": \"<group in the target>\"}}",
            "principals: {users: {\"ghost@x.com\": \"<user in the target>\"}}",
            "principals: {users: {\"gone@x.com\": \"<user in the target>\"}}"),
        t.needs().stream().map(Need::entry).toList());
    assertEquals(List.of("databricks_catalog.c", "databricks_grants.c", "databricks_job.j", "databricks_permissions.j",
        "databricks_secret_acl.s"), t.needs().get(1).where());
    Translation mapped = translate("""
        missing_principals: map
        principals: {users: {ghost@x.com: ann@x.com, gone@x.com: ann@x.com}, groups: {lost: users}}
        """);
    assertEquals(List.of(), mapped.needs());
    assertEquals("ann@x.com", Configs.attrs(mapped.config(), "databricks_job.j").at("/run_as/user_name").asText());
  }

  @Test
  void failListsEveryMissingPrincipal() throws Exception {
    Translation t = translate("missing_principals: fail");
    assertEquals(3, t.needs().size());
    assertTrue(t.needs().get(0).what().endsWith("does not exist in the target (missing principals: fail)"));
    assertTrue(t.needsMessage().startsWith("the mapping is missing 3 entries; nothing was written:\n  group lost"),
        t.needsMessage());
  }

  static final String HIVE = """
      {"resource": {
        "databricks_schema": {"sales": {"catalog_name": "hive_metastore", "name": "sales", "owner": "ghost@x.com"}},
        "databricks_sql_permissions": {"sales": {"database": "sales", "privilege_assignments": [
            {"principal": "ghost@x.com", "privileges": ["SELECT"]},
            {"principal": "ann@x.com", "privileges": ["USAGE"]}]}},
        "terraform_data": {"sales": {"input": {"hive_metastore_denies": {"database": "sales", "deny_assignments": [
            {"principal": "ghost@x.com", "privileges": ["MODIFY"]},
            {"principal": "old-analysts", "privileges": ["SELECT"]}]}},
            "depends_on": ["databricks_sql_permissions.sales"]}}
      }}
      """;

  @Test
  void hiveGrantsDeniesAndOwnersFollowThePolicyAndTheCatalogStays() throws Exception {
    Translation t = Mapping.parse("missing_principals: drop\nprincipals: {groups: {old-analysts: analysts}}", null)
        .translate(Configs.read(tmp, HIVE), Target.of(Cloud.AWS, Cloud.AWS,
            PrincipalDirectory.of(List.of("ann@x.com"), List.of("analysts"), List.of(), "ann@x.com")));
    assertEquals(List.of(), t.needs());
    JsonNode database = Configs.attrs(t.config(), "databricks_schema.sales");
    assertEquals("hive_metastore", database.path("catalog_name").asText(), "the Hive/UC dispatch sees the catalog as exported");
    assertNull(database.get("owner"), "the creator owns it");
    assertEquals(TfJson.MAPPER.readTree("[{\"principal\": \"ann@x.com\", \"privileges\": [\"USAGE\"]}]"),
        Configs.attrs(t.config(), "databricks_sql_permissions.sales").get("privilege_assignments"));
    assertEquals(TfJson.MAPPER.readTree("[{\"principal\": \"analysts\", \"privileges\": [\"SELECT\"]}]"),
        Configs.attrs(t.config(), "terraform_data.sales").at("/input/hive_metastore_denies/deny_assignments"),
        "a DENY of a principal the target lacks goes; a renamed group's stays, renamed");
    Translation mapped = Mapping.parse("missing_principals: map", null).translate(Configs.read(tmp, HIVE),
        Target.of(Cloud.AWS, Cloud.AWS, PrincipalDirectory.of(List.of("ann@x.com"), List.of(), List.of(), "ann@x.com")));
    assertEquals(List.of("databricks_schema.sales", "databricks_sql_permissions.sales", "terraform_data.sales"),
        mapped.needs().stream().filter(n -> n.entry().contains("ghost@x.com")).findFirst().orElseThrow().where());
    assertTrue(mapped.needs().stream().anyMatch(n -> n.entry().contains("old-analysts")), mapped.needs().toString());
  }
}
