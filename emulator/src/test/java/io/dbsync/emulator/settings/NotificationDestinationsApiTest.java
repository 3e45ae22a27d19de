package io.dbsync.emulator.settings;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.settings.Config;
import com.databricks.sdk.service.settings.CreateNotificationDestinationRequest;
import com.databricks.sdk.service.settings.DestinationType;
import com.databricks.sdk.service.settings.EmailConfig;
import com.databricks.sdk.service.settings.GenericWebhookConfig;
import com.databricks.sdk.service.settings.ListNotificationDestinationsRequest;
import com.databricks.sdk.service.settings.ListNotificationDestinationsResult;
import com.databricks.sdk.service.settings.NotificationDestination;
import com.databricks.sdk.service.settings.PagerdutyConfig;
import com.databricks.sdk.service.settings.SlackConfig;
import com.databricks.sdk.service.settings.UpdateNotificationDestinationRequest;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class NotificationDestinationsApiTest extends EmulatorSdkTest {

  @Test
  void secretsAreWriteOnly() throws Exception {
    NotificationDestination hook = w.notificationDestinations().create(new CreateNotificationDestinationRequest()
        .setDisplayName("ops-hook").setConfig(new Config().setGenericWebhook(new GenericWebhookConfig()
            .setUrl("https://hooks.example.com/x").setUsername("bot").setPassword("hunter2"))));
    assertEquals(DestinationType.WEBHOOK, hook.getDestinationType());
    GenericWebhookConfig shown = hook.getConfig().getGenericWebhook();
    assertNull(shown.getUrl());
    assertNull(shown.getPassword());
    assertEquals(true, shown.getUrlSet());
    assertEquals(true, shown.getUsernameSet());
    assertEquals(true, shown.getPasswordSet());
    assertFalse(raw("GET", "/api/2.0/notification-destinations/" + hook.getId(), null).body().toString().contains("hunter2"));

    NotificationDestination renamed = w.notificationDestinations().update(new UpdateNotificationDestinationRequest().setId(hook.getId())
        .setDisplayName("ops-hook-2").setConfig(new Config().setGenericWebhook(new GenericWebhookConfig().setUrl("https://new"))));
    assertEquals("ops-hook-2", renamed.getDisplayName());
    assertEquals(true, renamed.getConfig().getGenericWebhook().getPasswordSet(), "fields an update leaves out are kept");
    org.junit.jupiter.api.Assertions.assertTrue(emu.dump().get("notification-destinations").toString().contains("\"url\":\"https://new\""),
        "the new URL replaced the old one");

    NotificationDestination mail = w.notificationDestinations().create(new CreateNotificationDestinationRequest()
        .setDisplayName("oncall-mail").setConfig(new Config().setEmail(new EmailConfig().setAddresses(List.of("a@x.com", "b@x.com")))));
    assertEquals(List.of("a@x.com", "b@x.com"), List.copyOf(w.notificationDestinations().get(mail.getId()).getConfig().getEmail()
        .getAddresses()), "email addresses are readable");
    NotificationDestination slack = w.notificationDestinations().create(new CreateNotificationDestinationRequest()
        .setDisplayName("slack").setConfig(new Config().setSlack(new SlackConfig().setUrl("https://hooks.slack.com/s"))));
    assertEquals(true, slack.getConfig().getSlack().getUrlSet());
    assertNull(slack.getConfig().getSlack().getOauthTokenSet());

    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.notificationDestinations().update(
        new UpdateNotificationDestinationRequest().setId(slack.getId()).setConfig(new Config().setPagerduty(
            new PagerdutyConfig().setIntegrationKey("k")))));
    w.notificationDestinations().delete(slack.getId());
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.notificationDestinations().get(slack.getId()));
  }

  @Test
  void errors() {
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.notificationDestinations().create(
        new CreateNotificationDestinationRequest().setDisplayName("none")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.notificationDestinations().create(
        new CreateNotificationDestinationRequest().setDisplayName("two").setConfig(new Config()
            .setEmail(new EmailConfig().setAddresses(List.of("a@x.com"))).setPagerduty(new PagerdutyConfig().setIntegrationKey("k")))));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.notificationDestinations().create(
        new CreateNotificationDestinationRequest().setConfig(new Config().setPagerduty(new PagerdutyConfig().setIntegrationKey("k")))));
  }

  @Test
  void listPagesAndSeed() throws Exception {
    try (Emulator fresh = new Emulator().start()) {
      var client = new com.databricks.sdk.WorkspaceClient(new com.databricks.sdk.core.DatabricksConfig()
          .setHost(fresh.url()).setToken(fresh.token()).setAuthType("pat"));
      for (int i = 0; i < 5; i++) {
        client.notificationDestinations().create(new CreateNotificationDestinationRequest().setDisplayName("d" + i)
            .setConfig(new Config().setPagerduty(new PagerdutyConfig().setIntegrationKey("key" + i))));
      }
      List<ListNotificationDestinationsResult> all = StreamSupport.stream(client.notificationDestinations()
          .list(new ListNotificationDestinationsRequest().setPageSize(2L)).spliterator(), false).toList();
      assertEquals(List.of("d0", "d1", "d2", "d3", "d4"), all.stream().map(ListNotificationDestinationsResult::getDisplayName).toList());
      assertEquals(DestinationType.PAGERDUTY, all.get(0).getDestinationType());
      assertEquals(3, fresh.requests().route("GET /api/2.0/notification-destinations"));
    }
    try (Emulator seeded = new Emulator()) {
      seeded.seed(Json.parse("""
          {"notification-destinations": [{"id": "n1", "display_name": "pd", "config": {"pagerduty": {"integration_key": "s3cr3t"}}}]}"""));
      var d = seeded.dump().get("notification-destinations").get(0);
      assertEquals("PAGERDUTY", d.get("destination_type").asText());
      assertEquals("s3cr3t", d.get("config").get("pagerduty").get("integration_key").asText(), "the dump is a test instrument");
    }
  }
}
