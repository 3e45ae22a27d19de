package io.dbsync.assess;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.report.KindResult;
import io.dbsync.report.Problem;
import io.dbsync.tf.TfJson;

import java.util.List;
import java.util.Map;

/** The assessment as one JSON document (snake_case keys, the sections in the report's order). */
final class AssessJson {
  private AssessJson() {}

  static ObjectNode of(Assessment a) {
    ObjectNode o = TfJson.object();
    o.put("config", a.configName()).put("source", a.source()).put("target", a.target())
        .put("started", a.started().toString()).put("finished", a.finished().toString());
    ArrayNode kinds = o.putArray("kinds");
    for (KindResult k : a.kinds()) {
      kinds.addObject().put("type", k.type()).put("config_key", k.configKey()).put("directory", k.directory())
          .put("status", k.status().name()).put("listed", k.listed()).put("exported", k.exported())
          .put("failed", k.failed()).put("skipped", k.skipped()).put("listing_error", k.listingError());
    }
    ObjectNode resources = o.putObject("resources");
    a.resources().forEach(resources::put);
    ArrayNode skipped = o.putArray("skipped");
    a.skipped().forEach(s -> strings(skipped.addObject().put("type", s.type()).put("reason", s.reason())
        .put("count", s.count()), "examples", s.examples()));
    ArrayNode principals = o.putArray("principals");
    a.principals().forEach(p -> strings(principals.addObject().put("principal", p.principal()).put("kind", p.kind())
        .put("in_target", p.inTarget().name().toLowerCase(java.util.Locale.ROOT)), "used_by", p.usedBy()));
    // the shape the import's JSON plan carries under databricks_sync.mapping, and the file
    o.putObject("mapping").put("file", a.mapping().file()).setAll(a.mapping().translation().json());
    Assessment.Secrets s = a.secrets();
    ObjectNode secrets = o.putObject("secrets_without_values").put("secrets", s.secrets()).put("scopes", s.scopes())
        .put("readable_by", s.readableBy());
    strings(secrets, "key_vault_scopes", s.keyVaultScopes());
    strings(secrets, "other_sensitive_variables", s.otherSensitive());
    ArrayNode adopted = o.putArray("adopted");
    a.adopted().forEach(ad -> strings(adopted.addObject().put("directory", ad.directory()).put("count", ad.count()),
        "examples", ad.examples()));
    ObjectNode estimates = o.putObject("estimates");
    estimate(estimates.putObject("export"), a.export());
    estimate(estimates.putObject("import"), a.importing());
    problems(o.putArray("warnings"), a.warnings());
    problems(o.putArray("failures"), a.failures());
    strings(o, "notes", a.notes());
    return o;
  }

  private static void estimate(ObjectNode o, Assessment.Estimate e) {
    o.put("total_calls", e.totalCalls()).put("seconds", round(e.seconds()))
        .put("rate_bound_seconds", round(e.rateBoundSeconds())).put("slowest_limit", e.slowestKey())
        .put("latency_bound_seconds", round(e.latencyBoundSeconds()));
    ObjectNode calls = o.putObject("calls");
    e.calls().forEach(calls::put);
    ObjectNode seconds = o.putObject("seconds_by_limit");
    for (Map.Entry<String, Double> x : e.secondsByKey().entrySet()) {
      seconds.put(x.getKey(), round(x.getValue()));
    }
    strings(o, "notes", e.notes());
  }

  static double round(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }

  private static void problems(ArrayNode arr, List<Problem> problems) {
    problems.forEach(p -> arr.addObject().put("type", p.type()).put("object", p.object()).put("message", p.message()));
  }

  private static ObjectNode strings(ObjectNode o, String field, List<String> values) {
    ArrayNode arr = o.putArray(field);
    values.forEach(arr::add);
    return o;
  }
}
