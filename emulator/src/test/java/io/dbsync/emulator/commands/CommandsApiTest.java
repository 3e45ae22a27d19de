package io.dbsync.emulator.commands;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.service.compute.Command;
import com.databricks.sdk.service.compute.CommandStatus;
import com.databricks.sdk.service.compute.CommandStatusResponse;
import com.databricks.sdk.service.compute.CreateContext;
import com.databricks.sdk.service.compute.DestroyContext;
import com.databricks.sdk.service.compute.Language;
import com.databricks.sdk.service.compute.ResultType;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandsApiTest extends EmulatorSdkTest {
  private static final String RUNNING = "1125-100000-runnin01";
  private static final String STOPPED = "1125-100000-stopped1";

  @BeforeAll
  void seedClusters() {
    emu.seed(Json.parse("""
        {"clusters": [
          {"cluster_id": "%s", "cluster_name": "mounter", "spark_version": "15.4.x-scala2.12", "node_type_id": "i3.xlarge", "num_workers": 0},
          {"cluster_id": "%s", "cluster_name": "off", "spark_version": "15.4.x-scala2.12", "node_type_id": "i3.xlarge", "num_workers": 0, "state": "TERMINATED"}
        ]}""".formatted(RUNNING, STOPPED)));
  }

  private String context(Language language) throws Exception {
    return w.commandExecution().create(new CreateContext().setClusterId(RUNNING).setLanguage(language)).get().getId();
  }

  private CommandStatusResponse run(String ctx, Language language, String code) throws Exception {
    return w.commandExecution().execute(new Command().setClusterId(RUNNING).setContextId(ctx)
        .setLanguage(language).setCommand(code)).get();
  }

  private static final String LIST = """
      import json
      print(json.dumps([{"mountPoint": m.mountPoint, "source": m.source, "encryptionType": m.encryptionType} for m in dbutils.fs.mounts()]))
      """;

  /** The provider's mount script (storage/mounts.go), as databricks-sync sends it. */
  static String mountScript(String name, String source, String configs) {
    return """
        def safe_mount(mount_point, mount_source, configs, encryptionType):
          for mount in dbutils.fs.mounts():
            if mount.mountPoint == mount_point and mount.source == mount_source:
              return
          dbutils.fs.mount(mount_source, mount_point, extra_configs=configs, encryption_type=encryptionType)
          dbutils.fs.refreshMounts()
          dbutils.fs.ls(mount_point)
          return mount_source
        mount_source = safe_mount("/mnt/%s", "%s", %s, "")
        dbutils.notebook.exit(mount_source)
        """.formatted(name, source, configs);
  }

  @Test
  void mountListReadAndUnmountThroughTheSdk() throws Exception {
    String ctx = context(Language.PYTHON);
    assertEquals(com.databricks.sdk.service.compute.ContextStatus.RUNNING,
        w.commandExecution().contextStatus(RUNNING, ctx).getStatus());

    CommandStatusResponse mounted = run(ctx, Language.PYTHON, mountScript("lake", "abfss://raw@acct.dfs.core.windows.net/in",
        "{\"fs.azure.account.oauth2.client.secret\": dbutils.secrets.get(\"kv\", \"sp-secret\"), \"fs.azure.account.auth.type\": \"OAuth\"}"));
    assertEquals(CommandStatus.FINISHED, mounted.getStatus());
    assertEquals(ResultType.TEXT, mounted.getResults().getResultType());
    assertEquals("abfss://raw@acct.dfs.core.windows.net/in", mounted.getResults().getData());

    JsonNode listed = Json.parse(run(ctx, Language.PYTHON, LIST).getResults().getData().toString());
    List<String> points = new java.util.ArrayList<>();
    listed.forEach(m -> points.add(m.get("mountPoint").asText()));
    assertEquals(List.of("/", "/databricks-datasets", "/databricks-results", "/mnt/lake"), points);

    JsonNode state = emu.dump().get("commands").get("mounts").get(0);
    assertEquals("{{secrets/kv/sp-secret}}", state.get("extraConfigs").get("fs.azure.account.oauth2.client.secret").asText());

    CommandStatusResponse again = run(ctx, Language.PYTHON, mountScript("lake", "wasbs://c@acct.blob.core.windows.net", "{}"));
    assertEquals(CommandStatus.ERROR, again.getStatus());
    assertTrue(again.getResults().getSummary().contains("Directory already mounted"), again.getResults().getSummary());

    String source = """
        dbutils.fs.refreshMounts()
        for mount in dbutils.fs.mounts():
          if mount.mountPoint == "/mnt/lake":
            dbutils.notebook.exit(mount.source)
        raise Exception("Mount not found")
        """;
    assertEquals("abfss://raw@acct.dfs.core.windows.net/in", run(ctx, Language.PYTHON, source).getResults().getData());

    String unmount = """
        found = False
        mount_point = "/mnt/lake"
        dbutils.fs.refreshMounts()
        for mount in dbutils.fs.mounts():
          if mount.mountPoint == mount_point:
            found = True
        if not found:
          dbutils.notebook.exit("success")
        dbutils.fs.unmount(mount_point)
        dbutils.notebook.exit("success")
        """;
    assertEquals("success", run(ctx, Language.PYTHON, unmount).getResults().getData());
    CommandStatusResponse gone = run(ctx, Language.PYTHON, source);
    assertEquals(ResultType.ERROR, gone.getResults().getResultType());
    assertTrue(gone.getResults().getSummary().contains("Mount not found"));

    CommandStatusResponse unknown = run(ctx, Language.PYTHON, "print(1 + 1)");
    assertEquals(CommandStatus.ERROR, unknown.getStatus());
    w.commandExecution().destroy(new DestroyContext().setClusterId(RUNNING).setContextId(ctx));
    assertThrows(DatabricksError.class, () -> w.commandExecution().contextStatus(RUNNING, ctx));
  }

  @Test
  void sqlCommandsRunOnTheMetastore() throws Exception {
    String ctx = context(Language.SQL);
    assertEquals(CommandStatus.FINISHED, run(ctx, Language.SQL, "CREATE DATABASE IF NOT EXISTS cmd_db").getStatus());
    CommandStatusResponse shown = run(ctx, Language.SQL, "SHOW DATABASES");
    assertEquals(ResultType.TABLE, shown.getResults().getResultType());
    assertTrue(shown.getResults().getData().toString().contains("cmd_db"), shown.getResults().getData().toString());
    assertEquals("databaseName", shown.getResults().getSchema().iterator().next().get("name"));
    CommandStatusResponse bad = run(ctx, Language.SQL, "SHOW CREATE TABLE cmd_db.nope");
    assertEquals(ResultType.ERROR, bad.getResults().getResultType());
    assertTrue(bad.getResults().getSummary().contains("TABLE_OR_VIEW_NOT_FOUND"));

    // USE carries over to the next commands of the same context only
    run(ctx, Language.SQL, "CREATE TABLE cmd_db.t1 (id INT) USING delta");
    assertEquals(CommandStatus.FINISHED, run(ctx, Language.SQL, "USE cmd_db").getStatus());
    assertEquals(ResultType.TABLE, run(ctx, Language.SQL, "CREATE VIEW v1 AS SELECT id FROM t1").getResults().getResultType());
    assertEquals(List.of(List.of("cmd_db", "t1", "false"), List.of("cmd_db", "v1", "false")),
        run(ctx, Language.SQL, "SHOW TABLES").getResults().getData());
    String other = context(Language.SQL);
    assertTrue(run(other, Language.SQL, "SHOW CREATE TABLE v1").getResults().getSummary().contains("`default`.`v1`"));
    assertTrue(run(other, Language.SQL, "GRANT SELECT ON TABLE cmd_db.t1 TO `nobody`").getResults().getSummary()
        .contains("PRINCIPAL_DOES_NOT_EXIST"));
  }

  @Test
  void sqlResultsStopAtTheDisplayLimit() throws Exception {
    emu.seed(Json.parse("{\"commands\": {\"result_rows\": 3}}"));
    String ctx = context(Language.SQL);
    run(ctx, Language.SQL, "CREATE DATABASE many");
    for (int i = 0; i < 4; i++) {
      run(ctx, Language.SQL, "CREATE TABLE many.t" + i + " (id INT) USING delta");
    }
    var full = run(ctx, Language.SQL, "SHOW TABLES IN many LIKE 't1|t2'").getResults();
    assertEquals(2, ((List<?>) full.getData()).size());
    assertEquals(false, Boolean.TRUE.equals(full.getTruncated()));
    var cut = run(ctx, Language.SQL, "SHOW TABLES IN many").getResults();
    assertEquals(3, ((List<?>) cut.getData()).size());
    assertEquals(true, cut.getTruncated());
    emu.seed(Json.parse("{\"commands\": {\"result_rows\": 1000}}"));
  }

  @Test
  void clusterMustExistAndRun() throws Exception {
    DatabricksError missing = assertThrows(DatabricksError.class, () -> w.commandExecution()
        .create(new CreateContext().setClusterId("0000-000000-missing0").setLanguage(Language.PYTHON)).get());
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    DatabricksError stopped = assertThrows(DatabricksError.class, () -> w.commandExecution()
        .create(new CreateContext().setClusterId(STOPPED).setLanguage(Language.PYTHON)).get());
    assertTrue(stopped.getMessage().contains("TERMINATED"), stopped.getMessage());
    Raw raw = raw("POST", "/api/1.2/contexts/create", "{\"clusterId\": \"" + STOPPED + "\", \"language\": \"python\"}");
    assertEquals(400, raw.status());
    assertTrue(raw.body().has("error") && !raw.body().has("error_code"), raw.body().toString());
  }
}
