package io.dbsync.emulator.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.compute.ClustersFamily;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;
import io.dbsync.emulator.sql.HiveCatalog;
import io.dbsync.emulator.sql.HiveSession;
import io.dbsync.emulator.sql.SqlFamily;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command execution API 1.2 (api-reference §11): camelCase fields, {"error": ...} error bodies, the
 * cluster must exist and be RUNNING. Commands finish at once. Python is recognised for the mount
 * scripts ({@link PythonScripts}) and the secret-values script ({@link SecretValuesScript}, run as the
 * calling principal); SQL runs on the same Hive metastore the SQL family serves.
 *
 * <p>Seed format (key {@code "commands"}): {@code {"mounts": [{"mountPoint": "/mnt/x", "source":
 * "s3a://bucket", "encryptionType": "", "extraConfigs": {...}}], "result_rows": 1000}}. {@link
 * #dump()} returns the mounts in the same shape (contexts and commands are transient and not dumped).
 */
public final class CommandsFamily implements Family {
  private static final String BASE = "/api/1.2/";
  private static final Set<String> LANGUAGES = Set.of("python", "scala", "sql", "r");

  /** A context's SQL session: USE in one command sets the current database of the next ones. */
  private record Context(String id, String clusterId, String language, HiveSession sql) {}

  private record Command(String id, String contextId, ObjectNode results) {}

  private final MountTable mounts = new MountTable();
  private final PythonScripts python = new PythonScripts(mounts);
  private SecretValuesScript secretValues;
  private final Map<String, Context> contexts = new LinkedHashMap<>();
  private final Map<String, Command> commands = new LinkedHashMap<>();
  private Workspace workspace;
  private int resultRows = 1000;

  @Override
  public String name() {
    return "commands";
  }

  /** The DBFS mount table (mount points under /mnt/ and the built-ins). */
  public MountTable mounts() {
    return mounts;
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.workspace = workspace;
    this.secretValues = new SecretValuesScript(workspace);
    router.add("POST", BASE + "contexts/create", name(), this::createContext);
    router.add("GET", BASE + "contexts/status", name(), this::contextStatus);
    router.add("POST", BASE + "contexts/destroy", name(), this::destroyContext);
    router.add("POST", BASE + "commands/execute", name(), this::execute);
    router.add("GET", BASE + "commands/status", name(), this::commandStatus);
    router.add("POST", BASE + "commands/cancel", name(), this::cancel);
  }

  private synchronized Response createContext(Request req) {
    ObjectNode body = req.json();
    String clusterId = requireRunning(Json.text(body, "clusterId"));
    String language = language(Json.text(body, "language"));
    String id = Long.toString(workspace.nextId());
    contexts.put(id, new Context(id, clusterId, language, workspace.family(SqlFamily.class).session(req.caller(), null)));
    return Response.ok(Json.object().put("id", id));
  }

  private synchronized Response contextStatus(Request req) {
    Context c = context(req.q("clusterId"), req.q("contextId"));
    return Response.ok(Json.object().put("id", c.id()).put("status", "Running"));
  }

  private synchronized Response destroyContext(Request req) {
    ObjectNode body = req.json();
    Context c = context(Json.text(body, "clusterId"), Json.text(body, "contextId"));
    contexts.remove(c.id());
    commands.values().removeIf(cmd -> cmd.contextId().equals(c.id()));
    return Response.ok(Json.object().put("id", c.id()));
  }

  private synchronized Response execute(Request req) {
    ObjectNode body = req.json();
    String clusterId = requireRunning(Json.text(body, "clusterId"));
    Context c = context(clusterId, Json.text(body, "contextId"));
    String language = language(Json.text(body, "language") == null ? c.language() : Json.text(body, "language"));
    String code = Json.text(body, "command");
    if (code == null) {
      throw ApiException.v12(400, "Missing required field: command");
    }
    ObjectNode results = switch (language) {
      case "python" -> SecretValuesScript.recognises(code) ? secretValues.run(code, req.caller()) : python.run(code);
      case "sql" -> sql(c.sql(), code);
      default -> PythonScripts.error("NotImplementedError", "the emulator does not run " + language + " code");
    };
    String id = workspace.uuid().replace("-", "");
    commands.put(id, new Command(id, c.id(), results));
    return Response.ok(Json.object().put("id", id));
  }

  private synchronized Response commandStatus(Request req) {
    Context c = context(req.q("clusterId"), req.q("contextId"));
    Command cmd = command(c, req.q("commandId"));
    String status = "error".equals(Json.text(cmd.results(), "resultType")) ? "Error" : "Finished";
    ObjectNode out = Json.object().put("id", cmd.id()).put("status", status);
    out.set("results", Json.copy(cmd.results()));
    return Response.ok(out);
  }

  private synchronized Response cancel(Request req) {
    ObjectNode body = req.json();
    Context c = context(Json.text(body, "clusterId"), Json.text(body, "contextId"));
    command(c, Json.text(body, "commandId"));
    return Response.empty();
  }

  /**
   * SQL through the metastore: a table result, or an error result with the SQL error text. As a
   * notebook shows it, a table result holds at most {@code result_rows} rows (1000 unless seeded)
   * and says "truncated": true when there were more.
   */
  private ObjectNode sql(HiveSession session, String code) {
    HiveCatalog.Result r;
    try {
      r = workspace.family(SqlFamily.class).execute(session, code);
    } catch (HiveCatalog.SqlError e) {
      return PythonScripts.error("org.apache.spark.sql.AnalysisException", e.getMessage());
    }
    boolean truncated = r.rows().size() > resultRows;
    ObjectNode out = Json.object().put("resultType", "table").put("truncated", truncated);
    ArrayNode schema = out.putArray("schema");
    r.columns().forEach(col -> schema.addObject().put("name", col).put("type", "\"string\"").putObject("metadata"));
    ArrayNode data = out.putArray("data");
    for (var row : truncated ? r.rows().subList(0, resultRows) : r.rows()) {
      ArrayNode a = data.addArray();
      row.forEach(a::add);
    }
    return out;
  }

  private String requireRunning(String clusterId) {
    if (clusterId == null || clusterId.isEmpty()) {
      throw ApiException.v12(400, "Missing required field: clusterId");
    }
    ClustersFamily clusters = workspace.family(ClustersFamily.class);
    if (!clusters.exists(clusterId)) {
      throw ApiException.v12(400, "Cluster " + clusterId + " does not exist");
    }
    // ClustersFamily has no state accessor; its dump holds the stored ClusterDetails.
    for (JsonNode c : clusters.dump()) {
      if (clusterId.equals(Json.text(c, "cluster_id")) && !"RUNNING".equals(Json.text(c, "state"))) {
        throw ApiException.v12(400, "Cluster " + clusterId + " is in state " + Json.text(c, "state")
            + ", but commands can only run on a RUNNING cluster");
      }
    }
    return clusterId;
  }

  private static String language(String language) {
    if (language == null || !LANGUAGES.contains(language)) {
      throw ApiException.v12(400, "Invalid language: " + language + " (expected python, scala, sql or r)");
    }
    return language;
  }

  private Context context(String clusterId, String contextId) {
    Context c = contextId == null ? null : contexts.get(contextId);
    if (c == null || !c.clusterId().equals(clusterId)) {
      throw ApiException.v12(404, "ContextNotFound: context " + contextId + " not found on cluster " + clusterId);
    }
    return c;
  }

  private Command command(Context c, String commandId) {
    Command cmd = commandId == null ? null : commands.get(commandId);
    if (cmd == null || !cmd.contextId().equals(c.id())) {
      throw ApiException.v12(404, "CommandNotFound: command " + commandId + " not found");
    }
    return cmd;
  }

  @Override
  public JsonNode dump() {
    ObjectNode out = Json.object();
    out.set("mounts", mounts.dump());
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (seed.has("result_rows")) {
      resultRows = Math.max(1, seed.get("result_rows").asInt());
    }
    if (seed.has("mounts")) {
      mounts.seed(seed.get("mounts"));
    }
  }
}
