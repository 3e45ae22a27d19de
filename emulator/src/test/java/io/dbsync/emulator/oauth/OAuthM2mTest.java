package io.dbsync.emulator.oauth;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.oauth2.CreateServicePrincipalSecretRequest;
import com.databricks.sdk.service.oauth2.CreateServicePrincipalSecretResponse;
import com.databricks.sdk.service.oauth2.DeleteServicePrincipalSecretRequest;
import com.databricks.sdk.service.oauth2.ListServicePrincipalSecretsRequest;
import com.databricks.sdk.service.oauth2.SecretInfo;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OAuth M2M end to end: the SDK's oauth-m2m auth type against the token endpoint and SP secrets API. */
class OAuthM2mTest {
  static Emulator emu;
  static WorkspaceClient admin;

  @BeforeAll
  static void start() throws Exception {
    emu = new Emulator().start();
    admin = new WorkspaceClient(new DatabricksConfig().setHost(emu.url()).setToken(emu.token()).setAuthType("pat"));
  }

  @AfterAll
  static void stop() {
    emu.close();
  }

  private static ServicePrincipal newServicePrincipal(String name) {
    return admin.servicePrincipals().create(new ServicePrincipal().setDisplayName(name));
  }

  private static CreateServicePrincipalSecretResponse newSecret(ServicePrincipal sp) {
    return admin.servicePrincipalSecretsProxy().create(new CreateServicePrincipalSecretRequest().setServicePrincipalId(sp.getId()));
  }

  private static WorkspaceClient m2m(String clientId, String clientSecret) {
    return new WorkspaceClient(new DatabricksConfig().setHost(emu.url()).setClientId(clientId).setClientSecret(clientSecret));
  }

  @Test
  void clientCredentialsAuthenticateAsTheServicePrincipal() {
    ServicePrincipal sp = newServicePrincipal("ci-bot");
    CreateServicePrincipalSecretResponse secret = newSecret(sp);
    assertTrue(secret.getSecret().startsWith("dose"), secret.getSecret());
    assertEquals("ACTIVE", secret.getStatus());

    WorkspaceClient bot = m2m(sp.getApplicationId(), secret.getSecret());
    User me = bot.currentUser().me(new MeRequest());
    assertEquals("oauth-m2m", bot.config().getAuthType());
    assertEquals(sp.getApplicationId(), me.getUserName());
    assertEquals(sp.getId(), me.getId());
    assertEquals("ci-bot", me.getDisplayName());
    assertEquals("admin@example.com", admin.currentUser().me(new MeRequest()).getUserName(), "the default token stays the admin");
  }

  @Test
  void wrongSecretFailsWithTheSdksError() {
    ServicePrincipal sp = newServicePrincipal("wrong-secret-bot");
    newSecret(sp);
    DatabricksException e = assertThrows(DatabricksException.class, () -> m2m(sp.getApplicationId(), "dose-not-it").currentUser().me(new MeRequest()));
    assertTrue(fullMessage(e).contains("invalid_client"), fullMessage(e));
    DatabricksException unknown = assertThrows(DatabricksException.class, () -> m2m("no-such-client", "x").currentUser().me(new MeRequest()));
    assertTrue(fullMessage(unknown).contains("invalid_client"), fullMessage(unknown));
  }

