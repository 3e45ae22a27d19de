package io.dbsync.kind.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.dbsync.kind.workspace.KindTestSupport.assertGolden;
import static io.dbsync.kind.workspace.KindTestSupport.document;
import static io.dbsync.kind.workspace.KindTestSupport.exportContext;
import static io.dbsync.kind.workspace.KindTestSupport.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotificationDestinationKindTest {
  private static final String URL = "https://example.com/hook/s3cr3t";
  private final NotificationDestinationKind kind = new NotificationDestinationKind();

  static String destination(TestWorkspace ws, String json) throws Exception {
    return Rest.post(ws.client(), NotificationDestinationKind.BASE, TfJson.MAPPER.readTree(json)).get("id").asText();
  }

  /** The secrets in the target, through the emulator's dump (the API never returns them). */
  private static JsonNode stored(TestWorkspace ws, String id) {
    for (JsonNode d : ws.emulator().dump().path("notification-destinations")) {
      if (id.equals(d.path("id").asText())) {
        return d;
      }
    }
    return null;
  }

  @Test
  void writeOnlySettingsBecomeSensitiveVariables(@TempDir Path tmp) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      String hook = destination(src, """
          {"display_name": "ops hook", "config": {"generic_webhook": {"url": "%s", "username": "ops", "password": "pw"}}}"""
          .formatted(URL));
      destination(src, """
          {"display_name": "oncall", "config": {"email": {"addresses": ["a@example.com", "b@example.com"]}}}""");
      TestExportContext ctx = exportContext(src.client(), "notification_destination", null, tmp);
      List<SourceObject> listed = kind.list(ctx);
      assertEquals(List.of("oncall", Names.safe("ops hook")), listed.stream().map(SourceObject::name).sorted().toList());
      SourceObject hookObj = listed.stream().filter(o -> o.id().equals(hook)).findFirst().orElseThrow();
      List<ExportedResource> exported = KindHarness.export(kind, ctx, hookObj);
      assertGolden("notification_destination/ops_hook.tf.json", document(exported));
      assertFalse(document(exported).toString().contains("s3cr3t"), "secrets never reach the export");
      String urlVar = NotificationDestinationKind.variableName("ops hook", "generic_webhook", "url");
      assertTrue(ctx.variables.containsKey(urlVar), ctx.variables.toString());

      KindHarness.Apply apply = KindHarness.applying(dst.client());
      ObjectNode desired = resolve(exported.get(0).attrs(), Map.of("${var." + urlVar + "}", URL,
          "${var." + NotificationDestinationKind.variableName("ops hook", "generic_webhook", "username") + "}", "ops",
          "${var." + NotificationDestinationKind.variableName("ops hook", "generic_webhook", "password") + "}", "pw"));
      assertTrue(kind.adopt(apply, desired).isEmpty());
      String created = kind.create(apply, desired);
      assertEquals(URL, stored(dst, created).at("/config/generic_webhook/url").asText(), "the variable's value is sent");
      ObjectNode refreshed = kind.refresh(apply, created).orElseThrow();
      assertEquals("ops hook", refreshed.get("display_name").asText());
      assertFalse(refreshed.toString().contains(URL), "a refresh cannot see write-only values: " + refreshed);

      assertEquals(Optional.of(created), kind.adopt(apply, desired), "an untracked twin (a crashed create) is adopted");
      KindHarness.Apply tracking = KindHarness.applying(dst.client()).tracking((type, id) -> id.equals(created));
      assertTrue(kind.adopt(tracking, desired).isEmpty(), "a destination the state tracks is never adopted twice");

      ObjectNode changed = desired.deepCopy();
      ((ObjectNode) changed.at("/config/generic_webhook")).put("url", "https://example.com/hook/new");
      kind.update(apply, created, changed, desired);
      assertEquals("https://example.com/hook/new", stored(dst, created).at("/config/generic_webhook/url").asText());

      kind.delete(apply, created, changed);
      assertNull(KindHarness.read(kind, dst.client(), created));
      kind.delete(apply, created, changed);
    }
  }

  @Test
  void emailDestinationsRoundTripAndAdoptOnlyTheSameAddresses(@TempDir Path tmp) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      destination(src, "{\"display_name\": \"oncall\", \"config\": {\"email\": {\"addresses\": [\"a@example.com\"]}}}");
      TestExportContext ctx = exportContext(src.client(), "notification_destination", null, tmp);
      ObjectNode attrs = KindHarness.export(kind, ctx, kind.list(ctx).get(0)).get(0).attrs();
      assertTrue(ctx.variables.isEmpty(), "email addresses are readable: no variable");

      KindHarness.Apply apply = KindHarness.applying(dst.client());
      destination(dst, "{\"display_name\": \"oncall\", \"config\": {\"email\": {\"addresses\": [\"other@example.com\"]}}}");
      assertTrue(kind.adopt(apply, attrs).isEmpty(), "the same name with other addresses is another destination");
      String created = kind.create(apply, attrs);
      assertEquals(attrs, kind.refresh(apply, created).orElseThrow());
      assertEquals(Optional.of(created), kind.adopt(apply, attrs));
    }
  }

  @Test
  void theKindOfConfigCannotChangeInPlace() {
    assertTrue(kind.forceNew().containsAll(List.of("config.email", "config.slack", "config.generic_webhook",
        "config.microsoft_teams", "config.pagerduty")));
    assertFalse(kind.forceNew().contains("display_name"));
  }
}
