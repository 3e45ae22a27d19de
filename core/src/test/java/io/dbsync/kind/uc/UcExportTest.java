package io.dbsync.kind.uc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.User;
import io.dbsync.emulator.Json;
import io.dbsync.kind.ExportedResource;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Unity Catalog kinds write at export, one rule per test. */
class UcExportTest {
  @TempDir
  Path tmp;

  @Test
  void cloudIdentitiesAreVariablesWithTheSourceValuesAndSecretsAreSensitive() throws Exception {
    try (TestWorkspace ws = UcFixture.workspace("""
        {"unity_catalog": {"storage_credentials": [
          {"name": "aws", "aws_iam_role": {"role_arn": "arn:aws:iam::1:role/r"}, "read_only": true},
          {"name": "mi", "azure_managed_identity": {"access_connector_id": "/subscriptions/s/ac",
            "managed_identity_id": "/subscriptions/s/mi"}},
          {"name": "sp", "azure_service_principal": {"directory_id": "d", "application_id": "a", "client_secret": "s3cr3t"}},
          {"name": "gcp", "databricks_gcp_service_account": {}}]}}""")) {
      TestExportContext ctx = UcFixture.exporting(ws, "{}", tmp);
      Map<String, List<ExportedResource>> out = UcFixture.export(new StorageCredentialKind(), ctx);
      assertEquals(List.of("aws", "gcp", "mi", "sp"), List.copyOf(out.keySet()));
      ObjectNode aws = UcFixture.only(out.get("aws"), StorageCredentialKind.TYPE);
      assertEquals("${var.uc_credential_aws_role_arn}", aws.path("aws_iam_role").path("role_arn").asText());
      assertEquals("arn:aws:iam::1:role/r", ctx.defaults.get("uc_credential_aws_role_arn"));
      assertTrue(aws.path("read_only").asBoolean());
      ObjectNode mi = UcFixture.only(out.get("mi"), StorageCredentialKind.TYPE);
      assertEquals("/subscriptions/s/mi", ctx.defaults.get("uc_credential_mi_managed_identity_id"));
      assertEquals("${var.uc_credential_mi_access_connector_id}", mi.path("azure_managed_identity").path("access_connector_id").asText());
      ObjectNode sp = UcFixture.only(out.get("sp"), StorageCredentialKind.TYPE);
      assertEquals("${var.uc_credential_sp_client_secret}", sp.path("azure_service_principal").path("client_secret").asText());
      assertFalse(ctx.defaults.containsKey("uc_credential_sp_client_secret"), "a secret has no default");
      ObjectNode gcp = UcFixture.only(out.get("gcp"), StorageCredentialKind.TYPE);
      assertEquals("{}", gcp.path("databricks_gcp_service_account").toString(), "the Databricks-managed account is made anew");
      assertFalse(gcp.path("databricks_gcp_service_account").has("email"), "its email is an output: " + gcp);
      assertEquals(".metastore.json", ctx.files.keySet().iterator().next(), "the source metastore is recorded");
    }
  }

  @Test
  void storagePathsAreRelativeToTheirExportedLocationElseVariables() throws Exception {
    try (TestWorkspace ws = UcFixture.workspace(UcFixture.BASE, """
        {"unity_catalog": {"external_locations": [{"name": "lake2", "url": "s3://lake2", "credential_name": "cred"}],
          "catalogs": [{"name": "exact", "storage_root": "s3://lake/root/"}, {"name": "other", "storage_root": "s3://lake2/x"}]}}""")) {
      TestExportContext ctx = UcFixture.exporting(ws, "{}", tmp);
      ctx.index.put(ExternalLocationKind.TYPE + "/lake", "lake");
      Map<String, List<ExportedResource>> out = UcFixture.export(new CatalogKind(), ctx);
      assertEquals("${databricks_external_location.lake.url}main",
          UcFixture.only(out.get("main"), CatalogKind.TYPE).path("storage_root").asText());
      assertEquals("${databricks_external_location.lake.url}",
          UcFixture.only(out.get("exact"), CatalogKind.TYPE).path("storage_root").asText());
      assertEquals("${var.uc_catalog_other_storage_root}",
          UcFixture.only(out.get("other"), CatalogKind.TYPE).path("storage_root").asText(), "lake2 is not exported");
      assertEquals("s3://lake2/x", ctx.defaults.get("uc_catalog_other_storage_root"));

      Map<String, List<ExportedResource>> locations = UcFixture.export(new ExternalLocationKind(), ctx);
      ObjectNode lake = UcFixture.only(locations.get("lake"), ExternalLocationKind.TYPE);
      assertEquals("${var.uc_location_lake_url}", lake.path("url").asText());
      assertEquals("s3://lake/root/", ctx.defaults.get("uc_location_lake_url"));
      assertEquals("cred", lake.path("credential_name").asText(), "the credential is not indexed here: its name");
    }
  }

