package io.dbsync.client;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.platform.NotFound;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one meaning of "not found", against the emulator's wire format for each kind of answer. */
class RestTest {
  private static TestWorkspace ws;
  private static WorkspaceClient client;

  @BeforeAll
  static void start() {
    ws = TestWorkspace.start();
    client = ws.client();
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  @Test
  void a404IsTheSdksNotFound() throws IOException {
    assertNull(Rest.getOrNull(client, "/api/2.0/workspace/get-status", "path", "/nowhere"));
    DatabricksError e = assertThrows(DatabricksError.class, () -> client.users().get("404404"));
    assertInstanceOf(NotFound.class, e, "SCIM answers 404 without an error code");
    assertTrue(Rest.isNotFound(e));
  }

  @Test
  void theSdksOverrideMapsUnknownClusterGets() throws IOException {
    assertNull(Rest.getOrNull(client, "/api/2.1/clusters/get", "cluster_id", "0000-000000-nothere"));
  }

  @Test
  void theMessageFallbackCoversEndpointsTheSdkDoesNotOverride() throws IOException {
    DatabricksError e = assertThrows(DatabricksError.class, () -> Rest.post(client, "/api/2.1/clusters/permanent-delete",
        TfJson.object().put("cluster_id", "0000-000000-nothere")));
    assertEquals("INVALID_PARAMETER_VALUE", e.getErrorCode());
    assertFalse(e instanceof NotFound, "a 400, not a typed not-found");
    assertTrue(Rest.isNotFound(e));
    Rest.postTolerantOfGone(client, "/api/2.1/clusters/permanent-delete",
        TfJson.object().put("cluster_id", "0000-000000-nothere"));
  }

  @Test
  void otherErrorsAreNotNotFound() throws IOException {
    Rest.post(client, "/api/2.0/secrets/scopes/create", TfJson.object().put("scope", "twice"));
    DatabricksError e = assertThrows(DatabricksError.class,
        () -> Rest.post(client, "/api/2.0/secrets/scopes/create", TfJson.object().put("scope", "twice")));
    assertEquals("RESOURCE_ALREADY_EXISTS", e.getErrorCode());
    assertFalse(Rest.isNotFound(e));
    assertThrows(DatabricksError.class, () -> Rest.postTolerantOfGone(client, "/api/2.0/secrets/scopes/create",
        TfJson.object().put("scope", "twice")), "only a missing object is tolerated");
    assertFalse(Rest.isNotFound(new IOException("disk full")));
  }

  @Test
  void aWrappedApiErrorIsStillRecognised() {
    DatabricksError notFound = assertThrows(DatabricksError.class, () -> client.users().get("404404"));
    assertTrue(Rest.isNotFound(new UncheckedIOException(new IOException("retries exhausted", notFound))));
  }
}
