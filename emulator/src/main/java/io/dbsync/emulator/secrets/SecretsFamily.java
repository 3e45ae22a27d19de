package io.dbsync.emulator.secrets;

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

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Secrets 2.0 (api-reference §7): scopes (DATABRICKS and AZURE_KEYVAULT backends), secrets (values
 * never listed; readable through the undocumented secrets/get) and scope ACLs, enforced for the
 * caller by {@link ScopeAccess}. secrets/get returns a value to workspace admins only: another
 * caller gets 403 PERMISSION_DENIED without READ on the scope, and 400 BAD_REQUEST with it (the
 * API serves non-admins only from a notebook, which a REST client never is).
 *
 * <p>Seed format (key "secrets"): {@code {scopes: [{name, backend_type?, keyvault_metadata?:
 * {resource_id, dns_name}, secrets: [{key, string_value | bytes_value (base64)}], acls: [{principal,
 * permission}]}]}}. A seeded scope gets no implicit ACL. {@link #dump()} returns the same shape with
 * every value as bytes_value plus last_updated_timestamp.
 */
public final class SecretsFamily implements Family {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final int MAX_VALUE = 128 * 1024;
  private static final int MAX_SECRETS = 1000;

  private static final class Scope {
    String backendType = "DATABRICKS";
    ObjectNode keyvault;
    final Map<String, byte[]> values = new TreeMap<>();
    final Map<String, Long> updated = new TreeMap<>();
    final Map<String, String> acls = new LinkedHashMap<>();
  }

  private final Map<String, Scope> scopes = new TreeMap<>();
  private Workspace workspace;
  private ScopeAccess access;

  @Override
  public String name() {
    return "secrets";
  }

  @Override
  public void register(Router router, Workspace ws) {
    this.workspace = ws;
    this.access = new ScopeAccess(ws);
    String b = "/api/2.0/secrets/";
    router.add("POST", b + "scopes/create", name(), this::createScope);
    router.add("GET", b + "scopes/list", name(), this::listScopes);
    router.add("POST", b + "scopes/delete", name(), req -> {
      String name = required(req.json(), "scope");
      access.require(scope(name).acls, req.caller(), "MANAGE", name);
      scopes.remove(name);
      return Response.empty();
    });
    router.add("POST", b + "put", name(), this::putSecret);
    router.add("GET", b + "list", name(), this::listSecrets);
    router.add("POST", b + "delete", name(), this::deleteSecret);
    router.add("GET", b + "get", name(), this::getSecret);
    router.add("POST", b + "acls/put", name(), this::putAcl);
    router.add("GET", b + "acls/list", name(), this::listAcls);
    router.add("GET", b + "acls/get", name(), this::getAcl);
    router.add("POST", b + "acls/delete", name(), this::deleteAcl);
  }

  private Response createScope(Request req) {
    ObjectNode body = req.json();
    String name = required(body, "scope");
    if (!NAME.matcher(name).matches()) {
      throw ApiException.invalidParameter("Scope name must consist of alphanumeric characters, dashes, "
          + "underscores, and periods, and may not exceed 128 characters.");
    }
    if (scopes.containsKey(name)) {
      throw ApiException.alreadyExists("Scope " + name + " already exists!");
    }
    String manage = Json.text(body, "initial_manage_principal");
    if (manage != null && !manage.equals("users")) {
      throw ApiException.invalidParameter("initial_manage_principal must be 'users' or unset.");
    }
    Scope scope = new Scope();
    String backend = Json.text(body, "scope_backend_type");
    if (backend != null && !backend.equals("DATABRICKS")) {
      if (!backend.equals("AZURE_KEYVAULT")) {
        throw ApiException.invalidParameter("Invalid scope_backend_type: " + backend);
      }
      JsonNode kv = body.get("backend_azure_keyvault");
      if (kv == null || Json.text(kv, "resource_id") == null || Json.text(kv, "dns_name") == null) {
        throw ApiException.invalidParameter(
            "backend_azure_keyvault with resource_id and dns_name is required for an AZURE_KEYVAULT scope.");
      }
      scope.backendType = "AZURE_KEYVAULT";
      scope.keyvault = Json.object();
      scope.keyvault.put("resource_id", Json.text(kv, "resource_id"));
      scope.keyvault.put("dns_name", Json.text(kv, "dns_name"));
    }
    scope.acls.put(manage != null ? "users" : req.caller().name(), "MANAGE");
    scopes.put(name, scope);
    return Response.empty();
  }

  private Response listScopes(Request req) {
    ArrayNode list = Json.array();
    scopes.forEach((name, s) -> {
      ObjectNode o = list.addObject();
      o.put("name", name);
      o.put("backend_type", s.backendType);
      if (s.keyvault != null) {
        o.set("keyvault_metadata", Json.copy(s.keyvault));
      }
    });
    ObjectNode out = Json.object();
    if (!list.isEmpty()) {
      out.set("scopes", list);
    }
    return Response.ok(out);
  }

  private Response putSecret(Request req) {
    ObjectNode body = req.json();
    String scopeName = required(body, "scope");
    Scope scope = scope(scopeName);
    access.require(scope.acls, req.caller(), "WRITE", scopeName);
    String key = required(body, "key");
    if (!NAME.matcher(key).matches()) {
      throw ApiException.invalidParameter("Secret key must consist of alphanumeric characters, dashes, "
          + "underscores, and periods, and may not exceed 128 characters.");
    }
    if (scope.backendType.equals("AZURE_KEYVAULT")) {
      throw ApiException.badRequest("BAD_REQUEST",
          "A secret scope backed by Azure Key Vault is read-only. Use the Azure SetSecret REST API instead.");
    }
    String string = Json.text(body, "string_value");
    String bytes = Json.text(body, "bytes_value");
    if ((string == null) == (bytes == null)) {
      throw ApiException.invalidParameter("Exactly one of string_value or bytes_value must be specified.");
    }
    byte[] value;
    try {
      value = string != null ? string.getBytes(StandardCharsets.UTF_8) : Base64.getDecoder().decode(bytes);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidParameter("bytes_value is not valid base64.");
    }
    if (value.length > MAX_VALUE) {
      throw ApiException.invalidParameter("Secret value exceeds the maximum size of 128 KB.");
    }
    if (!scope.values.containsKey(key) && scope.values.size() >= MAX_SECRETS) {
      throw ApiException.badRequest("RESOURCE_LIMIT_EXCEEDED", "Maximum number of secrets in scope exceeded.");
    }
    scope.values.put(key, value);
    scope.updated.put(key, workspace.now());
    return Response.empty();
  }

  private Response listSecrets(Request req) {
    String scopeName = req.requireQ("scope");
    Scope scope = scope(scopeName);
    access.require(scope.acls, req.caller(), "READ", scopeName);
    ArrayNode list = Json.array();
    scope.updated.forEach((key, ts) -> list.addObject().put("key", key).put("last_updated_timestamp", ts));
    ObjectNode out = Json.object();
    if (!list.isEmpty()) {
      out.set("secrets", list);
    }
    return Response.ok(out);
  }

  private Response deleteSecret(Request req) {
    ObjectNode body = req.json();
    String scopeName = required(body, "scope");
    Scope scope = scope(scopeName);
    access.require(scope.acls, req.caller(), "WRITE", scopeName);
    String key = required(body, "key");
    if (scope.backendType.equals("AZURE_KEYVAULT")) {
      throw ApiException.badRequest("BAD_REQUEST",
          "A secret scope backed by Azure Key Vault is read-only. Use the Azure DeleteSecret REST API instead.");
    }
    if (scope.values.remove(key) == null) {
      throw ApiException.notFound("Secret " + key + " does not exist in scope " + scopeName + ".");
    }
    scope.updated.remove(key);
    return Response.empty();
  }

  private Response getSecret(Request req) {
    String scopeName = req.requireQ("scope");
    Scope scope = scope(scopeName);
    access.require(scope.acls, req.caller(), "READ", scopeName);
    String key = req.requireQ("key");
    byte[] value = scope.values.get(key);
    if (value == null) {
      throw ApiException.notFound("Secret " + key + " does not exist in scope " + scopeName + ".");
    }
    if (!access.isAdmin(req.caller())) {
      // documented: "Throws BAD_REQUEST if normal user calls get secret outside of a notebook"
      // (every REST call is outside a notebook here); the message text is unverified
      throw ApiException.badRequest("BAD_REQUEST",
          "Only workspace admins can get a secret value outside of a notebook; use dbutils.secrets.get.");
    }
    ObjectNode out = Json.object();
    out.put("key", key);
    out.put("value", Base64.getEncoder().encodeToString(value));
    return Response.ok(out);
  }

  /**
   * A value as dbutils.secrets.get returns it inside a notebook or command on a cluster, where the
   * caller needs READ on the scope (no admin rule): the bytes, or an ApiException (403 without READ,
   * 404 for an unknown scope or key).
   */
  public byte[] readOnCluster(Principal caller, String scopeName, String key) {
    Scope scope = scope(scopeName);
    access.require(scope.acls, caller, "READ", scopeName);
    byte[] value = scope.values.get(key);
    if (value == null) {
      throw ApiException.notFound("Secret does not exist with scope: " + scopeName + " and key: " + key);
    }
    return value.clone();
  }

  private Response putAcl(Request req) {
    ObjectNode body = req.json();
    String scopeName = required(body, "scope");
    Scope scope = scope(scopeName);
    access.require(scope.acls, req.caller(), "MANAGE", scopeName);
    String principal = required(body, "principal");
    String permission = required(body, "permission");
    if (!ScopeAccess.LEVELS.contains(permission)) {
      throw ApiException.invalidParameter("Invalid permission " + permission + ". Must be one of READ, WRITE, MANAGE.");
    }
    scope.acls.put(principal, permission);
    return Response.empty();
  }

  private Response listAcls(Request req) {
    String scopeName = req.requireQ("scope");
    Scope scope = scope(scopeName);
    access.require(scope.acls, req.caller(), "MANAGE", scopeName);
    ArrayNode items = Json.array();
    scope.acls.forEach((p, perm) -> items.addObject().put("principal", p).put("permission", perm));
    ObjectNode out = Json.object();
    if (!items.isEmpty()) {
      out.set("items", items);
    }
    return Response.ok(out);
  }

  private Response getAcl(Request req) {
    String scopeName = req.requireQ("scope");
    Scope scope = scope(scopeName);
    access.require(scope.acls, req.caller(), "MANAGE", scopeName);
    String principal = req.requireQ("principal");
    String perm = scope.acls.get(principal);
    if (perm == null) {
      throw ApiException.notFound("No ACL for principal " + principal + " in scope " + scopeName + ".");
    }
    ObjectNode out = Json.object();
    out.put("principal", principal);
    out.put("permission", perm);
    return Response.ok(out);
  }

  private Response deleteAcl(Request req) {
    ObjectNode body = req.json();
    String scopeName = required(body, "scope");
    Scope scope = scope(scopeName);
    access.require(scope.acls, req.caller(), "MANAGE", scopeName);
    String principal = required(body, "principal");
    if (scope.acls.remove(principal) == null) {
      throw ApiException.notFound("No ACL for principal " + principal + " in scope " + scopeName + ".");
    }
    return Response.empty();
  }

  private Scope scope(String name) {
    Scope s = scopes.get(name);
    if (s == null) {
      throw ApiException.notFound("Scope " + name + " does not exist!");
    }
    return s;
  }

  private static String required(JsonNode body, String field) {
    String v = Json.text(body, field);
    if (v == null || v.isEmpty()) {
      throw ApiException.invalidParameter("Missing required field: " + field);
    }
    return v;
  }

  @Override
  public JsonNode dump() {
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("scopes");
    scopes.forEach((name, s) -> {
      ObjectNode o = list.addObject();
      o.put("name", name);
      o.put("backend_type", s.backendType);
      if (s.keyvault != null) {
        o.set("keyvault_metadata", Json.copy(s.keyvault));
      }
      ArrayNode secrets = o.putArray("secrets");
      s.values.forEach((k, v) -> secrets.addObject().put("key", k)
          .put("bytes_value", Base64.getEncoder().encodeToString(v))
          .put("last_updated_timestamp", s.updated.get(k)));
      ArrayNode acls = o.putArray("acls");
      s.acls.forEach((p, perm) -> acls.addObject().put("principal", p).put("permission", perm));
    });
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace ws) {
    for (JsonNode item : seed.path("scopes")) {
      String name = Json.text(item, "name");
      Scope s = scopes.computeIfAbsent(name, k -> new Scope());
      if (Json.text(item, "backend_type") != null) {
        s.backendType = Json.text(item, "backend_type");
      }
      if (item.hasNonNull("keyvault_metadata")) {
        s.keyvault = Json.copy((ObjectNode) item.get("keyvault_metadata"));
      }
      for (JsonNode secret : item.path("secrets")) {
        String key = Json.text(secret, "key");
        s.values.put(key, secret.has("bytes_value")
            ? Base64.getDecoder().decode(secret.get("bytes_value").asText())
            : secret.path("string_value").asText("").getBytes(StandardCharsets.UTF_8));
        s.updated.put(key, ws.now());
      }
      for (JsonNode acl : item.path("acls")) {
        s.acls.put(Json.text(acl, "principal"), Json.text(acl, "permission"));
      }
    }
  }
}
