package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * /api/2.1/unity-catalog/models (RegisteredModelInfo) and their aliases. Model versions come from
 * MLflow runs, which the emulator does not run: a model's versions are seeded ("versions": n makes
 * versions 1..n), and setting an alias to a version the model does not have is RESOURCE_DOES_NOT_EXIST,
 * as on a workspace where the version was never logged. GET returns aliases only with
 * include_aliases=true. In grants a registered model is a FUNCTION.
 */
final class RegisteredModelsApi {
  private final UcContext ctx;

  RegisteredModelsApi(UcContext ctx) {
    this.ctx = ctx;
  }

  void register(UcRoutes r) {
    r.add("POST", "/models", req -> Response.ok(ctx.render(create(req.json()))));
    r.add("GET", "/models", this::list);
    r.add("GET", "/models/{full_name}", this::get);
    r.add("PATCH", "/models/{full_name}", req -> Response.ok(ctx.render(
        SchemaObjects.update(ctx, UcType.FUNCTION, req.pathParam("full_name"), req.json()))));
    r.add("DELETE", "/models/{full_name}", req -> {
      SchemaObjects.delete(ctx, UcType.FUNCTION, req.pathParam("full_name"));
      return Response.empty();
    });
    r.add("PUT", "/models/{full_name}/aliases/{alias}", this::setAlias);
    r.add("DELETE", "/models/{full_name}/aliases/{alias}", this::deleteAlias);
  }

  ObjectNode create(JsonNode body) {
    ObjectNode m = SchemaObjects.start(ctx, UcType.FUNCTION, body);
    UcContext.copyText(m, body, "comment");
    m.put("storage_location", SchemaObjects.managedLocation(ctx, m, "models", ctx.store.uuid()));
    ctx.stampNew(m, body);
    m.putObject("__aliases");
    m.putArray("__versions");
    ctx.store.put(UcType.FUNCTION, m.get("full_name").asText(), m);
    return m;
  }

  /** Seeding: the model has versions 1..n. */
  void setVersionCount(ObjectNode model, int n) {
    ArrayNode versions = model.putArray("__versions");
    for (int v = 1; v <= n; v++) {
      versions.add(v);
    }
  }

  private Response get(Request req) {
    ObjectNode m = ctx.leaf(UcType.FUNCTION, req.pathParam("full_name"));
    ObjectNode out = ctx.render(m);
    if ("true".equalsIgnoreCase(req.q("include_aliases")) && !m.get("__aliases").isEmpty()) {
      ArrayNode aliases = out.putArray("aliases");
      m.get("__aliases").properties().forEach(e -> aliases.add(alias(m, e.getKey(), e.getValue().asLong())));
    }
    return Response.ok(out);
  }

  private Response list(Request req) {
    String catalog = req.q("catalog_name");
    String schema = req.q("schema_name");
    List<ObjectNode> models = new ArrayList<>();
    if (schema != null) {
      if (catalog == null) {
        throw UcErrors.invalid("catalog_name must be specified with schema_name");
      }
      ctx.schema(catalog, schema);
      models.addAll(ctx.store.children(UcType.FUNCTION, UcContext.key(catalog) + "." + UcContext.key(schema)));
    } else {
      if (catalog != null) {
        ctx.catalog(catalog);
      }
      for (ObjectNode m : ctx.store.all(UcType.FUNCTION)) {
        String c = m.get("catalog_name").asText();
        ObjectNode cat = ctx.store.get(UcType.CATALOG, c);
        if ((catalog == null || c.equals(UcContext.key(catalog))) && ctx.boundHere(UcType.CATALOG, c, cat)) {
          models.add(m);
        }
      }
    }
    List<ObjectNode> rendered = models.stream().map(ctx::render).toList();
    return Response.ok(Paging.page(req, rendered, m -> m.get("full_name").asText(), "registered_models",
        Paging.Unset.SERVER_PAGE, ctx.store.pageSize(), 1));
  }

  private Response setAlias(Request req) {
    ObjectNode m = SchemaObjects.writable(ctx, UcType.FUNCTION, req.pathParam("full_name"));
    String alias = UcContext.key(req.pathParam("alias"));
    JsonNode version = req.json().get("version_num");
    if (version == null || !version.canConvertToLong()) {
      throw UcErrors.missing("version_num");
    }
    long v = version.asLong();
    boolean exists = false;
    for (JsonNode n : m.get("__versions")) {
      exists |= n.asLong() == v;
    }
    if (!exists) {
      throw new io.dbsync.emulator.http.ApiException(404, "RESOURCE_DOES_NOT_EXIST",
          "Model version " + m.get("full_name").asText() + "/" + v + " does not exist.");
    }
    ((ObjectNode) m.get("__aliases")).put(alias, v);
    ctx.touch(m);
    return Response.ok(alias(m, alias, v));
  }

  private Response deleteAlias(Request req) {
    ObjectNode m = SchemaObjects.writable(ctx, UcType.FUNCTION, req.pathParam("full_name"));
    String alias = UcContext.key(req.pathParam("alias"));
    if (((ObjectNode) m.get("__aliases")).remove(alias) == null) {
      throw new io.dbsync.emulator.http.ApiException(404, "RESOURCE_DOES_NOT_EXIST",
          "Alias '" + alias + "' of registered model '" + m.get("full_name").asText() + "' does not exist.");
    }
    ctx.touch(m);
    return Response.empty();
  }

  private static ObjectNode alias(ObjectNode model, String alias, long version) {
    ObjectNode a = Json.object();
    a.put("alias_name", alias);
    a.put("version_num", version);
    a.put("catalog_name", model.get("catalog_name").asText());
    a.put("schema_name", model.get("schema_name").asText());
    a.put("model_name", model.get("name").asText());
    return a;
  }
}
