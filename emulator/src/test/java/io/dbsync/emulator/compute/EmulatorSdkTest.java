package io.dbsync.emulator.compute;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Base of the compute/jobs emulator tests: one emulator per test class, driven through the official
 * Java SDK (and raw HTTP for what the SDK does not call, such as /api/2.0 legacy forms).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EmulatorSdkTest {
  protected Emulator emu;
  protected WorkspaceClient w;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startEmulator() throws Exception {
    emu = new Emulator().start();
    w = new WorkspaceClient(new DatabricksConfig().setHost(emu.url()).setToken(emu.token()).setAuthType("pat"));
  }

  @AfterAll
  void stopEmulator() {
    emu.close();
  }

  /** Asserts the SDK exception class and the wire error_code. */
  protected static <T extends DatabricksError> T assertApiError(Class<T> type, String errorCode, Executable call) {
    T e = assertThrows(type, call);
    assertEquals(errorCode, e.getErrorCode(), e.getMessage());
    return e;
  }

  /** A raw call with the emulator token; returns {status, body}. */
  protected Raw raw(String method, String path, String jsonBody) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emu.url() + path))
        .header("Authorization", "Bearer " + emu.token())
        .header("Content-Type", "application/json");
    b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Raw(r.statusCode(), r.body().isEmpty() ? Json.object() : Json.parse(r.body()));
  }

  protected record Raw(int status, JsonNode body) {}
}
