package io.dbsync.emulator.settings;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.http.Request;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workspace conf through the SDK. SDK 0.141's WorkspaceConfAPI.getStatus drops the {@code keys}
 * query parameter (it never calls setQuery), so reads go through the SDK's ApiClient directly.
 */
class WorkspaceConfApiTest extends EmulatorSdkTest {

  private Map<String, String> get(String keys) {
    return w.apiClient().getStringMap(new Request("GET", "/api/2.0/workspace-conf").withQueryParam("keys", keys));
  }

  @Test
  void setGetAndReset() {
    w.workspaceConf().setStatus(Map.of("enableIpAccessLists", "TRUE", "maxTokenLifetimeDays", "90",
        "projectsAllowList", "https://github.com/acme"));
    Map<String, String> got = get("enableIpAccessLists,maxTokenLifetimeDays,enableTokensConfig,projectsAllowList");
    assertEquals("true", got.get("enableIpAccessLists"), "booleans are stored in lower case");
    assertEquals("90", got.get("maxTokenLifetimeDays"));
    assertEquals("https://github.com/acme", got.get("projectsAllowList"));
    assertTrue(got.containsKey("enableTokensConfig"));
    assertEquals(null, got.get("enableTokensConfig"), "never set: null");

    w.workspaceConf().setStatus(Map.of("maxTokenLifetimeDays", ""));
    assertEquals(null, get("maxTokenLifetimeDays").get("maxTokenLifetimeDays"), "an empty value resets the key");
    assertTrue(w.workspaceConf().getStatus("enableIpAccessLists").isEmpty(), "SDK 0.141 sends no keys: the answer is {}");
  }

  @Test
  void unknownKeysAndBadValuesAreRejected() throws Exception {
    InvalidParameterValue e = assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> get("enableIpAccessLists,enableFoo,enableBar"));
    assertEquals("Invalid keys: [\"enableFoo\",\"enableBar\"]", e.getMessage());
    Map<String, String> patch = new HashMap<>(Map.of("enableTokensConfig", "true", "enableFoo", "true"));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.workspaceConf().setStatus(patch));
    assertEquals(null, get("enableTokensConfig").get("enableTokensConfig"), "a rejected patch changes nothing");
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.workspaceConf().setStatus(Map.of("enableWebTerminal", "yes")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.workspaceConf().setStatus(Map.of("maxTokenLifetimeDays", "1000")));
    assertEquals(204, raw("PATCH", "/api/2.0/workspace-conf", "{\"enableWebTerminal\": \"false\"}").status());
  }

  @Test
  void seedAndDump() throws Exception {
    try (Emulator seeded = new Emulator()) {
      seeded.seed(Json.parse("{\"workspace-conf\": {\"enableExportNotebook\": \"false\", \"maxUserInactiveDays\": \"45\"}}"));
      assertEquals("{\"enableExportNotebook\":\"false\",\"maxUserInactiveDays\":\"45\"}", seeded.dump().get("workspace-conf").toString());
    }
  }
}
