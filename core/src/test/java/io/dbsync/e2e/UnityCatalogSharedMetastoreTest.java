package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.client.Rest;
import io.dbsync.demo.SampleWorkspace;
import io.dbsync.emulator.EmulatorOptions;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.uc.UcMetastore;
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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A target attached to the source's own metastore already has every Unity Catalog object: the import
 * sees the same metastore id, adopts without a single write (no connection secret asked for), and
 * --destroy only releases. An isolated catalog the target is not bound to is left alone.
 */
class UnityCatalogSharedMetastoreTest {
  static final String CONFIG = """
      name: uc
      objects:
        unity_catalog: {}
      """;

  @TempDir
  Path tmp;

  private static EmulatorOptions workspace(UcMetastore metastore, long id) {
    EmulatorOptions o = new EmulatorOptions();
    o.unityCatalog = metastore;
    o.workspaceId = id;
    return o;
  }

  @Test
  void sameMetastoreIsAdoptedWithoutWritesAndNeverDestroyed() throws Exception {
    UcMetastore shared = new UcMetastore("11111111-2222-4333-8444-555555555555");
    try (TestWorkspace source = TestWorkspace.start(workspace(shared, 1001));
         TestWorkspace target = TestWorkspace.start(workspace(shared, 1002))) {
      new SampleWorkspace(source.client()).populate();
      source.emulator().seed(Json.parse(UnityCatalogRoundTripTest.SQL_OBJECTS));
      // the DR workspace may use the demo catalog; prod_only stays bound to the source alone
      Rest.patch(source.client(), "/api/2.1/unity-catalog/bindings/catalog/demo", Json.parse(
          "{\"add\": [{\"workspace_id\": 1002, \"binding_type\": \"BINDING_TYPE_READ_WRITE\"}]}"));
      source.emulator().seed(Json.parse("""
          {"unity_catalog": {"catalogs": [{"name": "prod_only", "storage_root": "s3://demo-lake/uc/catalogs/prod_only",
            "isolation_mode": "ISOLATED"}], "bindings": {"catalog:prod_only": {"1001": "BINDING_TYPE_READ_WRITE"}}}}"""));
      target.emulator().seed(Json.parse("{\"sql\": {\"warehouses\": [{\"name\": \"dr-wh\"}]}}"));
      Path repo = tmp.resolve("repo");
      UnityCatalogRoundTripTest.export(source.client(), repo, CONFIG);

      target.emulator().requests().reset();
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client(), Map.of());
      ImportResult first = importing.run(true);
      assertTrue(first.success(), first.failures() + "\n" + importing.output());
      Set<Action> actions = first.plan().changes().stream().map(PlannedChange::action).collect(Collectors.toSet());
      assertEquals(Set.of(Action.ADOPT, Action.NOOP), actions, first.planText());
      assertTrue(first.plan().changes().stream().filter(c -> c.action() == Action.ADOPT)
          .anyMatch(c -> c.address().equals("databricks_catalog.demo")), first.planText());
      List<String> leftAlone = first.plan().changes().stream().filter(c -> c.action() == Action.NOOP)
          .map(PlannedChange::address).sorted().toList();
      assertEquals(List.of("databricks_catalog.prod_only", "databricks_schema.prod_only_default_"
          + io.dbsync.tf.Names.hash8("prod_only.default")), leftAlone, "prod_only is not visible to the DR workspace");
      assertTrue(first.planText().contains("databricks_catalog.prod_only is left alone"), first.planText());
      assertTrue(first.planText().contains("databricks_catalog.demo will be adopted (existing object id \"demo\") (the "
          + "target shares it with the source: adopted as it is, never written)"), first.planText());
      assertEquals(0, target.emulator().requests().writes(), "adopting a shared metastore writes nothing");

      ImportResult again = importing.run(true);
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(0, target.emulator().requests().writes());

      ImportResult destroyed = importing.run(b -> b.apply(true).destroy(true));
      assertTrue(destroyed.success(), destroyed.failures().toString());
      assertTrue(destroyed.plan().changes().stream().allMatch(c -> c.action() == Action.RELEASE), destroyed.planText());
      assertEquals(0, target.emulator().requests().writes(), "nothing of a shared metastore is destroyed");
      WorkspaceClient s = source.client();
      assertNotNull(Rest.getOrNull(s, "/api/2.1/unity-catalog/catalogs/demo"));
      assertNotNull(Rest.getOrNull(s, "/api/2.1/unity-catalog/tables/demo.sales.orders"));
      assertNotNull(Rest.getOrNull(s, "/api/2.1/unity-catalog/connections/demo-pg"));
    }
  }

  @Test
  void objectTypeSelectionLeavesUnityCatalogOut() throws Exception {
    UcMetastore shared = new UcMetastore("22222222-2222-4333-8444-555555555555");
    try (TestWorkspace source = TestWorkspace.start(workspace(shared, 1001));
         TestWorkspace target = TestWorkspace.start(workspace(shared, 1002))) {
      new SampleWorkspace(source.client()).populate();
      Path repo = tmp.resolve("repo");
      UnityCatalogRoundTripTest.export(source.client(), repo, CONFIG + "  cluster_policy: {}\n");
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client(), Map.of());
      ImportResult r = importing.run(b -> b.apply(false).objectTypes(List.of("cluster_policy")));
      assertTrue(r.plan().changes().stream().allMatch(c -> c.type().equals("databricks_cluster_policy")), r.planText());
    }
  }
}
