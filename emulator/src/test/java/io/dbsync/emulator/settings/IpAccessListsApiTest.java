package io.dbsync.emulator.settings;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.settings.CreateIpAccessList;
import com.databricks.sdk.service.settings.IpAccessListInfo;
import com.databricks.sdk.service.settings.ListType;
import com.databricks.sdk.service.settings.ReplaceIpAccessList;
import com.databricks.sdk.service.settings.UpdateIpAccessList;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpAccessListsApiTest extends EmulatorSdkTest {

  @Test
  void createGetUpdateReplaceDelete() {
    IpAccessListInfo created = w.ipAccessLists().create(new CreateIpAccessList().setLabel("office").setListType(ListType.ALLOW)
        .setIpAddresses(List.of("10.0.0.1", "192.168.0.0/16"))).getIpAccessList();
    assertEquals(2L, created.getAddressCount());
    assertEquals(true, created.getEnabled());
    assertTrue(created.getCreatedAt() > 0);
    String id = created.getListId();
    assertEquals("office", w.ipAccessLists().get(id).getIpAccessList().getLabel());

    w.ipAccessLists().update(new UpdateIpAccessList().setIpAccessListId(id).setEnabled(false));
    IpAccessListInfo updated = w.ipAccessLists().get(id).getIpAccessList();
    assertEquals(false, updated.getEnabled());
    assertEquals(List.of("10.0.0.1", "192.168.0.0/16"), List.copyOf(updated.getIpAddresses()), "PATCH keeps what it does not name");

    w.ipAccessLists().replace(new ReplaceIpAccessList().setIpAccessListId(id).setLabel("vpn").setListType(ListType.BLOCK)
        .setEnabled(true).setIpAddresses(List.of("1.2.3.4")));
    IpAccessListInfo replaced = w.ipAccessLists().get(id).getIpAccessList();
    assertEquals("vpn", replaced.getLabel());
    assertEquals(ListType.BLOCK, replaced.getListType());
    assertEquals(1L, replaced.getAddressCount());
    assertTrue(StreamSupport.stream(w.ipAccessLists().list().spliterator(), false).anyMatch(l -> l.getListId().equals(id)));

    w.ipAccessLists().delete(id);
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.ipAccessLists().get(id));
  }

  @Test
  void errorsAndQuota() throws Exception {
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.ipAccessLists().create(
        new CreateIpAccessList().setListType(ListType.ALLOW).setIpAddresses(List.of("1.1.1.1"))));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.ipAccessLists().create(
        new CreateIpAccessList().setLabel("x").setListType(ListType.ALLOW).setIpAddresses(List.of("300.1.1.1"))));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.ipAccessLists().create(
        new CreateIpAccessList().setLabel("x").setListType(ListType.ALLOW).setIpAddresses(List.of("10.0.0.0/33"))));
    String id = w.ipAccessLists().create(new CreateIpAccessList().setLabel("r").setListType(ListType.ALLOW)).getIpAccessList().getListId();
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.ipAccessLists().replace(
        new ReplaceIpAccessList().setIpAccessListId(id).setLabel("r").setListType(ListType.ALLOW)));

    try (Emulator fresh = new Emulator().start()) {
      List<String> many = new ArrayList<>();
      for (int i = 0; i < IpAccessListsFamily.MAX_VALUES; i++) {
        many.add("10.1." + (i / 250) + "." + (i % 250));
      }
      String body = Json.MAPPER.writeValueAsString(java.util.Map.of("label", "big", "list_type", "ALLOW", "ip_addresses", many));
      var http = java.net.http.HttpClient.newHttpClient();
      var ok = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(fresh.url() + "/api/2.0/ip-access-lists"))
          .header("Authorization", "Bearer t").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ok.statusCode());
      var over = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(fresh.url() + "/api/2.0/ip-access-lists"))
          .header("Authorization", "Bearer t").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
              "{\"label\": \"one\", \"list_type\": \"BLOCK\", \"ip_addresses\": [\"8.8.8.8\"]}")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(400, over.statusCode());
      assertEquals("QUOTA_EXCEEDED", Json.parse(over.body()).get("error_code").asText());
    }
  }

  @Test
  void seedAndDump() throws Exception {
    try (Emulator seeded = new Emulator()) {
      seeded.seed(Json.parse("""
          {"ip-access-lists": [{"list_id": "l1", "label": "a", "list_type": "BLOCK", "ip_addresses": ["1.2.3.4"], "enabled": false}]}"""));
      var l = seeded.dump().get("ip-access-lists").get(0);
      assertEquals("l1", l.get("list_id").asText());
      assertEquals(false, l.get("enabled").asBoolean());
      assertEquals(1, l.get("address_count").asInt());
    }
  }
}
