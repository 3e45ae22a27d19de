package io.dbsync.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportConfigTest {
  private static String error(String yaml) {
    return assertThrows(ConfigException.class, () -> ExportConfig.parse(yaml, List.of())).getMessage();
  }

  @Test
  void templateParsesAndSelectsEverySeedKind() {
    ExportConfig c = ExportConfig.parse(ExportConfig.template(), List.of());
    assertEquals("my-export", c.name());
    assertEquals(List.of("notebook", "global_init_script", "cluster_policy", "dbfs_file", "instance_pool",
        "instance_profile", "secret", "cluster", "job", "identity", "repo", "notification_destination", "sql_warehouse",
        "sql_query", "sql_alert", "dashboard",
        "pipeline", "mlflow_experiment", "mlflow_model", "model_serving", "workspace_conf", "ip_access_list", "unity_catalog"), List.copyOf(c.objectKeys()));
    assertEquals(List.of("*"), c.settingsOrEmpty("unity_catalog").strings("catalogs"));
    assertEquals(List.of("/Users"), c.settingsOrEmpty("notebook").strings("notebook_path"));
    assertTrue(c.settingsOrEmpty("notebook").bool("exclude_deleted_users", false));
    assertEquals(List.of("dbfs:/FileStore"), c.settingsOrEmpty("dbfs_file").strings("dbfs_path"));
    assertFalse(c.settingsOrEmpty("job").bool("convert_existing_cluster_to_var", true));
    assertTrue(ExportConfig.template().lines().filter(l -> l.trim().startsWith("#")).count() > 20, "commented");
    // the optional kinds at the end are commented-out blocks: uncommented they must parse too
    String template = ExportConfig.template();
    int optional = template.indexOf("  # The kinds below need compute");
    StringBuilder uncommented = new StringBuilder(template.substring(0, optional));
    for (String line : template.substring(optional).split("\n")) {
      String rest = line.startsWith("  # ") ? line.substring(4) : null;
      boolean code = rest != null && (rest.matches("\\s*[A-Za-z_]+:.*") || rest.matches("\\s*(- |# ).*"));
      uncommented.append(code ? "  " + rest : line).append('\n');
    }
    ExportConfig all = ExportConfig.parse(uncommented.toString(), List.of());
    assertTrue(all.selects("mount") && all.selects("metastore"), uncommented.toString());
    assertEquals(List.of("sales*"), all.settingsOrEmpty("metastore").strings("databases"));
  }

  @Test
  void parsesTheSeedFormat() {
    ExportConfig c = ExportConfig.parse("""
        name: test
        parameterize_permissions: true
        objects:
          notebook:
            notebook_path: ["/Users", "/Shared"]
            exclude_path: "/Users/**/tmp/**"
            custom_map_vars:
              path: "/Users/%{DATA:variable}/%{GREEDYDATA}"
          cluster:
            by:
              cluster_name:
                - ".*fun.*"
          job:
            convert_existing_cluster_to_var: true
            parameterize_permissions: false
          identity:
        """, List.of());
    assertEquals("test", c.name());
    assertTrue(c.parameterizePermissions());
    assertEquals(List.of("/Users", "/Shared"), c.settingsOrEmpty("notebook").strings("notebook_path"));
    assertEquals(List.of("/Users/**/tmp/**"), c.settingsOrEmpty("notebook").strings("exclude_path"));
    assertEquals("/Users/%{DATA:variable}/%{GREEDYDATA}", c.settingsOrEmpty("notebook").customMapVars().get("path"));
    assertTrue(c.settingsOrEmpty("notebook").bool("parameterize_permissions", false), "inherited from the top level");
    assertFalse(c.settingsOrEmpty("job").bool("parameterize_permissions", true), "overridden by the kind");
    assertTrue(c.settingsOrEmpty("job").bool("convert_existing_cluster_to_var", false));
    assertTrue(c.selects("identity"), "a kind with no settings is selected");
    assertFalse(c.selects("secret"), "an unlisted kind is not exported");
    assertFalse(c.settings("secret").isPresent());
  }

  @Test
  void errorsNameTheKeyPath() {
    assertEquals("objects.notebook.notebook_path must be a string or a list of strings",
        error("objects:\n  notebook:\n    notebook_path: 5\n"));
    assertEquals("objects.notebook.notebook_path must be a string or a list of strings",
        error("objects:\n  notebook:\n    notebook_path: [\"/a\", {x: 1}]\n"));
    assertEquals("objects.job.convert_existing_cluster_to_var must be true or false",
        error("objects:\n  job:\n    convert_existing_cluster_to_var: \"yes\"\n"));
    assertEquals("name must be a string", error("name: [a]\nobjects:\n  job:\n"));
    assertEquals("parameterize_permissions must be true or false", error("parameterize_permissions: 1\nobjects: {job: }\n"));
    assertTrue(error("nmae: x\nobjects:\n  job:\n").startsWith("unknown top-level key 'nmae'"));
    assertTrue(error("objects:\n  clusters:\n").startsWith("objects.clusters is not a known kind (allowed: "));
    assertTrue(error("objects:\n  cluster:\n    patern: ['*']\n").startsWith("objects.cluster.patern is not a setting of cluster (allowed: "));
    assertEquals("objects.cluster must be a mapping of settings (or empty)", error("objects:\n  cluster: [a]\n"));
    assertEquals("objects.cluster.by must be a mapping of field paths to a regular expression or a list of them",
        error("objects:\n  cluster:\n    by: [a]\n"));
    assertTrue(error("objects:\n  cluster:\n    by:\n      cluster_name: ['(unclosed']\n")
        .startsWith("objects.cluster.by.cluster_name[0] is not a valid regular expression"));
    assertEquals("objects.notebook.custom_map_vars must be a mapping of names to strings",
        error("objects:\n  notebook:\n    custom_map_vars: {path: [1]}\n"));
    assertTrue(error("name: a\nname: b\nobjects: {job: }\n").startsWith("config is not valid YAML"));
    assertTrue(error("objects: [\n").startsWith("config is not valid YAML at line"));
    assertEquals("objects.dbfs_file.dbfs_path must be a DBFS path (dbfs:/... or /...) or a list of them",
        error("objects:\n  dbfs_file:\n    dbfs_path: \"s3://not-dbfs\"\n"), "review D5: another scheme would list nothing");
    assertTrue(error("objects:\n  notebook:\n    custom_map_vars: {path: '/Users/%{DATA:variable/x'}\n")
        .startsWith("objects.notebook.custom_map_vars.path is not a usable pattern: malformed token"), "review D18");
    assertTrue(error("objects:\n  notebook:\n    custom_map_vars: {path: '/Users/%{NOPE:v}'}\n")
        .startsWith("objects.notebook.custom_map_vars.path is not a usable pattern: unknown grok pattern %{NOPE}"));
    assertTrue(error("").startsWith("config is empty"));
    assertTrue(error("name: x\n").startsWith("objects is required"));
    assertTrue(error("objects: 3\n").startsWith("objects must be a mapping"));
    for (String msg : List.of(error("objects:\n  notebook:\n    notebook_path: 5\n"), error("objects: [\n"))) {
      assertFalse(msg.contains("\n"), "one line: " + msg);
    }
  }

  @Test
  void kindsOfTheRegistryAreAcceptedWithTheCommonSettings() {
    ExportConfig c = ExportConfig.parse("objects:\n  vector_index:\n    patterns: ['*']\n", List.of("vector_index"));
    assertTrue(c.selects("vector_index"));
    assertTrue(error("objects:\n  vector_index:\n").contains("is not a known kind"));
  }

  @Test
  void loadAndWriteTemplate(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("export.yaml");
    Files.writeString(f, "objects:\n  notebook:\n    notebook_path: 5\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ExportConfig.load(f, List.of()));
    assertEquals("objects.notebook.notebook_path must be a string or a list of strings", e.getMessage());
    assertTrue(assertThrows(ConfigException.class, () -> ExportConfig.load(tmp.resolve("nope.yaml"), List.of()))
        .getMessage().startsWith("config file not found"));
    Path t = tmp.resolve("new/my-export.yaml");
    ExportConfig.writeTemplate(t);
    assertEquals(ExportConfig.template(), Files.readString(t));
    assertThrows(ConfigException.class, () -> ExportConfig.writeTemplate(t));
  }
}
