package io.dbsync.emulator.meta;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.oauth.HostMetadata;
import com.databricks.sdk.core.oauth.OpenIDConnectEndpoints;
import com.databricks.sdk.service.iam.MeRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.emulator.Emulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Host discovery documents, parsed with the SDK's own classes, and PAT auth over plain http. */
class MetaApiTest {
  static Emulator emu;

  @BeforeAll
  static void start() throws Exception {
    emu = new Emulator().start();
  }

  @AfterAll
  static void stop() {
    emu.close();
  }

  static String get(String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emu.url() + path))
        .header("Authorization", "Bearer " + emu.token()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  @Test
  void hostMetadataParsesAsTheSdkReadsIt() throws Exception {
    HostMetadata meta = new ObjectMapper().readValue(get("/.well-known/databricks-config"), HostMetadata.class);
    assertEquals(emu.url() + "/oidc", meta.getOidcEndpoint());
    assertEquals(MetaFamily.WORKSPACE_ID, meta.getWorkspaceId());
    assertEquals(null, meta.getAccountId(), "a workspace host names no account");
  }

  @Test
  void oidcDiscoveryDocumentAtTheDerivedUrl() throws Exception {
    // the SDK derives <oidc_endpoint>/.well-known/oauth-authorization-server
    String discovery = URI.create(emu.url() + "/oidc/").resolve(".well-known/oauth-authorization-server").getPath();
    OpenIDConnectEndpoints oidc = new ObjectMapper().readValue(get(discovery), OpenIDConnectEndpoints.class);
    assertEquals(emu.url() + "/oidc/v1/token", oidc.getTokenEndpoint());
    assertEquals(emu.url() + "/oidc/v1/authorize", oidc.getAuthorizationEndpoint());
  }

  @Test
  void patAuthOverPlainHttpWorks() {
    WorkspaceClient w = new WorkspaceClient(new DatabricksConfig().setHost(emu.url()).setToken(emu.token()).setAuthType("pat"));
    assertEquals("admin@example.com", w.currentUser().me(new MeRequest()).getUserName());
  }
}
