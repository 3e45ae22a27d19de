package io.dbsync.emulator.compute;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.compute.GlobalInitScriptCreateRequest;
import com.databricks.sdk.service.compute.GlobalInitScriptDetails;
import com.databricks.sdk.service.compute.GlobalInitScriptDetailsWithContent;
import com.databricks.sdk.service.compute.GlobalInitScriptUpdateRequest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobalInitScriptsApiTest extends EmulatorSdkTest {
  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private String create(String name, Long position, boolean enabled) {
    return w.globalInitScripts().create(new GlobalInitScriptCreateRequest().setName(name)
        .setScript(b64("#!/bin/sh\necho " + name + "\n")).setPosition(position).setEnabled(enabled)).getScriptId();
  }

  private List<String> order() {
    return StreamSupport.stream(w.globalInitScripts().list().spliterator(), false)
        .map(GlobalInitScriptDetails::getName).toList();
  }

  @Test
  void positionsShiftAndListOmitsTheScript() throws Exception {
    String a = create("a", null, true);
    create("b", null, false);
    create("c", 99L, false);
    create("first", 0L, true);
    assertEquals(List.of("first", "a", "b", "c"), order());
    List<GlobalInitScriptDetails> listed = StreamSupport.stream(w.globalInitScripts().list().spliterator(), false).toList();
    for (int i = 0; i < listed.size(); i++) {
      assertEquals(i, listed.get(i).getPosition());
    }
    JsonNode raw = raw("GET", "/api/2.0/global-init-scripts", null).body();
    for (JsonNode s : raw.get("scripts")) {
      assertFalse(s.has("script"), "list has no script body");
    }

    GlobalInitScriptDetailsWithContent got = w.globalInitScripts().get(a);
    assertEquals("a", got.getName());
    assertEquals(b64("#!/bin/sh\necho a\n"), got.getScript());
    assertEquals(1L, got.getPosition());
    assertTrue(got.getEnabled());
    assertEquals("admin@example.com", got.getCreatedBy());
    assertTrue(got.getCreatedAt() > 1_600_000_000_000L);

    w.globalInitScripts().update(new GlobalInitScriptUpdateRequest().setScriptId(a).setName("a2")
        .setScript(b64("echo a2")).setPosition(3L));
    assertEquals(List.of("first", "b", "c", "a2"), order());
    GlobalInitScriptDetailsWithContent updated = w.globalInitScripts().get(a);
    assertEquals(b64("echo a2"), updated.getScript());
    assertTrue(updated.getEnabled(), "unspecified fields keep their value");

    w.globalInitScripts().delete(a);
    assertEquals(List.of("first", "b", "c"), order());
    assertEquals(2L, StreamSupport.stream(w.globalInitScripts().list().spliterator(), false)
        .filter(s -> s.getName().equals("c")).findFirst().orElseThrow().getPosition());
  }

  @Test
  void errors() {
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.globalInitScripts().get("0123456789ABCDEF"));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.globalInitScripts().delete("0123456789ABCDEF"));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.globalInitScripts().create(
        new GlobalInitScriptCreateRequest().setName("bad").setScript("not base64 !!")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.globalInitScripts().create(
        new GlobalInitScriptCreateRequest().setName("big").setScript(Base64.getEncoder().encodeToString(new byte[70_000]))));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.globalInitScripts().create(
        new GlobalInitScriptCreateRequest().setScript(b64("echo"))));
  }
}