  @Test
  void tokenEndpointSpeaksOAuthOnTheWire() throws Exception {
    ServicePrincipal sp = newServicePrincipal("wire-bot");
    String secret = newSecret(sp).getSecret();

    HttpResponse<String> basic = tokenRequest("grant_type=client_credentials&scope=all-apis",
        "Basic " + Base64.getEncoder().encodeToString((sp.getApplicationId() + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    assertEquals(200, basic.statusCode(), basic.body());
    JsonNode token = Json.parse(basic.body());
    assertEquals("Bearer", token.get("token_type").asText());
    assertEquals(3600, token.get("expires_in").asInt());
    assertFalse(token.get("access_token").asText().isEmpty());

    HttpResponse<String> post = tokenRequest("grant_type=client_credentials&scope=all-apis&client_id="
        + sp.getApplicationId() + "&client_secret=" + secret, null);
    assertEquals(200, post.statusCode(), post.body());

    HttpResponse<String> wrong = tokenRequest("grant_type=client_credentials&scope=all-apis&client_id="
        + sp.getApplicationId() + "&client_secret=nope", null);
    assertEquals(401, wrong.statusCode());
    assertEquals("invalid_client", Json.parse(wrong.body()).get("error").asText());
    assertTrue(Json.parse(wrong.body()).has("error_description"));

    HttpResponse<String> grant = tokenRequest("grant_type=password&client_id=" + sp.getApplicationId()
        + "&client_secret=" + secret, null);
    assertEquals(400, grant.statusCode());
    assertEquals("unsupported_grant_type", Json.parse(grant.body()).get("error").asText());

    HttpResponse<String> scope = tokenRequest("grant_type=client_credentials&scope=sql&client_id="
        + sp.getApplicationId() + "&client_secret=" + secret, null);
    assertEquals(400, scope.statusCode());
    assertEquals("invalid_scope", Json.parse(scope.body()).get("error").asText());

    HttpResponse<String> discovery = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(emu.url() + "/oidc/.well-known/oauth-authorization-server")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(emu.url() + "/oidc/v1/token", Json.parse(discovery.body()).get("token_endpoint").asText());
    assertEquals(emu.url() + "/oidc/v1/authorize", Json.parse(discovery.body()).get("authorization_endpoint").asText());
  }

  @Test
  void secretsAreListedWithoutValuesAndDeletingOneRevokesIt() {
    ServicePrincipal sp = newServicePrincipal("rotating-bot");
    CreateServicePrincipalSecretResponse first = newSecret(sp);
    CreateServicePrincipalSecretResponse second = admin.servicePrincipalSecretsProxy().create(
        new CreateServicePrincipalSecretRequest().setServicePrincipalId(sp.getId()).setLifetime("3600s"));
    List<SecretInfo> listed = StreamSupport.stream(admin.servicePrincipalSecretsProxy()
        .list(new ListServicePrincipalSecretsRequest().setServicePrincipalId(sp.getId())).spliterator(), false).toList();
    assertEquals(List.of(first.getId(), second.getId()), listed.stream().map(SecretInfo::getId).toList());
    assertTrue(listed.stream().allMatch(s -> s.getSecretHash() != null && "ACTIVE".equals(s.getStatus())));
    assertTrue(second.getExpireTime().compareTo(first.getExpireTime()) < 0, "a 3600s secret expires before a 730-day one");

    admin.servicePrincipalSecretsProxy().delete(new DeleteServicePrincipalSecretRequest()
        .setServicePrincipalId(sp.getId()).setSecretId(first.getId()));
    assertThrows(DatabricksException.class, () -> m2m(sp.getApplicationId(), first.getSecret()).currentUser().me(new MeRequest()));
    assertEquals(sp.getApplicationId(), m2m(sp.getApplicationId(), second.getSecret()).currentUser().me(new MeRequest()).getUserName());
    assertThrows(ResourceDoesNotExist.class, () -> admin.servicePrincipalSecretsProxy().delete(
        new DeleteServicePrincipalSecretRequest().setServicePrincipalId(sp.getId()).setSecretId(first.getId())));
    assertThrows(ResourceDoesNotExist.class, () -> admin.servicePrincipalSecretsProxy().create(
        new CreateServicePrincipalSecretRequest().setServicePrincipalId("999")));
  }

  @Test
  void onlyAdminsManageSecretsAndDeletedPrincipalsLoseTheirTokens() {
    ServicePrincipal sp = newServicePrincipal("plain-bot");
    WorkspaceClient bot = m2m(sp.getApplicationId(), newSecret(sp).getSecret());
    bot.currentUser().me(new MeRequest());
    PermissionDenied denied = assertThrows(PermissionDenied.class, () -> bot.servicePrincipalSecretsProxy().create(
        new CreateServicePrincipalSecretRequest().setServicePrincipalId(sp.getId())));
    assertEquals("PERMISSION_DENIED", denied.getErrorCode());

    admin.servicePrincipals().delete(sp.getId());
    assertThrows(DatabricksException.class, () -> bot.currentUser().me(new MeRequest()));
  }

  @Test
  void seededSecretsWork() {
    emu.seed(Json.parse("""
        {"scim": {"service_principals": [{"applicationId": "00000000-0000-0000-0000-00000000abcd", "displayName": "seeded"}]},
         "oauth": {"service_principal_secrets": [{"application_id": "00000000-0000-0000-0000-00000000abcd", "secret": "dose-seeded"}]}}
        """));
    assertEquals("seeded", m2m("00000000-0000-0000-0000-00000000abcd", "dose-seeded").currentUser().me(new MeRequest()).getDisplayName());
    JsonNode dumped = emu.dump().get("oauth").get("service_principal_secrets");
    assertTrue(dumped.toString().contains("dose-seeded"));
    assertNull(emu.dump().get("oauth").get("access_tokens"), "access tokens are not part of the state");
  }

  private static HttpResponse<String> tokenRequest(String form, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emu.url() + "/oidc/v1/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String fullMessage(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append(" | ");
    }
    return sb.toString();
  }
}
