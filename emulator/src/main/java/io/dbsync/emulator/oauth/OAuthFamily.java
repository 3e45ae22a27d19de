package io.dbsync.emulator.oauth;

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

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OAuth M2M for service principals: the token endpoint ({@link TokenEndpoint}) and the
 * workspace-level service principal secrets API the Java SDK exposes as
 * {@code WorkspaceClient.servicePrincipalSecretsProxy()}:
 * {@code POST|GET /api/2.0/accounts/servicePrincipals/{service_principal_id}/credentials/secrets}
 * and {@code DELETE .../secrets/{secret_id}}, where the id is the service principal's SCIM id (not
 * its applicationId). Only workspace admins manage secrets. The discovery document pointing at the
 * token endpoint is served by the meta family.
 *
 * <p>Seed format (key {@code "oauth"}): {@code {service_principal_secrets: [{application_id,
 * secret, lifetime_seconds?}]}}; the service principal must exist (seed it under scim).
 * {@link #dump()} returns the same shape plus each secret's id, status and times.
 */
public final class OAuthFamily implements Family {
  private static final String SECRETS = "/api/2.0/accounts/servicePrincipals/{service_principal_id}/credentials/secrets";
  private static final Pattern LIFETIME = Pattern.compile("^(\\d+)s$");

  private final ServicePrincipalSecrets secrets = new ServicePrincipalSecrets();
  private Workspace ws;

  @Override
  public String name() {
    return "oauth";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    this.ws = workspace;
    router.add("POST", "/oidc/v1/token", name(), new TokenEndpoint(workspace, secrets)::token);
    router.add("POST", SECRETS, name(), this::create);
    router.add("GET", SECRETS, name(), this::list);
    router.add("DELETE", SECRETS + "/{secret_id}", name(), this::delete);
  }

  private Response create(Request req) {
    String client = servicePrincipal(req);
    long lifetime = lifetimeSeconds(Json.text(req.json(), "lifetime"));
    if (secrets.of(client).size() >= ServicePrincipalSecrets.MAX_PER_PRINCIPAL) {
      throw ApiException.badRequest("RESOURCE_LIMIT_EXCEEDED", "A service principal can have at most "
          + ServicePrincipalSecrets.MAX_PER_PRINCIPAL + " OAuth secrets.");
    }
    ServicePrincipalSecrets.Secret s = secrets.add(client, Long.toString(ws.nextId()),
        "dose" + ws.uuid().replace("-", ""), ws.now(), lifetime);
    ObjectNode out = ServicePrincipalSecrets.info(s, ws.now());
    out.put("secret", s.value());
    return Response.ok(out);
  }

  private Response list(Request req) {
    ArrayNode arr = Json.array();
    secrets.of(servicePrincipal(req)).forEach(s -> arr.add(ServicePrincipalSecrets.info(s, ws.now())));
    ObjectNode out = Json.object();
    if (!arr.isEmpty()) {
      out.set("secrets", arr);
    }
    return Response.ok(out);
  }

  private Response delete(Request req) {
    String client = servicePrincipal(req);
    String id = req.pathParam("secret_id");
    if (!secrets.remove(client, id)) {
      throw ApiException.notFound("Secret " + id + " does not exist.");
    }
    return Response.empty();
  }

  /** The applicationId behind the path's SCIM id, after checking the caller may manage its secrets. */
  private String servicePrincipal(Request req) {
    ScimFamily scim = ws.family(ScimFamily.class);
    if (!scim.isWorkspaceAdmin(req.caller())) {
      throw new ApiException(403, "PERMISSION_DENIED", "Only workspace admins can manage service principal secrets.");
    }
    String id = req.pathParam("service_principal_id");
    String app = scim.servicePrincipalApplicationId(id);
    if (app == null) {
      throw ApiException.notFound("Service principal " + id + " does not exist.");
    }
    return app;
  }

  private static long lifetimeSeconds(String lifetime) {
    if (lifetime == null || lifetime.isEmpty()) {
      return ServicePrincipalSecrets.DEFAULT_LIFETIME_SECONDS;
    }
    Matcher m = LIFETIME.matcher(lifetime);
    if (!m.matches() || Long.parseLong(m.group(1)) <= 0) {
      throw ApiException.invalidParameter("Invalid lifetime " + lifetime + ": expected a duration in seconds such as 3600s");
    }
    return Long.parseLong(m.group(1));
  }

  @Override
  public JsonNode dump() {
    ObjectNode out = Json.object();
    ArrayNode arr = out.putArray("service_principal_secrets");
    secrets.all().forEach((client, list) -> {
      for (ServicePrincipalSecrets.Secret s : list) {
        ObjectNode o = ServicePrincipalSecrets.info(s, ws.now());
        o.put("application_id", client);
        o.put("secret", s.value());
        arr.add(o);
      }
    });
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    ScimFamily scim = workspace.family(ScimFamily.class);
    for (JsonNode item : seed.path("service_principal_secrets")) {
      String app = Json.text(item, "application_id");
      String secret = Json.text(item, "secret");
      if (app == null || secret == null || !scim.servicePrincipalExists(app)) {
        throw new IllegalArgumentException("oauth seed: need application_id of a seeded service principal and secret in " + item);
      }
      boolean known = secrets.of(app).stream().anyMatch(s -> s.value().equals(secret));
      if (!known) {
        long lifetime = item.path("lifetime_seconds").asLong(ServicePrincipalSecrets.DEFAULT_LIFETIME_SECONDS);
        secrets.add(app, Json.text(item, "id") != null ? Json.text(item, "id") : Long.toString(workspace.nextId()),
            secret, workspace.now(), lifetime);
      }
    }
  }
}
