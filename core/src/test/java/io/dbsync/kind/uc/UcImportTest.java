package io.dbsync.kind.uc;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.Group;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.emulator.Json;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Unity Catalog kinds do to a target, one rule per test. */
class UcImportTest {
  private static JsonNode uc(WorkspaceClient w, String path) throws IOException {
    return Rest.getOrNull(w, "/api/2.1/unity-catalog/" + path);
  }

  private static ObjectNode attrs(String json) {
    return (ObjectNode) Json.parse(json);
  }

  @Test
  void grantsAreMirroredAndAMissingPrincipalMustExistAtAccountLevel() throws Exception {
    try (TestWorkspace ws = UcFixture.workspace(UcFixture.BASE, """
        {"unity_catalog": {"grants": {"catalog:main": {"account users": ["BROWSE"]}}}}""")) {
      ws.client().groups().create(new Group().setDisplayName("data-engineers"));
      KindHarness.Apply ctx = KindHarness.applying(ws.client());
      GrantsKind grants = new GrantsKind();
      ObjectNode desired = attrs("""
          {"catalog": "main", "grant": [{"principal": "data-engineers", "privileges": ["USE_CATALOG", "SELECT"]}]}""");
      assertEquals(Optional.of("catalog/main"), grants.adopt(ctx, desired), "grants the target had are adopted");
      grants.update(ctx, "catalog/main", desired, null);
      assertEquals(Json.parse("[{\"principal\": \"data-engineers\", \"privileges\": [\"SELECT\", \"USE_CATALOG\"]}]"),
          uc(ws.client(), "permissions/catalog/main").path("privilege_assignments"), "what the source lacks is revoked");
      assertEquals(desired.path("grant").get(0).path("principal"),
          grants.refresh(ctx, "catalog/main").orElseThrow().path("grant").get(0).path("principal"));

      IOException e = assertThrows(IOException.class, () -> grants.create(ctx, attrs("""
          {"schema": "main.sales", "grant": [{"principal": "ghost@example.com", "privileges": ["USE_SCHEMA"]}]}""")));
      assertTrue(e.getMessage().contains("must exist at account level"), e.getMessage());

      grants.delete(ctx, "catalog/main", desired);
      assertTrue(uc(ws.client(), "permissions/catalog/main").path("privilege_assignments").isEmpty());
      assertEquals(Optional.empty(), grants.refresh(ctx, "catalog/main"), "no grants: gone, so a create puts them back");
    }
  }

  @Test
  void aliasesAreSetWhereTheirVersionExistsAndTheRestIsReported() throws Exception {
    try (TestWorkspace ws = UcFixture.workspace(UcFixture.BASE, """
        {"unity_catalog": {"registered_models": [{"catalog_name": "main", "schema_name": "sales", "name": "churn",
          "versions": 2}]}}""")) {
      KindHarness.Apply ctx = KindHarness.applying(ws.client());
      RegisteredModelKind models = new RegisteredModelKind();
      ObjectNode desired = attrs("""
          {"name": "churn", "catalog_name": "main", "schema_name": "sales", "comment": "churn",
           "aliases": [{"alias_name": "champion", "version_num": 2}]}""");
      assertEquals(Optional.of("main.sales.churn"), models.adopt(ctx, desired));
      models.update(ctx, "main.sales.churn", desired, null);
      assertEquals(desired.toString(), models.refresh(ctx, "main.sales.churn").orElseThrow().without("owner").toString());

      desired.withArray("aliases").addObject().put("alias_name", "next").put("version_num", 5);
      IOException e = assertThrows(IOException.class, () -> models.update(ctx, "main.sales.churn", desired, null));
      assertTrue(e.getMessage().contains("next -> version 5 not set: the version does not exist in the target"), e.getMessage());
      assertEquals(1, uc(ws.client(), "models/main.sales.churn?include_aliases=true").path("aliases").size());
    }
  }

