package io.dbsync.client;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.http.Request;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadOnlyHttpClientTest {
  private static Request post(String path, String body) {
    return new Request(Request.POST, "http://h" + path, body);
  }

  @Test
  void readsPassAndWritesDoNot() {
    assertTrue(ReadOnlyHttpClient.isRead(new Request(Request.GET, "http://h/api/2.0/secrets/list")));
    assertTrue(ReadOnlyHttpClient.isRead(post("/oidc/v1/token", "")));
    assertTrue(ReadOnlyHttpClient.isRead(post("/api/2.0/preview/scim/v2/Users/.search", "{}")));
    assertTrue(ReadOnlyHttpClient.isRead(post("/api/2.0/sql/statements", "{\"statement\": \"  show tables in db\"}")));
    assertTrue(ReadOnlyHttpClient.isRead(post("/api/2.0/sql/statements", "{\"statement\": \"DESCRIBE TABLE EXTENDED x\"}")));
    assertFalse(ReadOnlyHttpClient.isRead(post("/api/2.0/sql/statements", "{\"statement\": \"DROP TABLE x\"}")));
    assertFalse(ReadOnlyHttpClient.isRead(post("/api/2.0/sql/statements", "{\"statement\": \"SHOWDOWN\"}")));
    assertTrue(ReadOnlyHttpClient.isRead(post("/api/1.2/commands/execute", "{\"language\": \"python\", \"command\": \"print(1)\"}")));
    assertTrue(ReadOnlyHttpClient.isRead(post("/api/1.2/commands/execute", "{\"language\": \"sql\", \"command\": \"SHOW GRANTS\"}")));
    assertFalse(ReadOnlyHttpClient.isRead(post("/api/1.2/commands/execute", "{\"language\": \"sql\", \"command\": \"GRANT ALL\"}")));
    assertFalse(ReadOnlyHttpClient.isRead(post("/api/2.0/secrets/scopes/create", "{\"scope\": \"x\"}")));
    assertFalse(ReadOnlyHttpClient.isRead(post("/api/2.1/clusters/start", "{}")));
    assertFalse(ReadOnlyHttpClient.isRead(new Request(Request.PUT, "http://h/api/2.0/permissions/clusters/1", "{}")));
    assertFalse(ReadOnlyHttpClient.isRead(new Request(Request.PATCH, "http://h/api/2.0/preview/scim/v2/Users/1", "{}")));
    assertFalse(ReadOnlyHttpClient.isRead(new Request(Request.DELETE, "http://h/api/2.0/repos/1")));
  }

  @Test
  void aReadOnlyClientRefusesBeforeSendingAndStillCounts() throws Exception {
    try (TestWorkspace ws = TestWorkspace.start()) {
      WorkspaceClient readOnly = Clients.readOnly(ws.client());
      long before = Clients.counter(readOnly).orElseThrow().snapshot().calls();
      Rest.get(readOnly, "/api/2.0/secrets/scopes/list");
      Exception refused = assertThrows(Exception.class,
          () -> Rest.post(readOnly, "/api/2.0/secrets/scopes/create", TfJson.object().put("scope", "x")));
      assertTrue(String.valueOf(refused.getMessage()).contains("read-only run: POST /api/2.0/secrets/scopes/create refused")
          || refused.getCause() instanceof ReadOnlyHttpClient.WriteRefused, String.valueOf(refused));
      assertEquals(0, ws.emulator().requests().writes(), "the write never reached the workspace");
      assertEquals(before + 1, Clients.counter(readOnly).orElseThrow().snapshot().calls(), "the read was counted");
    }
  }
}
