package io.dbsync.emulator.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;

/**
 * Host discovery documents a workspace serves without authentication.
 *
 * <p>The Java SDK (0.141.0, {@code DatabricksConfig.resolveHostMetadata}) fetches
 * {@code GET /.well-known/databricks-config} while resolving the config, without an Authorization
 * header, and parses {oidc_endpoint, account_id, workspace_id, cloud,
 * token_federation_default_oidc_audiences}; any failure is only logged ("Failed to resolve host
 * metadata ... Falling back to user config"), so PAT auth works either way. From oidc_endpoint it
 * derives the discovery URL {@code <oidc_endpoint>/.well-known/oauth-authorization-server}, which
 * only OAuth credential providers read. A workspace host answers
 * {"oidc_endpoint": "https://host/oidc", "workspace_id": "..."} (TF provider fixtures also show
 * "host_type": "WORKSPACE_HOST"), and the RFC 8414 document under /oidc. {@code cloud} is the
 * emulated cloud as the Go SDK's host-metadata tests spell it ("AWS", "Azure", "GCP").
 *
 * <p>No state: seed is ignored and dump is {}.
 */
public final class MetaFamily implements Family {
  /** The default workspace_id (numeric string like real workspace ids); EmulatorOptions.workspaceId sets another. */
  public static final String WORKSPACE_ID = "1234567890123456";

  private Workspace workspace;

  @Override
  public String name() {
    return "meta";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.workspace = workspace;
    router.add("GET", "/.well-known/databricks-config", name(), this::databricksConfig);
    router.add("GET", "/oidc/.well-known/oauth-authorization-server", name(), this::authorizationServer);
    router.add("GET", "/oidc/.well-known/openid-configuration", name(), this::authorizationServer);
  }

  private Response databricksConfig(Request req) {
    ObjectNode out = Json.object();
    out.put("oidc_endpoint", origin(req) + "/oidc");
    out.put("workspace_id", Long.toString(workspace.options().workspaceId));
    out.put("host_type", "WORKSPACE_HOST");
    out.put("cloud", workspace.cloud().displayName);
    return Response.ok(out);
  }

  private Response authorizationServer(Request req) {
    String oidc = origin(req) + "/oidc";
    ObjectNode out = Json.object();
    out.put("issuer", oidc);
    out.put("authorization_endpoint", oidc + "/v1/authorize");
    out.put("token_endpoint", oidc + "/v1/token");
    out.put("jwks_uri", oidc + "/jwks.json");
    out.putArray("grant_types_supported").add("client_credentials").add("authorization_code").add("refresh_token");
    out.putArray("response_types_supported").add("code").add("id_token");
    out.putArray("response_modes_supported").add("query").add("fragment").add("form_post");
    out.putArray("code_challenge_methods_supported").add("S256");
    out.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post").add("none");
    out.putArray("scopes_supported").add("all-apis").add("offline_access").add("openid").add("profile").add("email");
    out.putArray("subject_types_supported").add("public");
    out.putArray("id_token_signing_alg_values_supported").add("RS256");
    return Response.ok(out);
  }

  /** The scheme and authority the client used (plain http on loopback). */
  private static String origin(Request req) {
    String host = req.header("Host");
    return "http://" + (host == null ? "127.0.0.1" : host);
  }

  @Override
  public JsonNode dump() {
    return Json.object();
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    // stateless: the discovery documents depend only on the host the client connected to
  }
}