  @Test
  void connectionSecretsAreSensitiveVariablesTheImportSupplies() throws Exception {
    try (TestWorkspace ws = UcFixture.workspace("""
        {"unity_catalog": {"connections": [
          {"name": "pg", "connection_type": "POSTGRESQL", "options": {"host": "h", "port": "5432", "user": "u", "password": "p"}},
          {"name": "sf", "connection_type": "SNOWFLAKE", "options": {"host": "h", "client_id": "c", "client_secret": "s"}},
          {"name": "bq", "connection_type": "BIGQUERY", "options": {"GoogleServiceAccountKeyJson": "{}"}}]}}""")) {
      TestExportContext ctx = UcFixture.exporting(ws, "{}", tmp);
      Map<String, List<ExportedResource>> out = UcFixture.export(new ConnectionKind(), ctx);
      ObjectNode pg = UcFixture.only(out.get("pg"), ConnectionKind.TYPE);
      assertEquals("${var.uc_connection_pg_password}", pg.path("options").path("password").asText());
      assertEquals("u", pg.path("options").path("user").asText());
      assertEquals("${var.uc_connection_sf_client_secret}",
          UcFixture.only(out.get("sf"), ConnectionKind.TYPE).path("options").path("client_secret").asText());
      assertTrue(UcFixture.only(out.get("bq"), ConnectionKind.TYPE).path("options").path("GoogleServiceAccountKeyJson")
          .asText().startsWith("${var.uc_connection_bq_googleserviceaccountkeyjson"));
      for (List<ExportedResource> r : out.values()) {
        assertFalse(TfJson.write(r.get(0).attrs()).matches("(?s).*\"(p|s)\".*"), "no secret value is written: " + r);
      }
    }
  }

  @Test
  void grantsAreAuthoritativePerSecurableAndPrincipalsReferToExportedIdentities() throws Exception {
    try (TestWorkspace ws = UcFixture.workspace()) {
      String groupId = ws.client().groups().create(new Group().setDisplayName("data-engineers")).getId();
      ws.client().users().create(new User().setUserName("ann@example.com"));
      ws.emulator().seed(Json.parse(UcFixture.BASE));
      ws.emulator().seed(Json.parse("""
          {"unity_catalog": {"grants": {"catalog:main": {"data-engineers": ["use catalog", "SELECT"],
            "ann@example.com": ["USE_CATALOG"], "account users": ["BROWSE"]}}}}"""));
      TestExportContext ctx = UcFixture.exporting(ws, "{}", tmp);
      ctx.index.put("databricks_group/" + groupId, "data_engineers");
      ctx.index.put(CatalogKind.TYPE + "/main", "main");
      List<ExportedResource> main = UcFixture.export(new CatalogKind(), ctx).get("main");
      ObjectNode grants = UcFixture.only(main, GrantsKind.TYPE);
      assertEquals("${databricks_catalog.main.name}", grants.path("catalog").asText());
      assertEquals(Json.parse("""
          [{"principal": "account users", "privileges": ["BROWSE"]},
           {"principal": "ann@example.com", "privileges": ["USE_CATALOG"]},
           {"principal": "${databricks_group.data_engineers.display_name}", "privileges": ["SELECT", "USE_CATALOG"]}]"""),
          grants.path("grant"), "sorted; an exported group is a reference, others stay names");
      assertEquals("catalog_main", main.stream().filter(r -> r.type().equals(GrantsKind.TYPE)).findFirst().orElseThrow().name());
    }
  }

