package io.dbsync.emulator.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.ApiException;

/**
 * What Lakeview does to a {@code serialized_dashboard} it stores (as Databricks' own test server
 * records it from the cloud): the text is kept verbatim unless something is injected, namely a
 * {@code pageType} of PAGE_TYPE_CANVAS on pages without one and the {@code dataset_catalog} /
 * {@code dataset_schema} overrides on every dataset; then it is re-serialized compactly with sorted
 * keys (as is an empty object). The stored text always ends with one newline.
 */
final class SerializedDashboard {
  private SerializedDashboard() {}

  static String normalize(String text, String datasetCatalog, String datasetSchema) {
    JsonNode parsed;
    try {
      parsed = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiException.invalidParameter("serialized_dashboard is not valid JSON: " + e.getOriginalMessage());
    }
    if (parsed == null || !parsed.isObject()) {
      throw ApiException.invalidParameter("serialized_dashboard must be a JSON object");
    }
    ObjectNode dashboard = (ObjectNode) parsed;
    boolean mutated = false;
    for (JsonNode page : dashboard.path("pages")) {
      if (page.isObject() && !page.has("pageType")) {
        ((ObjectNode) page).put("pageType", "PAGE_TYPE_CANVAS");
        mutated = true;
      }
    }
    for (JsonNode dataset : dashboard.path("datasets")) {
      if (dataset.isObject() && datasetCatalog != null && !datasetCatalog.isEmpty()) {
        ((ObjectNode) dataset).put("catalog", datasetCatalog);
        mutated = true;
      }
      if (dataset.isObject() && datasetSchema != null && !datasetSchema.isEmpty()) {
        ((ObjectNode) dataset).put("schema", datasetSchema);
        mutated = true;
      }
    }
    String out = text;
    if (mutated || dashboard.isEmpty()) {
      try {
        out = Json.MAPPER.writeValueAsString(Json.MAPPER.treeToValue(dashboard, Object.class));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out.endsWith("\n") ? out : out + "\n";
  }
}
