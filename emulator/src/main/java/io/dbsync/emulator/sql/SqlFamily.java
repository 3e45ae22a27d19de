package io.dbsync.emulator.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.auth.Principal;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;
import io.dbsync.emulator.scim.ScimFamily;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SQL warehouses 2.0 ({@link Warehouses}) and Statement Execution 2.0 (api-reference §12) over the
 * in-memory Hive metastore ({@link HiveCatalog}), each in a session of its caller with the request's
 * {@code schema} as current database. Statements finish synchronously (state SUCCEEDED or FAILED, the
 * latter with HTTP 200 as the real API does); results are INLINE JSON_ARRAY split into chunks of
 * {@code chunk_rows} rows (default 1000) served by the chunks endpoint. Other families may claim
 * statements before the Hive catalog sees them ({@link #addRoute}: Unity Catalog three-part names).
 *
 * <p>Seed format (key {@code "sql"}): {@code {"warehouses": [{"id"?, "name", "state"?, ...create fields}],
 * "statements": ["CREATE DATABASE x", "GRANT ..."], "chunk_rows": 1000}}. {@link #dump()} returns
 * {@code {"warehouses": [...], "metastore": {...}}}.
 */
public final class SqlFamily implements Family {
  private static final String STATEMENTS = "/api/2.0/sql/statements";

  private final Map<String, ObjectNode> statements = new LinkedHashMap<>();
  private final Map<String, List<List<String>>> statementRows = new LinkedHashMap<>();
  private final List<StatementRoute> routes = new CopyOnWriteArrayList<>();
  private HiveCatalog catalog;
  private Warehouses warehouses;
  private Workspace workspace;
  private int chunkRows = 1000;

  @Override
  public String name() {
    return "sql";
  }

  /** The Hive metastore the statements (and SQL commands on clusters) run against. */
  public HiveCatalog catalog() {
    return catalog;
  }

  /**
   * A session for statements of {@code caller} (the owner of what they create) with {@code
   * database} current; principals named in GRANT, DENY and OWNER TO must exist in the workspace's
   * SCIM directory (user name, group display name or service principal application id).
   */
  public HiveSession session(Principal caller, String database) {
    String user = caller == null ? workspace.adminUser() : caller.name();
    ScimFamily scim;
    try {
      scim = workspace.family(ScimFamily.class);
    } catch (IllegalStateException notRegistered) {
      return new HiveSession(user, database, p -> true);
    }
    return new HiveSession(user, database, p -> scim.userExists(p) || scim.groupExists(p) || scim.servicePrincipalExists(p));
  }

  /** Runs the statements it claims (a result or a thrown SqlError); empty leaves the statement to Hive. */
  @FunctionalInterface
  public interface StatementRoute {
    Optional<HiveCatalog.Result> execute(String statement);
  }

  public void addRoute(StatementRoute route) {
    routes.add(route);
  }

  /** Runs one statement as the workspace admin without principal checks (seeding). */
  public HiveCatalog.Result execute(String statement) {
    return execute(null, statement);
  }

  /**
   * Runs one statement: the first route that claims it, else the Hive catalog in {@code session}
   * (null: as the workspace admin, without principal checks).
   */
  public HiveCatalog.Result execute(HiveSession session, String statement) {
    for (StatementRoute route : routes) {
      Optional<HiveCatalog.Result> result = route.execute(statement);
      if (result.isPresent()) {
        return result.get();
      }
    }
    return session == null ? catalog.execute(statement) : catalog.execute(session, statement);
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.workspace = workspace;
    this.catalog = new HiveCatalog(workspace.adminUser());
    this.warehouses = new Warehouses(workspace);
    warehouses.register(router, name());
    router.add("POST", STATEMENTS, name(), this::executeStatement);
    router.add("GET", STATEMENTS + "/{id}", name(), r -> Response.ok(Json.copy(statement(r.pathParam("id")))));
    router.add("GET", STATEMENTS + "/{id}/result/chunks/{index}", name(), this::chunk);
    router.add("POST", STATEMENTS + "/{id}/cancel", name(), r -> {
      statement(r.pathParam("id"));
      return Response.empty();
    });
  }

  // ------------------------------------------------------------ statements

  private synchronized Response executeStatement(Request req) {
    ObjectNode body = req.json();
    String text = Json.text(body, "statement");
    if (text == null || text.isBlank()) {
      throw ApiException.invalidParameter("Missing required field: statement");
    }
    ObjectNode w = warehouses.require(requireField(body, "warehouse_id"));
    String disposition = Json.text(body, "disposition");
    if (disposition != null && !disposition.equals("INLINE")) {
      throw ApiException.invalidParameter("The emulator supports only INLINE disposition, got " + disposition);
    }
    String format = Json.text(body, "format");
    if (format != null && !format.equals("JSON_ARRAY")) {
      throw ApiException.invalidParameter("INLINE disposition supports only JSON_ARRAY format, got " + format);
    }
    String wait = Json.text(body, "wait_timeout");
    if (wait != null && !wait.matches("0s|[5-9]s|[1-4][0-9]s|50s")) {
      throw ApiException.invalidParameter("wait_timeout must be 0s or between 5s and 50s, got " + wait);
    }
    warehouses.resume(w);
    String id = workspace.uuid();
    ObjectNode resp = Json.object().put("statement_id", id);
    try {
      HiveCatalog.Result r = execute(session(req.caller(), Json.text(body, "schema")), text);
      List<List<String>> rows = r.rows();
      boolean truncated = false;
      if (body.hasNonNull("row_limit") && rows.size() > body.get("row_limit").asLong()) {
        rows = rows.subList(0, (int) body.get("row_limit").asLong());
        truncated = true;
      }
      resp.putObject("status").put("state", "SUCCEEDED");
      resp.set("manifest", manifest(r.columns(), rows.size(), truncated));
      statementRows.put(id, List.copyOf(rows));
      if (!r.columns().isEmpty()) {
        resp.set("result", chunkData(id, rows, 0));
      }
    } catch (HiveCatalog.SqlError e) {
      ObjectNode status = resp.putObject("status").put("state", "FAILED");
      status.putObject("error").put("error_code", "BAD_REQUEST").put("message", e.getMessage());
      status.put("sql_state", e.sqlState());
    }
    statements.put(id, resp);
    return Response.ok(Json.copy(resp));
  }

  private ObjectNode manifest(List<String> columns, int rowCount, boolean truncated) {
    ObjectNode m = Json.object().put("format", "JSON_ARRAY");
    ObjectNode schema = m.putObject("schema").put("column_count", columns.size());
    ArrayNode cols = schema.putArray("columns");
    for (int i = 0; i < columns.size(); i++) {
      cols.addObject().put("name", columns.get(i)).put("type_text", "STRING").put("type_name", "STRING").put("position", i);
    }
    int chunks = columns.isEmpty() ? 0 : Math.max(1, (rowCount + chunkRows - 1) / chunkRows);
    m.put("total_chunk_count", chunks).put("total_row_count", rowCount).put("truncated", truncated);
    ArrayNode arr = m.putArray("chunks");
    for (int c = 0; c < chunks; c++) {
      int offset = c * chunkRows;
      arr.addObject().put("chunk_index", c).put("row_offset", offset).put("row_count", Math.min(chunkRows, rowCount - offset));
    }
    return m;
  }

  private ObjectNode chunkData(String id, List<List<String>> rows, int index) {
    int offset = index * chunkRows;
    int end = Math.min(rows.size(), offset + chunkRows);
    ObjectNode r = Json.object().put("chunk_index", index).put("row_offset", offset).put("row_count", Math.max(0, end - offset));
    ArrayNode data = r.putArray("data_array");
    for (int i = offset; i < end; i++) {
      ArrayNode row = data.addArray();
      rows.get(i).forEach(row::add);
    }
    if (end < rows.size()) {
      r.put("next_chunk_index", index + 1);
      r.put("next_chunk_internal_link", STATEMENTS + "/" + id + "/result/chunks/" + (index + 1));
    }
    return r;
  }

  private synchronized Response chunk(Request req) {
    String id = req.pathParam("id");
    statement(id);
    List<List<String>> rows = statementRows.get(id);
    int index;
    try {
      index = Integer.parseInt(req.pathParam("index"));
    } catch (NumberFormatException e) {
      throw ApiException.invalidParameter("Invalid chunk index: " + req.pathParam("index"));
    }
    int chunks = Math.max(1, (rows == null ? 0 : rows.size() + chunkRows - 1) / chunkRows);
    if (rows == null || index < 0 || index >= chunks) {
      throw ApiException.notFound("Chunk " + index + " of statement " + id + " does not exist");
    }
    return Response.ok(chunkData(id, rows, index));
  }

  private synchronized ObjectNode statement(String id) {
    ObjectNode s = id == null ? null : statements.get(id);
    if (s == null) {
      throw ApiException.notFound("Statement " + id + " does not exist");
    }
    return s;
  }

  private static String requireField(JsonNode body, String field) {
    String v = Json.text(body, field);
    if (v == null || v.isEmpty()) {
      throw ApiException.invalidParameter("Missing required field: " + field);
    }
    return v;
  }

  // ------------------------------------------------------------ state

  @Override
  public synchronized JsonNode dump() {
    ObjectNode out = Json.object();
    ArrayNode arr = out.putArray("warehouses");
    warehouses.all().forEach(w -> arr.add(Json.copy(w)));
    out.set("metastore", catalog.dump());
    return out;
  }

  @Override
  public synchronized void seed(JsonNode seed, Workspace workspace) {
    if (seed.has("chunk_rows")) {
      chunkRows = Math.max(1, seed.get("chunk_rows").asInt());
    }
    for (JsonNode w : seed.path("warehouses")) {
      warehouses.create(w, Json.text(w, "id"), Json.text(w, "state"));
    }
    catalog.seed(seed.path("statements"));
  }
}
