package io.dbsync.emulator.oauth;

import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.auth.Credentials;
import io.dbsync.emulator.auth.Principal;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.scim.ScimFamily;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /oidc/v1/token}, the client_credentials grant of OAuth M2M (RFC 6749 §4.4) as the
 * Java SDK's {@code oauth-m2m} auth type calls it: a form body {@code grant_type=client_credentials&
 * scope=all-apis} with the client id and secret in HTTP Basic ({@code client_secret_basic}) or in
 * the form ({@code client_secret_post}). The client id is a service principal's applicationId; the
 * secret one of its OAuth secrets. Errors use the OAuth body {@code {error, error_description}}.
 */
final class TokenEndpoint {
  /** Lifetime of an access token, as real workspaces issue them (one hour). */
  static final long EXPIRES_IN_SECONDS = 3600;
  private static final Set<String> SCOPES = Set.of("all-apis");

  private final Workspace ws;
  private final ServicePrincipalSecrets secrets;

  TokenEndpoint(Workspace ws, ServicePrincipalSecrets secrets) {
    this.ws = ws;
    this.secrets = secrets;
  }

  Response token(Request req) {
    Map<String, List<String>> form = req.form();
    String grant = first(form, "grant_type");
    if (grant == null) {
      return error(400, "invalid_request", "Missing grant_type");
    }
    if (!grant.equals("client_credentials")) {
      return error(400, "unsupported_grant_type", "Unsupported grant_type: " + grant);
    }
    String[] client = clientCredentials(req, form);
    if (client == null) {
      return error(401, "invalid_client", "Client authentication failed");
    }
    Principal sp = Principal.servicePrincipal(client[0]);
    if (!ws.family(ScimFamily.class).isActive(sp) || !secrets.verify(client[0], client[1], ws.now())) {
      return error(401, "invalid_client", "Client authentication failed");
    }
    String scope = first(form, "scope");
    String granted = scope == null || scope.isBlank() ? "all-apis" : scope.trim();
    for (String s : granted.split("\\s+")) {
      if (!SCOPES.contains(s)) {
        return error(400, "invalid_scope", "Invalid scope: " + s);
      }
    }
    // real access tokens are JWTs; clients treat them as opaque, so an opaque random value will do
    String token = ws.uuid().replace("-", "") + ws.uuid().replace("-", "");
    ws.credentials().issue(token, sp, Credentials.Source.OAUTH, ws.now(), EXPIRES_IN_SECONDS * 1000, null);
    return Response.ok(Json.object().put("access_token", token).put("token_type", "Bearer")
        .put("expires_in", EXPIRES_IN_SECONDS).put("scope", granted))
        .header("Cache-Control", "no-store");
  }

  /** {id, secret} from HTTP Basic, else from the form; null when either is missing. */
  private static String[] clientCredentials(Request req, Map<String, List<String>> form) {
    String auth = req.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
      int colon = decoded.indexOf(':');
      return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
    String id = first(form, "client_id");
    String secret = first(form, "client_secret");
    return id == null || secret == null ? null : new String[] {id, secret};
  }

  private static String first(Map<String, List<String>> form, String key) {
    List<String> v = form.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The OAuth 2.0 error response (RFC 6749 §5.2). */
  static Response error(int status, String code, String description) {
    Response r = Response.status(status, Json.object().put("error", code).put("error_description", description));
    return status == 401 ? r.header("WWW-Authenticate", "Basic realm=\"oidc\"") : r;
  }
}
