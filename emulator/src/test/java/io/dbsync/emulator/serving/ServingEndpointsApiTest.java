package io.dbsync.emulator.serving;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.serving.AiGatewayConfig;
import com.databricks.sdk.service.serving.AiGatewayRateLimit;
import com.databricks.sdk.service.serving.AiGatewayRateLimitKey;
import com.databricks.sdk.service.serving.AiGatewayRateLimitRenewalPeriod;
import com.databricks.sdk.service.serving.CreateServingEndpoint;
import com.databricks.sdk.service.serving.EndpointCoreConfigInput;
import com.databricks.sdk.service.serving.EndpointStateConfigUpdate;
import com.databricks.sdk.service.serving.EndpointStateReady;
import com.databricks.sdk.service.serving.EndpointTag;
import com.databricks.sdk.service.serving.ExternalModel;
import com.databricks.sdk.service.serving.ExternalModelProvider;
import com.databricks.sdk.service.serving.OpenAiConfig;
import com.databricks.sdk.service.serving.PatchServingEndpointTags;
import com.databricks.sdk.service.serving.PutAiGatewayRequest;
import com.databricks.sdk.service.serving.PutRequest;
import com.databricks.sdk.service.serving.RateLimit;
import com.databricks.sdk.service.serving.RateLimitKey;
import com.databricks.sdk.service.serving.RateLimitRenewalPeriod;
import com.databricks.sdk.service.serving.Route;
import com.databricks.sdk.service.serving.ServedEntityInput;
import com.databricks.sdk.service.serving.ServedEntityOutput;
import com.databricks.sdk.service.serving.ServingEndpoint;
import com.databricks.sdk.service.serving.ServingEndpointAccessControlRequest;
import com.databricks.sdk.service.serving.ServingEndpointDetailed;
import com.databricks.sdk.service.serving.ServingEndpointPermissionLevel;
import com.databricks.sdk.service.serving.ServingEndpointPermissions;
import com.databricks.sdk.service.serving.ServingEndpointPermissionsRequest;
import com.databricks.sdk.service.serving.TrafficConfig;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServingEndpointsApiTest extends EmulatorSdkTest {

  private static ServedEntityInput model(String name, String version) {
    return new ServedEntityInput().setEntityName(name).setEntityVersion(version).setWorkloadSize("Small").setScaleToZeroEnabled(true);
  }

  @Test
  void createGetUpdateConfigGatewayTagsDelete() throws Exception {
    ServingEndpointDetailed e = w.servingEndpoints().create(new CreateServingEndpoint().setName("churn-ep")
        .setConfig(new EndpointCoreConfigInput().setServedEntities(List.of(model("churn", "1"))))
        .setTags(List.of(new EndpointTag().setKey("team").setValue("ml")))).get();
    assertEquals(EndpointStateConfigUpdate.NOT_UPDATING, e.getState().getConfigUpdate());
    assertEquals(EndpointStateReady.READY, e.getState().getReady());
    assertEquals(32, e.getId().length());
    ServedEntityOutput served = e.getConfig().getServedEntities().iterator().next();
    assertEquals("churn-1", served.getName(), "entity_name-entity_version by default");
    assertEquals(emu.workspace().adminUser(), served.getCreator());
    Route route = e.getConfig().getTrafficConfig().getRoutes().iterator().next();
    assertEquals(100L, route.getTrafficPercentage());
    assertEquals("churn-1", route.getServedModelName());
    assertEquals(1L, e.getConfig().getConfigVersion());

    ServingEndpointDetailed v2 = w.servingEndpoints().updateConfig(new EndpointCoreConfigInput().setName("churn-ep")
        .setServedEntities(List.of(model("churn", "1").setName("a"), model("churn", "2").setName("b")))
        .setTrafficConfig(new TrafficConfig().setRoutes(List.of(new Route().setServedModelName("a").setTrafficPercentage(80L),
            new Route().setServedModelName("b").setTrafficPercentage(20L))))).get();
    assertEquals(2L, v2.getConfig().getConfigVersion());
    assertEquals(List.of("a", "b"), v2.getConfig().getServedEntities().stream().map(ServedEntityOutput::getName).toList());
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.servingEndpoints().updateConfig(
        new EndpointCoreConfigInput().setName("churn-ep").setServedEntities(List.of(model("churn", "1").setName("a")))
            .setTrafficConfig(new TrafficConfig().setRoutes(List.of(new Route().setServedModelName("a").setTrafficPercentage(50L))))));

    w.servingEndpoints().putAiGateway(new PutAiGatewayRequest().setName("churn-ep").setRateLimits(List.of(new AiGatewayRateLimit()
        .setCalls(100L).setKey(AiGatewayRateLimitKey.USER).setRenewalPeriod(AiGatewayRateLimitRenewalPeriod.MINUTE))));
    AiGatewayConfig gw = w.servingEndpoints().get("churn-ep").getAiGateway();
    assertEquals(100L, gw.getRateLimits().iterator().next().getCalls());
    assertEquals(1, w.servingEndpoints().put(new PutRequest().setName("churn-ep").setRateLimits(List.of(new RateLimit().setCalls(10L)
        .setKey(RateLimitKey.ENDPOINT).setRenewalPeriod(RateLimitRenewalPeriod.MINUTE)))).getRateLimits().size());

    var tags = w.servingEndpoints().patch(new PatchServingEndpointTags().setName("churn-ep")
        .setAddTags(List.of(new EndpointTag().setKey("tier").setValue("gold"))).setDeleteTags(List.of("team"))).getTags();
    assertEquals(List.of("tier"), tags.stream().map(EndpointTag::getKey).toList());
    assertEquals(List.of("tier"), w.servingEndpoints().get("churn-ep").getTags().stream().map(EndpointTag::getKey).toList());

    ServingEndpoint listed = StreamSupport.stream(w.servingEndpoints().list().spliterator(), false)
        .filter(x -> x.getName().equals("churn-ep")).findFirst().orElseThrow();
    assertEquals("2", listed.getConfig().getServedEntities().stream().filter(s -> s.getName().equals("b")).findFirst()
        .orElseThrow().getEntityVersion());

    w.servingEndpoints().delete("churn-ep");
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.servingEndpoints().get("churn-ep"));
  }

  @Test
  void externalModelSecretsAreWriteOnly() throws Exception {
    ServingEndpointDetailed e = w.servingEndpoints().create(new CreateServingEndpoint().setName("chat")
        .setConfig(new EndpointCoreConfigInput().setServedEntities(List.of(new ServedEntityInput().setExternalModel(
            new ExternalModel().setName("gpt-4o:mini").setProvider(ExternalModelProvider.OPENAI).setTask("llm/v1/chat")
                .setOpenaiConfig(new OpenAiConfig().setOpenaiApiKeyPlaintext("sk-secret"))))))).get();
    ServedEntityOutput served = e.getConfig().getServedEntities().iterator().next();
    assertEquals("gpt-4o-mini", served.getName());
    assertNull(served.getExternalModel().getOpenaiConfig().getOpenaiApiKeyPlaintext());
    assertEquals("llm/v1/chat", e.getTask());
    assertFalse(raw("GET", "/api/2.0/serving-endpoints/chat", null).body().toString().contains("sk-secret"));
  }

  @Test
  void errors() throws Exception {
    w.servingEndpoints().create(new CreateServingEndpoint().setName("taken")
        .setConfig(new EndpointCoreConfigInput().setServedEntities(List.of(model("m", "1"))))).get();
    assertApiError(ResourceAlreadyExists.class, "RESOURCE_ALREADY_EXISTS", () -> w.servingEndpoints().create(
        new CreateServingEndpoint().setName("taken").setConfig(new EndpointCoreConfigInput().setServedEntities(List.of(model("m", "1"))))));
    assertEquals(409, raw("POST", "/api/2.0/serving-endpoints", "{\"name\": \"taken\"}").status());
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.servingEndpoints().create(
        new CreateServingEndpoint().setName("bad name!")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.servingEndpoints().create(
        new CreateServingEndpoint().setName("dup-entities").setConfig(new EndpointCoreConfigInput()
            .setServedEntities(List.of(model("m", "1"), model("m", "1"))))));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.servingEndpoints().get("nope"));
  }

  @Test
  void permissionsByIdAndSeed() throws Exception {
    w.groups().create(new Group().setDisplayName("callers"));
    String id = w.servingEndpoints().create(new CreateServingEndpoint().setName("perm-ep")
        .setConfig(new EndpointCoreConfigInput().setServedEntities(List.of(model("m", "3"))))).get().getId();
    ServingEndpointPermissions p = w.servingEndpoints().setPermissions(new ServingEndpointPermissionsRequest().setServingEndpointId(id)
        .setAccessControlList(List.of(new ServingEndpointAccessControlRequest().setGroupName("callers")
            .setPermissionLevel(ServingEndpointPermissionLevel.CAN_QUERY))));
    assertEquals("serving-endpoint", p.getObjectType());
    assertEquals("/serving-endpoints/" + id, p.getObjectId());
    assertTrue(w.servingEndpoints().getPermissionLevels(id).getPermissionLevels().stream()
        .anyMatch(l -> l.getPermissionLevel() == ServingEndpointPermissionLevel.CAN_QUERY));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.servingEndpoints().getPermissions("perm-ep"));

    try (Emulator seeded = new Emulator()) {
      seeded.seed(Json.parse("""
          {"serving-endpoints": [{"name": "s", "id": "0123456789abcdef0123456789abcdef",
             "config": {"served_entities": [{"entity_name": "main.ml.m", "entity_version": "4"}]},
             "rate_limits": [{"calls": 5, "renewal_period": "minute"}]}]}"""));
      var e = seeded.dump().get("serving-endpoints").get(0);
      assertEquals("m-4", e.get("config").get("served_entities").get(0).get("name").asText(),
          "a Unity Catalog model's default name uses its last name part");
      assertEquals(5, e.get("rate_limits").get(0).get("calls").asInt());
    }
  }
}