  @Test
  void isolatedObjectsBindOtherWorkspacesOnlyAndTheirIdsAreVariables() throws Exception {
    try (TestWorkspace ws = UcFixture.workspace(UcFixture.BASE, """
        {"unity_catalog": {"catalogs": [{"name": "iso", "storage_root": "s3://lake/root/iso", "isolation_mode": "ISOLATED"}],
          "bindings": {"catalog:iso": {"1234567890123456": "BINDING_TYPE_READ_WRITE", "77": "BINDING_TYPE_READ_ONLY"}}}}""")) {
      TestExportContext ctx = UcFixture.exporting(ws, "{}", tmp);
      ctx.index.put(CatalogKind.TYPE + "/iso", "iso");
      List<ExportedResource> iso = UcFixture.export(new CatalogKind(), ctx).get("iso");
      assertEquals("ISOLATED", UcFixture.only(iso, CatalogKind.TYPE).path("isolation_mode").asText());
      ObjectNode binding = UcFixture.only(iso, WorkspaceBindingKind.TYPE);
      assertEquals(Json.parse("""
          {"securable_name": "${databricks_catalog.iso.name}", "securable_type": "catalog",
           "workspace_id": "${var.uc_workspace_77}", "binding_type": "BINDING_TYPE_READ_ONLY"}"""), binding,
          "the source's own workspace is bound by isolating the catalog in the target");
      assertEquals("77", ctx.defaults.get("uc_workspace_77"));
      assertFalse(UcFixture.only(UcFixture.export(new CatalogKind(), ctx).get("main"), CatalogKind.TYPE).has("isolation_mode"));
    }
  }

  @Test
  void managedTablesAreReferenceFilesUnlessOptedInAndPipelineTablesAreReported() throws Exception {
    String seed = """
        {"unity_catalog": {"tables": [
          {"catalog_name": "main", "schema_name": "sales", "name": "ledger", "table_type": "MANAGED",
           "columns": [{"name": "id", "type_text": "bigint", "nullable": false}], "comment": "costs ${env}"},
          {"catalog_name": "main", "schema_name": "sales", "name": "mv", "table_type": "MATERIALIZED_VIEW"},
          {"catalog_name": "main", "schema_name": "sales", "name": "ext", "table_type": "EXTERNAL",
           "storage_location": "s3://lake/root/ext", "columns": [{"name": "a", "type_text": "string"}],
           "properties": {"option.header": "true", "quality": "gold"}}]}}""";
    try (TestWorkspace ws = UcFixture.workspace(UcFixture.BASE, seed)) {
      TestExportContext ctx = UcFixture.exporting(ws, "{}", tmp);
      Map<String, List<ExportedResource>> out = UcFixture.export(new UcTableKind(), ctx);
      assertEquals(List.of("main.sales.ext", "main.sales.ledger"), List.copyOf(out.keySet()), "the MV is not listed");
      assertTrue(ctx.warnings.stream().anyMatch(w -> w.startsWith("table main.sales.mv (MATERIALIZED_VIEW) is not exported")),
          ctx.warnings.toString());
      assertEquals(List.of(), out.get("main.sales.ledger"), "no resource: a plain import does not create it");
      String reference = ctx.files.keySet().stream().filter(f -> f.startsWith("managed/")).findFirst().orElseThrow();
      var doc = Json.parse(new String(ctx.files.get(reference), StandardCharsets.UTF_8));
      ObjectNode ledger = (ObjectNode) doc.path("resource").path(UcTableKind.TYPE).elements().next();
      assertEquals("MANAGED", ledger.path("table_type").asText());
      assertEquals("costs ${env}", ledger.path("comment").asText(),
          "source text as it is: the export's rendering escapes it (Templates.render, see TemplateLiteralsTest)");
      assertTrue(ctx.warnings.stream().anyMatch(w -> w.startsWith("managed table main.sales.ledger: definition exported "
          + "for reference only (uc_table/" + reference + ")")), ctx.warnings.toString());
      ObjectNode ext = UcFixture.only(out.get("main.sales.ext"), UcTableKind.TYPE);
      assertEquals(Json.parse("{\"header\": \"true\"}"), ext.path("options"));
      assertEquals(Json.parse("{\"quality\": \"gold\"}"), ext.path("properties"), "Delta's own properties are left out");
      assertTrue(ext.path("storage_location").asText().startsWith("${var.uc_table_main_sales_ext_"), ext.toString());

      TestExportContext optIn = UcFixture.exporting(ws, "{\"create_managed_tables\": true}", tmp.resolve("b"));
      List<ExportedResource> created = UcFixture.export(new UcTableKind(), optIn).get("main.sales.ledger");
      assertEquals("MANAGED", UcFixture.only(created, UcTableKind.TYPE).path("table_type").asText());
      assertTrue(optIn.warnings.stream().anyMatch(w -> w.contains("the import creates it empty")), optIn.warnings.toString());
    }
  }

