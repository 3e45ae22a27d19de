package io.dbsync.kind.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.client.TokenPages;
import io.dbsync.config.Selection;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.compute.Attrs;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * databricks_notification_destination: where jobs and alerts send notifications (email, Slack,
 * generic webhook, Microsoft Teams, PagerDuty). The API never returns the secret parts of a
 * destination (a webhook's URL and credentials, a Slack URL, channel and token, every Teams field, a
 * PagerDuty key): it answers {@code <field>_set: true}. Each such field becomes a sensitive variable
 * the importer supplies, as secret values do; it is never in git, and the state keeps it only as a
 * salted hash. The config block's kind cannot change in place (a replace, as in the provider).
 *
 * <p>Display names are not unique, so only an untracked twin is adopted (same name, same type and the
 * same readable settings), which is how a run that died after a create resumes without a duplicate.
 */
public final class NotificationDestinationKind implements Kind {
  public static final String TYPE = "databricks_notification_destination";
  static final String BASE = "/api/2.0/notification-destinations";
  private static final String SET_SUFFIX = "_set";

  private static final KindInfo INFO = KindInfo.exported(TYPE, "notification_destination", "notification_destination",
      "Notification destinations (secret URLs, keys and tokens as variables)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  /** The fields the API answers only with {@code <field>_set: true} (see the class comment). */
  @Override
  public Set<String> writeOnly() {
    return Set.of("config.generic_webhook.url", "config.generic_webhook.username", "config.generic_webhook.password",
        "config.slack.url", "config.slack.channel_id", "config.slack.oauth_token",
        "config.microsoft_teams.url", "config.microsoft_teams.app_id", "config.microsoft_teams.auth_secret",
        "config.microsoft_teams.tenant_id", "config.microsoft_teams.channel_url",
        "config.pagerduty.integration_key");
  }

  @Override
  public Set<String> forceNew() {
    return Set.of("config.email", "config.slack", "config.generic_webhook", "config.microsoft_teams", "config.pagerduty");
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    Selection sel = ctx.settings().selection();
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode d : listAll(ctx)) {
      String name = Attrs.text(d, "display_name");
      if (sel.selects(name, d)) {
        out.add(new SourceObject(Attrs.text(d, "id"), Names.safe(name), null));
      }
    }
    return out;
  }

  private static List<JsonNode> listAll(KindContext ctx) throws IOException {
    return TokenPages.all(ctx.client(), BASE, Map.of("page_size", "100"), "results", "page_token");
  }

  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    return Rest.getOrNull(ctx.client(), BASE + "/" + id);
  }

  /**
   * display_name and config; each write-only field the API flags as set is a sensitive variable (at
   * refresh its value is unknown and the field left out: the engine compares it with its state).
   */
  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    String name = Attrs.text(raw, "display_name");
    out.put("display_name", name);
    ObjectNode config = out.putObject("config");
    Iterator<Map.Entry<String, JsonNode>> kinds = raw.path("config").properties().iterator();
    while (kinds.hasNext()) {
      Map.Entry<String, JsonNode> kind = kinds.next();
      ObjectNode fields = config.putObject(kind.getKey());
      Iterator<Map.Entry<String, JsonNode>> it = kind.getValue().properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> f = it.next();
        if (!f.getKey().endsWith(SET_SUFFIX)) {
          fields.set(f.getKey(), f.getValue().deepCopy());
        } else if (f.getValue().asBoolean(false)) {
          String field = f.getKey().substring(0, f.getKey().length() - SET_SUFFIX.length());
          String value = rendering.variable(variableName(name, kind.getKey(), field),
              "The " + field + " of " + kind.getKey() + " notification destination " + name, true, null);
          if (value != null) {
            fields.put(field, value);
          }
        }
      }
    }
    return TfJson.prune(out);
  }

  /** notification_&lt;destination&gt;_&lt;config kind&gt;_&lt;field&gt;, as a Terraform identifier. */
  public static String variableName(String destination, String configKind, String field) {
    return Names.safe("notification_" + destination + "_" + configKind + "_" + field);
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    return Rest.post(ctx.client(), BASE, attrs).get("id").asText();
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    Rest.patch(ctx.client(), BASE + "/" + id, attrs);
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    Rest.deleteTolerantOfGone(ctx.client(), BASE + "/" + id);
  }

  /**
   * An untracked destination with the same name, the same kind of config and the same readable
   * settings (email addresses; every other setting is write-only and cannot be compared).
   */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = Attrs.text(attrs, "display_name");
    if (name == null) {
      return Optional.empty();
    }
    for (JsonNode d : listAll(ctx)) {
      String id = Attrs.text(d, "id");
      if (name.equals(Attrs.text(d, "display_name")) && !ctx.isTracked(TYPE, id)) {
        JsonNode current = read(ctx, id);
        if (current != null && readableSettingsEqual(current.path("config"), attrs.path("config"))) {
          return Optional.of(id);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean readableSettingsEqual(JsonNode current, JsonNode desired) {
    Set<String> kinds = new TreeSet<>();
    current.fieldNames().forEachRemaining(kinds::add);
    Set<String> desiredKinds = new TreeSet<>();
    desired.fieldNames().forEachRemaining(desiredKinds::add);
    if (!kinds.equals(desiredKinds)) {
      return false;
    }
    for (String kind : kinds) {
      Iterator<Map.Entry<String, JsonNode>> it = current.get(kind).properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> f = it.next();
        if (!f.getKey().endsWith(SET_SUFFIX) && !f.getValue().equals(desired.get(kind).get(f.getKey()))) {
          return false;
        }
      }
    }
    return true;
  }
}
