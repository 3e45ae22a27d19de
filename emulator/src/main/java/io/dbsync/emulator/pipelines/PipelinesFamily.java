package io.dbsync.emulator.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.compute.Fields;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;
import io.dbsync.emulator.support.Pages;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lakeflow Declarative Pipelines (DLT) 2.0: create (with {@code dry_run}), get (the settings under
 * {@code spec}, {@code parameters} and {@code run_as} at the top as the real API echoes them), edit
 * (PUT: the whole settings; {@code expected_last_modified} guards against lost updates, 409
 * RESOURCE_CONFLICT), delete, stop, and list ({@code statuses}, {@code max_results} default 25, above
 * 100 is 400; {@code page_token}; {@code order_by} "id|name [asc|desc]"; {@code filter}
 * "name LIKE '...'" or "notebook='<path>'").
 *
 * <p>Names are unique unless {@code allow_duplicate_names} (409 RESOURCE_CONFLICT); {@code schema}
 * and {@code target} exclude each other, as do {@code ingestion_definition} and {@code libraries}.
 * Without a catalog (Hive metastore) and a storage location, storage defaults to
 * {@code dbfs:/pipelines/<id>}. Pipelines never run: the state stays IDLE. Library paths are not
 * checked (a notebook need not exist).
 *
 * <p>Seed format (key {@code "pipelines"}): an array of create bodies, each optionally with
 * {@code pipeline_id}, {@code creator_user_name} and {@code state}, or of pipelines as
 * {@link #dump()} returns them (as get does).
 */
public final class PipelinesFamily implements Family {
  private static final String BASE = "/api/2.0/pipelines";
  /** Request fields that are not pipeline settings (the rest go to {@code spec}). */
  private static final Set<String> NOT_SPEC = Set.of("allow_duplicate_names", "dry_run", "run_as", "parameters",
      "expected_last_modified", "pipeline_id");
  private static final Pattern NAME_LIKE = Pattern.compile("(?i)\\s*name\\s+LIKE\\s+'(.*)'\\s*");
  private static final Pattern NOTEBOOK = Pattern.compile("(?i)\\s*notebook\\s*=\\s*'(.*)'\\s*");

  private final Map<String, ObjectNode> pipelines = new LinkedHashMap<>();
  private Workspace ws;

  @Override
  public String name() {
    return "pipelines";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.ws = workspace;
    router.add("POST", BASE, name(), this::create);
    router.add("GET", BASE, name(), this::list);
    router.add("GET", BASE + "/{id}", name(), req -> Response.ok(Json.copy(require(req.pathParam("id")))));
    router.add("PUT", BASE + "/{id}", name(), this::edit);
    router.add("DELETE", BASE + "/{id}", name(), req -> {
      pipelines.remove(require(req.pathParam("id")).get("pipeline_id").asText());
      return Response.empty();
    });
    router.add("POST", BASE + "/{id}/stop", name(), req -> {
      require(req.pathParam("id")).put("state", "IDLE");
      return Response.empty();
    });
    workspace.registerPermissionObject("pipelines", pipelines::containsKey);
  }

  private ObjectNode require(String id) {
    ObjectNode p = id == null ? null : pipelines.get(id);
    if (p == null) {
      throw ApiException.notFound("The specified pipeline " + id + " was not found.");
    }
    return p;
  }

  private Response create(Request req) {
    ObjectNode body = req.json();
    String id = ws.uuid();
    ObjectNode spec = spec(body, id);
    if (body.path("dry_run").asBoolean(false)) {
      return Response.ok(Json.object().set("effective_settings", spec));
    }
    ObjectNode p = store(body, spec, ws.adminUser());
    return Response.ok(Json.object().put("pipeline_id", p.get("pipeline_id").asText()));
  }

  /** The settings of a create or edit body, checked, with the pipeline id and default storage. */
  private ObjectNode spec(ObjectNode body, String id) {
    ObjectNode spec = Json.object();
    Fields.withoutNulls(body).properties().forEach(e -> {
      if (!NOT_SPEC.contains(e.getKey())) {
        spec.set(e.getKey(), e.getValue());
      }
    });
    spec.put("id", id);
    if (spec.has("schema") && spec.has("target")) {
      throw ApiException.invalidParameter("Only one of schema and target can be specified.");
    }
    if (spec.has("ingestion_definition") && spec.has("libraries")) {
      throw ApiException.invalidParameter("ingestion_definition cannot be used together with libraries.");
    }
    String target = Json.text(spec, "target");
    if (target != null && target.contains(".")) {
      throw ApiException.invalidParameter("CreatePipeline target_schema_name \"" + target + "\" is not a valid name. Valid "
          + "names must contain only alphanumeric characters and underscores, and cannot contain spaces, periods, "
          + "forward slashes, or control characters.");
    }
    if (!spec.has("catalog") && !spec.has("storage")) {
      spec.put("storage", "dbfs:/pipelines/" + id);
    }
    String name = Json.text(spec, "name");
    if (name != null && !body.path("allow_duplicate_names").asBoolean(false)) {
      for (ObjectNode other : pipelines.values()) {
        if (!other.get("pipeline_id").asText().equals(id) && name.equals(Json.text(other, "name"))) {
          throw new ApiException(409, "RESOURCE_CONFLICT", "Pipeline name '" + name + "' is already used by pipeline "
              + other.get("pipeline_id").asText() + ".");
        }
      }
    }
    return spec;
  }

  private ObjectNode store(JsonNode body, ObjectNode spec, String creator) {
    String id = spec.get("id").asText();
    ObjectNode p = Json.object();
    p.put("pipeline_id", id);
    p.put("creator_user_name", creator);
    p.put("state", "IDLE");
    p.put("health", "HEALTHY");
    describe(p, body, spec);
    pipelines.put(id, p);
    return p;
  }

  /** Sets what follows the settings: name, spec, parameters, run_as and who it runs as. */
  private void describe(ObjectNode p, JsonNode body, ObjectNode spec) {
    p.remove(List.of("name", "parameters", "run_as"));
    if (spec.has("name")) {
      p.put("name", Json.text(spec, "name"));
    }
    p.set("spec", spec);
    if (body.hasNonNull("parameters")) {
      p.set("parameters", Fields.withoutNulls(body.get("parameters")));
    }
    JsonNode runAs = body.get("run_as");
    if (runAs != null && !runAs.isNull()) {
      p.set("run_as", Fields.withoutNulls(runAs));
    }
    String runAsUser = runAs == null ? null
        : Json.text(runAs, "user_name") != null ? Json.text(runAs, "user_name") : Json.text(runAs, "service_principal_name");
    p.put("run_as_user_name", runAsUser != null ? runAsUser : Json.text(p, "creator_user_name"));
    p.put("last_modified", ws.now());
  }

  private Response edit(Request req) {
    ObjectNode p = require(req.pathParam("id"));
    ObjectNode body = req.json();
    if (body.hasNonNull("expected_last_modified") && body.get("expected_last_modified").asLong() != p.get("last_modified").asLong()) {
      throw new ApiException(409, "RESOURCE_CONFLICT", "The pipeline " + req.pathParam("id")
          + " was modified since expected_last_modified " + body.get("expected_last_modified").asLong() + ".");
    }
    describe(p, body, spec(body, req.pathParam("id")));
    return Response.empty();
  }

  private Response list(Request req) {
    Integer max = Fields.intQuery(req, "max_results");
    if (max != null && max > 100) {
      throw ApiException.invalidParameter("max_results must be at most 100, got " + max);
    }
    List<ObjectNode> matching = pipelines.values().stream().filter(filter(req.q("filter"))).sorted(order(req.qAll("order_by"))).toList();
    return Response.ok(Pages.of(matching, req.q("page_token"), Pages.clamp("max_results", max == null ? 0 : max, 25, 100))
        .toJson("statuses", PipelinesFamily::status));
  }

  private static java.util.function.Predicate<ObjectNode> filter(String filter) {
    if (filter == null || filter.isBlank()) {
      return p -> true;
    }
    Matcher like = NAME_LIKE.matcher(filter);
    if (like.matches()) {
      Pattern p = Pattern.compile(like.group(1).replace("%", "\uE000").replace("_", "\uE001")
          .replaceAll("[^\uE000\uE001]+", "\\\\Q$0\\\\E").replace("\uE000", ".*").replace("\uE001", "."));
      return x -> Json.text(x, "name") != null && p.matcher(Json.text(x, "name")).matches();
    }
    Matcher notebook = NOTEBOOK.matcher(filter);
    if (notebook.matches()) {
      String path = notebook.group(1);
      return x -> {
        for (JsonNode lib : x.path("spec").path("libraries")) {
          if (path.equals(Json.text(lib.path("notebook"), "path"))) {
            return true;
          }
        }
        return false;
      };
    }
    throw ApiException.invalidParameter("Unsupported filter: " + filter);
  }

  private static Comparator<ObjectNode> order(List<String> orderBy) {
    Comparator<ObjectNode> byId = Comparator.comparing(p -> p.get("pipeline_id").asText());
    if (orderBy.isEmpty()) {
      return byId;
    }
    String[] parts = orderBy.get(0).trim().split("\\s+");
    Comparator<ObjectNode> c = switch (parts[0].toLowerCase(java.util.Locale.ROOT)) {
      case "id" -> byId;
      case "name" -> Comparator.comparing((ObjectNode p) -> String.valueOf(Json.text(p, "name"))).thenComparing(byId);
      default -> throw ApiException.invalidParameter("Unsupported order_by field: " + parts[0] + ". Supported fields: id, name");
    };
    return parts.length > 1 && parts[1].equalsIgnoreCase("desc") ? c.reversed() : c;
  }

  /** The list form: no spec. */
  private static ObjectNode status(ObjectNode p) {
    ObjectNode s = Json.object();
    for (String f : List.of("pipeline_id", "name", "state", "health", "creator_user_name", "run_as_user_name", "cluster_id", "latest_updates")) {
      if (p.has(f)) {
        s.set(f, p.get(f).deepCopy());
      }
    }
    return s;
  }

  /** A seed entry as a create body: a dumped pipeline ({spec, parameters, run_as, ...}) or a create body. */
  private static ObjectNode asCreateBody(ObjectNode item) {
    if (!item.has("spec")) {
      return Json.copy(item).without(List.of("creator_user_name", "state"));
    }
    ObjectNode body = Json.copy((ObjectNode) item.get("spec"));
    for (String f : List.of("parameters", "run_as")) {
      if (item.has(f)) {
        body.set(f, item.get(f).deepCopy());
      }
    }
    return body;
  }

  @Override
  public JsonNode dump() {
    ArrayNode out = Json.array();
    pipelines.values().forEach(p -> out.add(Json.copy(p)));
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("pipelines seed must be a JSON array");
    }
    for (JsonNode item : seed) {
      String id = item.hasNonNull("pipeline_id") ? Json.text(item, "pipeline_id") : ws.uuid();
      ObjectNode body = asCreateBody((ObjectNode) item).put("allow_duplicate_names", true);
      String creator = item.hasNonNull("creator_user_name") ? Json.text(item, "creator_user_name") : ws.adminUser();
      ObjectNode spec = spec(body, id);
      ObjectNode p = store(body, spec, creator);
      if (item.hasNonNull("state")) {
        p.put("state", Json.text(item, "state"));
      }
    }
  }
}
