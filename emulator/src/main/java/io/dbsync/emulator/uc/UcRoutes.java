package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.http.Handler;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Registers /api/2.1/unity-catalog routes under the family's name, each handler running alone on the
 * (possibly shared) metastore; in a workspace without a metastore every route is METASTORE_DOES_NOT_EXIST.
 */
final class UcRoutes {
  static final String BASE = "/api/2.1/unity-catalog";

  /** The operations of a collection with the usual shape (create, get, update and delete by name). */
  record Crud(Function<ObjectNode, ObjectNode> render, Function<JsonNode, ObjectNode> create,
              Function<String, ObjectNode> get, BiFunction<String, JsonNode, ObjectNode> update,
              BiConsumer<String, Boolean> delete) {}

  private final Router router;
  private final String family;
  private final UcContext ctx;

  UcRoutes(Router router, String family, UcContext ctx) {
    this.router = router;
    this.family = family;
    this.ctx = ctx;
  }

  void add(String method, String path, Handler handler) {
    router.add(method, BASE + path, family, req -> {
      ctx.requireAssigned();
      return ctx.store.locked(() -> handler.handle(req));
    });
  }

  /**
   * POST collection (create), GET collection (list), and GET / PATCH / DELETE collection/{name};
   * responses are the rendered object, DELETE passes the force query parameter.
   */
  void crud(String collection, Handler list, Crud ops) {
    add("POST", collection, req -> Response.ok(ops.render().apply(ops.create().apply(req.json()))));
    add("GET", collection, list);
    add("GET", collection + "/{name}", req -> Response.ok(ops.render().apply(ops.get().apply(req.pathParam("name")))));
    add("PATCH", collection + "/{name}",
        req -> Response.ok(ops.render().apply(ops.update().apply(req.pathParam("name"), req.json()))));
    add("DELETE", collection + "/{name}", req -> {
      ops.delete().accept(req.pathParam("name"), "true".equalsIgnoreCase(req.q("force")));
      return Response.empty();
    });
  }
}
