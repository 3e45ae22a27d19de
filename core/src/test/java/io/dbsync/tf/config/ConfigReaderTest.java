package io.dbsync.tf.config;

import io.dbsync.kind.KindRegistry;
import io.dbsync.plan.ObjectTypeSelection;
import io.dbsync.testing.ExportsFixture;
import io.dbsync.testing.FakeKind;
import io.dbsync.testing.FakeTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigReaderTest {
  @TempDir
  Path tmp;

  @Test
  void readsResourcesVariablesDataAndReferences() throws Exception {
    ExportsFixture f = ExportsFixture.standard(tmp);
    // an artifact that happens to be named like config must not be read as config
    f.file("notebook/data/Shared/trap.tf.json", "{'resource': {'databricks_notebook': {'trap': {}}}}");
    f.file("cluster/c2.tf.json", "{'resource': {'databricks_cluster': {'c2': {'name': 'c2',"
        + " 'depends_on': ['databricks_cluster.c1'], 'lifecycle': {'ignore_changes': ['x']}}}},"
        + " 'data': {'databricks_group': {'admins': {'display_name': 'admins'}}}}");

    DesiredConfig c = ConfigReader.read(f.exports, false);

    assertEquals(List.of("databricks_cluster.c1", "databricks_cluster.c2", "databricks_cluster_policy.p1",
        "databricks_job.j1", "databricks_notebook.n1", "databricks_secret.s1_k", "databricks_secret_scope.s1"),
        c.resources().stream().map(DesiredResource::address).toList());
    DesiredResource c1 = c.resources().get(0);
    assertEquals(List.of("databricks_cluster_policy.p1"), c1.references(), "data refs are not resource refs");
    assertEquals("cluster", c1.dir());
    DesiredResource c2 = c.resources().get(1);
    assertEquals(List.of("databricks_cluster.c1"), c2.references());
    assertFalse(c2.attrs().has("depends_on"));
    assertFalse(c2.attrs().has("lifecycle"));
    assertEquals(Set.of("PASSIVE", "CLOUD", "secret_val"), c.variables().keySet());
    assertTrue(c.variables().get("secret_val").sensitive());
    assertNull(c.variables().get("secret_val").defaultValue());
    assertEquals("admins", c.dataSources().get("data.databricks_group.admins").attrs().get("display_name").asText());
  }

  @Test
  void dependencyEdgesAreTheReferencesTheExpressionParserSees() throws Exception {
    ExportsFixture f = new ExportsFixture(tmp);
    f.file("cluster/c.tf.json", "{'resource': {'databricks_cluster': {'a': {'name': 'a'}, 'b': {'name': 'b'},"
        + " 'c': {'name': '${var.PASSIVE == \\'databricks_cluster.b.id\\' ? databricks_cluster.a.id : \\'x\\'}'}}}}");
    DesiredResource c = ConfigReader.read(f.exports, false).resources().get(2);
    assertEquals("databricks_cluster.c", c.address());
    assertEquals(List.of("databricks_cluster.a"), c.references(), "text inside a string literal is no reference");

    f.file("cluster/d.tf.json", "{'resource': {'databricks_cluster': {'d': {'name': '${databricks_cluster.a.id('}}}}");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(f.exports, false));
    assertTrue(e.getMessage().contains("cluster/d.tf.json") && e.getMessage().contains("databricks_cluster.d"),
        e.getMessage());
  }

  @Test
  void errorsNameTheFile() throws Exception {
    ExportsFixture f = new ExportsFixture(tmp);
    f.file("job/broken.tf.json", "{'resource': ");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(f.exports, false));
    assertTrue(e.getMessage().contains("job/broken.tf.json"), e.getMessage());

    Files.delete(f.exports.resolve("job/broken.tf.json"));
    f.file("job/a.tf.json", "{'resource': {'databricks_job': {'j': {'name': 'a'}}}}");
    f.file("job/b.tf.json", "{'resource': {'databricks_job': {'j': {'name': 'b'}}}}");
    e = assertThrows(ConfigException.class, () -> ConfigReader.read(f.exports, false));
    assertTrue(e.getMessage().contains("job/a.tf.json") && e.getMessage().contains("job/b.tf.json"), e.getMessage());

    Files.delete(f.exports.resolve("job/b.tf.json"));
    f.file("job/c.tf.json", "{'resource': {'databricks_job': {'k': {'count': 2}}}}");
    e = assertThrows(ConfigException.class, () -> ConfigReader.read(f.exports, false));
    assertTrue(e.getMessage().contains("job/c.tf.json") && e.getMessage().contains("count"), e.getMessage());
  }

  @Test
  void selectionByConfigKeyTypeOrFolder() throws Exception {
    FakeTarget t = new FakeTarget();
    KindRegistry kinds = new KindRegistry(List.of(FakeKind.simple("databricks_cluster_policy", "cluster_policy", t),
        FakeKind.simple("databricks_job", "job", t), FakeKind.simple("databricks_secret", null, t)));
    DesiredConfig c = ConfigReader.read(ExportsFixture.standard(tmp).exports, false);
    Set<String> dirs = Set.of("cluster", "cluster_policy", "job", "notebook", "secrets");

    for (String v : List.of("CLUSTER_POLICY", "databricks_cluster_policy", "cluster_policy")) {
      ObjectTypeSelection s = ObjectTypeSelection.of(List.of(v), kinds, dirs);
      assertEquals(List.of("databricks_cluster_policy.p1"),
          c.filter(s::includes).resources().stream().map(DesiredResource::address).toList(), v);
    }
    ObjectTypeSelection secrets = ObjectTypeSelection.of(List.of("secrets"), kinds, dirs);
    assertEquals(2, c.filter(secrets::includes).resources().size(), "children in the folder's files follow it");
    assertTrue(ObjectTypeSelection.of(List.of(), kinds, dirs).selectsEverything());
    ConfigException e = assertThrows(ConfigException.class, () -> ObjectTypeSelection.of(List.of("bogus"), kinds, dirs));
    assertTrue(e.getMessage().contains("bogus") && e.getMessage().contains("cluster_policy"), e.getMessage());
  }
}
