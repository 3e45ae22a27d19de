package io.dbsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.Cloud;

import java.util.List;
import java.util.Map;

/**
 * Cloud attribute blocks across clouds: another cloud's {@code aws_attributes} /
 * {@code azure_attributes} / {@code gcp_attributes} becomes the target's block. What has a counterpart
 * is translated (availability: spot, on-demand, spot with fallback; first_on_demand); Azure spot gets
 * {@code spot_bid_max_price: -1} (pay up to the on-demand price); the mapping file's
 * {@code cloud_attributes.<cloud>} fill in the rest; what has none (zones, EBS volumes, bid percentages,
 * service accounts) is left out and counted in the summary. Instance pools have their own block shape
 * (availability only, {@code gcp_availability} on GCP) and disk types.
 */
final class CloudBlocks {
  static final String POOL_TYPE = "databricks_instance_pool";

  /** Availability values by cloud, in the order spot, on-demand, spot with fallback. */
  private static final Map<Cloud, List<String>> CLUSTER_AVAILABILITY = Map.of(
      Cloud.AWS, List.of("SPOT", "ON_DEMAND", "SPOT_WITH_FALLBACK"),
      Cloud.AZURE, List.of("SPOT_AZURE", "ON_DEMAND_AZURE", "SPOT_WITH_FALLBACK_AZURE"),
      Cloud.GCP, List.of("PREEMPTIBLE_GCP", "ON_DEMAND_GCP", "PREEMPTIBLE_WITH_FALLBACK_GCP"));
  /** Pools have no fallback: spot, on-demand. */
  private static final Map<Cloud, List<String>> POOL_AVAILABILITY = Map.of(
      Cloud.AWS, List.of("SPOT", "ON_DEMAND"),
      Cloud.AZURE, List.of("SPOT_AZURE", "ON_DEMAND_AZURE"),
      Cloud.GCP, List.of("PREEMPTIBLE_GCP", "ON_DEMAND_GCP"));
  /** Pool disk types, AWS EBS volume type to Azure managed disk type. */
  private static final Map<String, String> EBS_TO_AZURE = Map.of(
      "GENERAL_PURPOSE_SSD", "PREMIUM_LRS", "THROUGHPUT_OPTIMIZED_HDD", "STANDARD_LRS");

  private CloudBlocks() {}

  static void apply(TranslationRun run, String type, ObjectNode attrs) {
    boolean pool = type.equals(POOL_TYPE);
    TranslationRun.forEachObject(attrs, o -> translateIn(run, o, pool && o == attrs));
    if (pool && attrs.path("disk_spec").path("disk_type") instanceof ObjectNode diskType) {
      diskType(run, (ObjectNode) attrs.get("disk_spec"), diskType);
    }
  }

  private static void translateIn(TranslationRun run, ObjectNode o, boolean pool) {
    Cloud to = run.targetCloud();
    for (Cloud from : Cloud.values()) {
      if (from == to || !(o.get(from.attributesBlock) instanceof ObjectNode block)) {
        continue;
      }
      o.remove(from.attributesBlock);
      ObjectNode out = o.get(to.attributesBlock) instanceof ObjectNode existing ? existing : o.objectNode();
      for (Map.Entry<String, JsonNode> e : block.properties()) {
        String field = field(e.getKey(), from, to, pool);
        if (field == null) {
          if (!e.getKey().equals("instance_profile_arn")) { // instance profiles report themselves
            run.summary.count(from.attributesBlock + "." + e.getKey() + " left out (no " + to.id() + " counterpart)");
          }
          continue;
        }
        JsonNode v = e.getValue();
        if (isAvailability(e.getKey()) && v.isTextual()) {
          String translated = availability(v.asText(), from, to, pool);
          if (translated == null) {
            run.summary.count(from.attributesBlock + "." + e.getKey() + " " + v.asText() + " left out (unknown value)");
            continue;
          }
          out.putIfAbsent(field, o.textNode(translated));
        } else {
          out.putIfAbsent(field, v);
        }
      }
      if (to == Cloud.AZURE && isSpot(out.path("availability").asText(""))) {
        out.putIfAbsent("spot_bid_max_price", o.numberNode(-1));
      }
      ObjectNode defaults = run.mapping.cloudAttributes(to);
      if (defaults != null) {
        defaults.properties().forEach(d -> out.putIfAbsent(d.getKey(), d.getValue()));
      }
      run.summary.count(from.attributesBlock + " -> " + to.attributesBlock + (pool ? " (instance pool)" : ""));
      if (!out.isEmpty()) {
        o.set(to.attributesBlock, out);
      }
    }
  }

  /** The target block's field for a source block's field, or null when it has no counterpart. */
  static String field(String field, Cloud from, Cloud to, boolean pool) {
    if (isAvailability(field)) {
      return pool && to == Cloud.GCP ? "gcp_availability" : "availability";
    }
    return !pool && field.equals("first_on_demand") ? field : null;
  }

  static boolean isAvailability(String field) {
    return field.equals("availability") || field.equals("gcp_availability");
  }

  /** The target's availability value for a source value (spot, on-demand, fallback), null if unknown. */
  static String availability(String value, Cloud from, Cloud to, boolean pool) {
    int i = CLUSTER_AVAILABILITY.get(from).indexOf(value);
    if (i < 0) {
      return null;
    }
    List<String> target = (pool ? POOL_AVAILABILITY : CLUSTER_AVAILABILITY).get(to);
    return target.get(i < target.size() ? i : 0);
  }

  private static boolean isSpot(String availability) {
    return availability.startsWith("SPOT");
  }

  private static void diskType(TranslationRun run, ObjectNode diskSpec, ObjectNode diskType) {
    Cloud to = run.targetCloud();
    String ebs = diskType.path("ebs_volume_type").asText(null);
    String azure = diskType.path("azure_disk_volume_type").asText(null);
    String translated = null;
    String field = null;
    if (to == Cloud.AZURE && ebs != null) {
      field = "azure_disk_volume_type";
      translated = EBS_TO_AZURE.get(ebs);
    } else if (to == Cloud.AWS && azure != null) {
      field = "ebs_volume_type";
      translated = EBS_TO_AZURE.entrySet().stream().filter(e -> e.getValue().equals(azure))
          .map(Map.Entry::getKey).findFirst().orElse(null);
    } else if (to == Cloud.GCP && (ebs != null || azure != null)) {
      field = "";
    }
    if (field == null) {
      return;
    }
    diskSpec.remove("disk_type");
    if (translated != null) {
      diskSpec.putObject("disk_type").put(field, translated);
      run.summary.count("instance pool disk type " + (ebs != null ? ebs : azure) + " -> " + translated);
    } else {
      run.summary.count("instance pool disk type " + (ebs != null ? ebs : azure) + " left out (no " + to.id() + " counterpart)");
    }
  }
}