  @Test
  void selectionByCatalogAndPatternsNeverBuiltInsNorInformationSchema() throws Exception {
    try (TestWorkspace ws = UcFixture.workspace(UcFixture.BASE, """
        {"unity_catalog": {"connections": [{"name": "pg", "connection_type": "POSTGRESQL", "options": {"host": "h"}}],
          "catalogs": [{"name": "dev", "storage_root": "s3://lake/root/dev"},
                       {"name": "remote", "connection_name": "pg", "options": {"database": "d"}}],
          "schemas": [{"catalog_name": "dev", "name": "tmp"}, {"catalog_name": "main", "name": "scratch"}]}}""")) {
      assertEquals(List.of("dev", "main", "remote"), List.copyOf(
          UcFixture.export(new CatalogKind(), UcFixture.exporting(ws, "{}", tmp)).keySet()), "system and hive_metastore never");
      assertEquals(List.of("main.default", "main.sales", "main.scratch"), List.copyOf(UcFixture.export(new SchemaKind(),
          UcFixture.exporting(ws, "{\"catalogs\": [\"ma*\", \"remote\"]}", tmp)).keySet()),
          "the catalog's schemas (information_schema never; a foreign catalog has none of ours)");
      TestExportContext picked = UcFixture.exporting(ws, "{\"patterns\": [\"main.sa*\"]}", tmp);
      assertEquals(List.of("main.sales"), List.copyOf(UcFixture.export(new SchemaKind(), picked).keySet()),
          "patterns pick objects by full name");
      assertEquals(Map.of(), UcFixture.export(new CatalogKind(), picked.sibling(tmp)), "catalog main is not picked");
    }
  }

  @Test
  void objectsPickedWithoutTheirContainersNameThemPlainly() throws Exception {
    try (TestWorkspace ws = UcFixture.workspace(UcFixture.BASE, """
        {"unity_catalog": {"volumes": [{"catalog_name": "main", "schema_name": "sales", "name": "files",
          "volume_type": "MANAGED"}]}}""")) {
      TestExportContext ctx = UcFixture.exporting(ws, "{\"patterns\": [\"main.sales.*\"]}", tmp);
      ObjectNode volume = UcFixture.only(UcFixture.export(new VolumeKind(), ctx).get("main.sales.files"), VolumeKind.TYPE);
      assertEquals("main", volume.path("catalog_name").asText());
      assertEquals("sales", volume.path("schema_name").asText(), "the schema's name, not its full-name id");
      assertEquals(List.of(), ctx.warnings);
      ctx.index.put(SchemaKind.TYPE + "/main.sales", "main_sales");
      volume = UcFixture.only(UcFixture.export(new VolumeKind(), ctx).get("main.sales.files"), VolumeKind.TYPE);
      assertEquals("${databricks_schema.main_sales.name}", volume.path("schema_name").asText());
    }
  }

  @Test
  void aWorkspaceWithoutMetastoreExportsNothingAndSaysSoOnce() throws Exception {
    try (TestWorkspace ws = UcFixture.workspace("{\"unity_catalog\": {\"assigned\": false}}")) {
      TestExportContext ctx = UcFixture.exporting(ws, "{}", tmp);
      assertEquals(Map.of(), UcFixture.export(new CatalogKind(), ctx));
      assertEquals(Map.of(), UcFixture.export(new StorageCredentialKind(), ctx.sibling(tmp)));
      assertEquals(1, ctx.warnings.size(), ctx.warnings.toString());
      assertNull(ctx.files.get(SourceMetastore.FILE));
    }
  }
}
