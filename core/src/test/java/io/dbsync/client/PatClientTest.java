package io.dbsync.client;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DefaultCredentialsProvider;
import com.databricks.sdk.core.PatCredentialsProvider;
import io.dbsync.emulator.Emulator;
import io.dbsync.testing.WorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A client authenticated by a token uses it directly: it does not build the SDK's default chain,
 * whose OIDC endpoint lookup costs a request per client (and ~9 s of retries against a host that
 * cannot be reached before the run can say so). Other auth types keep the chain.
 */
class PatClientTest {
  static final String OIDC = "GET /oidc/.well-known/oauth-authorization-server";

  @RegisterExtension
  static final WorkspaceExtension WS = new WorkspaceExtension();

  @TempDir
  Path tmp;

  @Test
  void aHostAndTokenClientSendsOnlyItsOwnRequests() {
    Emulator e = WS.workspace().emulator();
    e.requests().reset();
    WorkspaceClient c = Clients.forHost(e.url(), e.token());
    c.currentUser().me(new com.databricks.sdk.service.iam.MeRequest());
    assertEquals(0, e.requests().route(OIDC), "no OIDC endpoint lookup");
    assertEquals(1, e.requests().route("GET /api/2.0/preview/scim/v2/Me"));
  }

  @Test
  void aProfileWithATokenAuthenticatesWithIt() throws Exception {
    Emulator e = WS.workspace().emulator();
    Path cfg = tmp.resolve(".databrickscfg");
    Files.writeString(cfg, "[ws]\nhost = " + e.url() + "\ntoken = " + e.token() + "\n");
    e.requests().reset();
    WorkspaceClient c = Clients.forConfig(Clients.resolve("ws", cfg.toString()));
    c.currentUser().me(new com.databricks.sdk.service.iam.MeRequest());
    assertInstanceOf(PatCredentialsProvider.class, c.config().getCredentialsProvider());
    assertEquals(0, e.requests().route(OIDC), "no OIDC endpoint lookup");
  }

  @Test
  void otherAuthTypesKeepTheSdksChain() {
    DatabricksConfig m2m = new DatabricksConfig().setHost("https://example.cloud.databricks.com")
        .setClientId("id").setClientSecret("secret").setAuthType("oauth-m2m");
    Clients.patWithoutTheChain(m2m);
    assertInstanceOf(DefaultCredentialsProvider.class, m2m.getCredentialsProvider());

    DatabricksConfig tokenButBasic = new DatabricksConfig().setHost("https://example.cloud.databricks.com")
        .setToken("t").setAuthType("basic");
    Clients.patWithoutTheChain(tokenButBasic);
    assertInstanceOf(DefaultCredentialsProvider.class, tokenButBasic.getCredentialsProvider());

    DatabricksConfig token = new DatabricksConfig().setHost("https://example.cloud.databricks.com").setToken("t");
    Clients.patWithoutTheChain(token);
    assertInstanceOf(PatCredentialsProvider.class, token.getCredentialsProvider());
  }
}