  @Test
  void unityCatalogTablesGoToTheirOwnKindOfTheSharedTypeAndTablesAreNeverAltered() throws Exception {
    try (TestWorkspace ws = UcFixture.workspace(UcFixture.BASE, "{\"sql\": {\"warehouses\": [{\"name\": \"wh\"}]}}")) {
      KindHarness.Apply ctx = KindHarness.applying(ws.client());
      ObjectNode table = attrs("""
          {"catalog_name": "main", "schema_name": "sales", "name": "orders", "table_type": "EXTERNAL",
           "data_source_format": "DELTA", "storage_location": "s3://lake/root/orders", "comment": "it's ours",
           "column": [{"name": "id", "type": "bigint", "nullable": false}, {"name": "amount", "type": "double",
             "comment": "euros"}], "properties": {"quality": "gold"}}""");
      Kind tables = KindRegistry.standard().forObject(UcTableKind.TYPE, null, table).orElseThrow();
      assertInstanceOf(UcTableKind.class, tables);
      assertEquals(Optional.empty(), tables.adopt(ctx, table));
      assertEquals("main.sales.orders", tables.create(ctx, table));
      ObjectNode refreshed = tables.refresh(ctx, "main.sales.orders").orElseThrow();
      assertEquals(table, refreshed.without("owner"), "the refreshed table is what created it");

      ObjectNode changed = table.deepCopy();
      changed.withArray("column").addObject().put("name", "extra").put("type", "string");
      IOException e = assertThrows(IOException.class, () -> tables.update(ctx, "main.sales.orders", changed, table));
      assertTrue(e.getMessage().contains("does not alter existing tables"), e.getMessage());

      ObjectNode view = attrs("""
          {"catalog_name": "main", "schema_name": "sales", "name": "v", "table_type": "VIEW",
           "view_definition": "SELECT id FROM main.sales.orders", "column": [{"name": "id"}]}""");
      tables.create(ctx, view);
      ObjectNode newView = view.deepCopy().put("view_definition", "SELECT id, amount FROM main.sales.orders");
      newView.withArray("column").addObject().put("name", "amount");
      tables.update(ctx, "main.sales.v", newView, view);
      assertEquals("SELECT id, amount FROM main.sales.orders", uc(ws.client(), "tables/main.sales.v").path("view_definition").asText());

      tables.delete(ctx, "main.sales.orders", table);
      assertNull(tables.read(ctx, "main.sales.orders"));
    }
  }

  @Test
  void anIsolatedObjectStaysUsableByTheImportingWorkspace() throws Exception {
    try (TestWorkspace ws = UcFixture.workspace(UcFixture.BASE)) {
      KindHarness.Apply ctx = KindHarness.applying(ws.client());
      new CatalogKind().create(ctx, attrs("""
          {"name": "iso", "storage_root": "s3://lake/root/iso", "isolation_mode": "ISOLATED", "comment": "c"}"""));
      assertEquals("ISOLATED", uc(ws.client(), "catalogs/iso").path("isolation_mode").asText(), "visible: bound here");
      assertEquals(ws.emulator().options().workspaceId,
          uc(ws.client(), "bindings/catalog/iso").path("bindings").get(0).path("workspace_id").asLong());
      new ExternalLocationKind().update(ctx, "lake", attrs("""
          {"name": "lake", "url": "s3://lake/root/", "credential_name": "cred", "isolation_mode": "ISOLATION_MODE_ISOLATED"}"""),
          attrs("{}"));
      assertEquals(1, uc(ws.client(), "bindings/external_location/lake").path("bindings").size());
    }
  }

  @Test
  void theTargetSharesTheSourceWhenTheRecordedMetastoreIsItsOwn() throws Exception {
    try (TestWorkspace ws = UcFixture.workspace(UcFixture.BASE)) {
      String own = uc(ws.client(), "current-metastore-assignment").path("metastore_id").asText();
      CatalogKind catalogs = new CatalogKind();
      assertFalse(catalogs.sharedWithSource(KindHarness.applying(ws.client()), attrs("{}")), "no record: not shared");
      KindHarness.Apply other = KindHarness.applying(ws.client());
      other.files.put("uc_schema/.metastore.json", "{\"metastore_id\": \"another\"}".getBytes(StandardCharsets.UTF_8));
      assertFalse(catalogs.sharedWithSource(other, attrs("{}")));
      KindHarness.Apply same = KindHarness.applying(ws.client());
      same.files.put("uc_schema/.metastore.json", ("{\"metastore_id\": \"" + own + "\"}").getBytes(StandardCharsets.UTF_8));
      assertTrue(catalogs.sharedWithSource(same, attrs("{}")));
      assertTrue(new GrantsKind().sharedWithSource(same, attrs("{}")), "grants and bindings follow their objects");
      KindRegistry kinds = KindRegistry.standard();
      ObjectNode ucTable = attrs("{\"catalog_name\": \"main\"}");
      ObjectNode hiveTable = attrs("{\"catalog_name\": \"hive_metastore\"}");
      assertTrue(kinds.forObject(UcTableKind.TYPE, null, ucTable).orElseThrow().sharedWithSource(same, ucTable));
      assertFalse(kinds.forObject(UcTableKind.TYPE, null, hiveTable).orElseThrow().sharedWithSource(same, hiveTable),
          "the Hive metastore is the workspace's own, never shared");
    }
  }
}
