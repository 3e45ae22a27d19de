package io.dbsync.emulator.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;
import io.dbsync.emulator.scim.ScimFamily;

/**
 * Token API 2.0 ({@code /api/2.0/token/create|list|delete}): personal access tokens of the calling
 * principal. A token authenticates as its owner until it expires or is deleted (or its owner is).
 * Values look like real ones ({@code dapi} + 32 hex digits); {@code token_id} is the SHA-256 of
 * the value; {@code expiry_time} is -1 for a token without lifetime.
 *
 * <p>Seed format (key {@code "tokens"}): a JSON array of {@code {token_value (required),
 * user_name | application_id (the owner; absent = the built-in admin), comment, lifetime_seconds}}.
 * {@link #dump()} returns the same shape plus {@code token_id}, {@code creation_time} and
 * {@code expiry_time} (values included: the dump is a test instrument).
 */
public final class TokensFamily implements Family {
  private static final String BASE = "/api/2.0/token/";

  private Workspace ws;

  @Override
  public String name() {
    return "tokens";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.ws = workspace;
    router.add("POST", BASE + "create", name(), this::create);
    router.add("GET", BASE + "list", name(), this::list);
    router.add("POST", BASE + "delete", name(), this::delete);
  }

  private Response create(Request req) {
    ObjectNode body = req.json();
    JsonNode lifetime = body.get("lifetime_seconds");
    long seconds = lifetime == null || lifetime.isNull() ? 0 : lifetime.asLong();
    String value = "dapi" + ws.uuid().replace("-", "");
    Credentials.Grant g = ws.credentials().issue(value, req.caller(), Credentials.Source.PAT, ws.now(),
        seconds > 0 ? seconds * 1000 : 0, Json.text(body, "comment"));
    ObjectNode out = Json.object();
    out.put("token_value", value);
    out.set("token_info", info(g));
    return Response.ok(out);
  }

  private Response list(Request req) {
    ArrayNode infos = Json.array();
    ws.credentials().personalTokensOf(req.caller()).forEach(g -> infos.add(info(g)));
    ObjectNode out = Json.object();
    if (!infos.isEmpty()) {
      out.set("token_infos", infos);
    }
    return Response.ok(out);
  }

  private Response delete(Request req) {
    String id = Json.text(req.json(), "token_id");
    if (id == null || id.isEmpty()) {
      throw ApiException.invalidParameter("Missing required field: token_id");
    }
    if (!ws.credentials().revoke(id, req.caller())) {
      throw ApiException.notFound("Token with ID " + id + " does not exist.");
    }
    return Response.empty();
  }

  private static ObjectNode info(Credentials.Grant g) {
    ObjectNode o = Json.object();
    o.put("token_id", g.tokenId());
    o.put("creation_time", g.createdMillis());
    o.put("expiry_time", g.expiresMillis() > 0 ? g.expiresMillis() : -1);
    if (g.comment() != null) {
      o.put("comment", g.comment());
    }
    return o;
  }

  @Override
  public JsonNode dump() {
    ArrayNode out = Json.array();
    for (Credentials.Grant g : ws.credentials().personalTokens()) {
      ObjectNode o = info(g);
      o.put("token_value", g.token());
      o.put(g.principal().isServicePrincipal() ? "application_id" : "user_name", g.principal().name());
      out.add(o);
    }
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("tokens seed must be a JSON array");
    }
    ScimFamily scim = workspace.family(ScimFamily.class);
    for (JsonNode item : seed) {
      String value = Json.text(item, "token_value");
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException("tokens seed: token_value is required in " + item);
      }
      Principal owner = owner(item, workspace, scim);
      long lifetime = item.path("lifetime_seconds").asLong(0);
      workspace.credentials().issue(value, owner, Credentials.Source.PAT, workspace.now(),
          lifetime > 0 ? lifetime * 1000 : 0, Json.text(item, "comment"));
    }
  }

  private static Principal owner(JsonNode item, Workspace workspace, ScimFamily scim) {
    String user = Json.text(item, "user_name");
    String app = Json.text(item, "application_id");
    if (user != null && scim.userExists(user)) {
      return Principal.user(user.toLowerCase(java.util.Locale.ROOT));
    }
    if (app != null && scim.servicePrincipalExists(app)) {
      return Principal.servicePrincipal(app);
    }
    if (user == null && app == null) {
      return workspace.adminPrincipal();
    }
    throw new IllegalArgumentException("tokens seed: unknown owner in " + item + " (seed it under scim first)");
  }
}
